/**
 * The Cypher maps queries return entities and relations as, each paired with its reader in
 * `read.ts`. Property names come from the readers' tables, never from the caller.
 */
import type { EntityModel, ListNeeds } from '../../../model/models.js';
import { ENTITY_PROPERTIES, RELATION_PROPERTIES } from './read.js';
import { SOURCE_PROPERTIES } from './stored-fields.js';

/** The fields the map draws (viz/src/queries.ts), for views of thousands of entities. */
const MAP_ENTITY_PROPERTIES = [
  'slug',
  'name',
  'kind',
  'category',
  'location',
  'date',
  'place',
  'format',
] as const satisfies readonly (keyof EntityModel)[];

const projection = (n: string, keys: readonly string[]) => `${n} {${keys.map((k) => `.${k}`).join(', ')}}`;

/** Cypher map of a whole entity node `n`; pair with `entityFromProps`. */
export const ENTITY_PROJECTION = (n: string) => projection(n, ENTITY_PROPERTIES);
/** Cypher map of what the map draws of `n`; pair with `partialEntityFromProps`. */
export const MAP_ENTITY_PROJECTION = (n: string) => projection(n, MAP_ENTITY_PROPERTIES);
/** Cypher map of the slug, name and kind of any node expression; pair with `partialEntityFromProps`. */
export const ENTITY_STUB_PROJECTION = (n: string) => `{slug: ${n}.slug, name: ${n}.name, kind: ${n}.kind}`;
/**
 * Cypher map of what the map draws of any node expression (`startNode(r)` too, which the map
 * projection syntax does not take); pair with `partialEntityFromProps`.
 */
const DRAWN_PROJECTION = (n: string) => `{${MAP_ENTITY_PROPERTIES.map((k) => `${k}: ${n}.${k}`).join(', ')}}`;

/**
 * How a relation's end is read: its stub (slug, name, kind), only its slug, or what the map
 * draws of it (its stub and its kind's fields, such as an event's date: a path's ends are
 * shown with them, and a stub would load each end again).
 */
export type EndRead = 'stub' | 'slug' | 'drawn';

export interface RelationProjectionOptions {
  /**
   * Without them the quotes stay in the database until asked for. `'sections'`: their sections
   * only, for a client that selected nothing else of them (the map): the sources read back then
   * have empty quotes, and must answer that client only.
   */
  sources: boolean | 'sections';
  /** Read only these properties (and the id); every property when absent. */
  only?: readonly string[];
  /**
   * Variables the query already bound to the start and end nodes: their stubs are read from them,
   * where `startNode(r)`/`endNode(r)` would look each node up again.
   */
  endNodes?: { from: string; to: string };
  /** The seed file and position the staff editor keeps a relation in. */
  origin?: boolean;
  /**
   * How each end is read: its stub (slug, name and kind; the default) or only its slug, when the
   * query returns the ends' entities anyway (the map view: each end read costs Neo4j a relationship
   * lookup, and six of them per edge doubled the time of a large view) or the client did not select
   * that end (a list of relations from one entity repeats it on every item).
   */
  ends?: { from: EndRead; to: EndRead };
  /** A Cypher list of the lists nested in this relation's items (see relation-lists.ts). */
  nested?: string;
}

/**
 * Cypher map of a relationship with the slug, name and kind of both ends (or only their slugs);
 * pair with `relationFromValue`.
 */
export const RELATION_PROJECTION = (r: string, options: RelationProjectionOptions = { sources: true }) => {
  const only = options.only;
  const keys = [
    ...(only ? RELATION_PROPERTIES.filter((key) => key === 'id' || only.includes(key)) : RELATION_PROPERTIES),
    ...(options.sources === 'sections' ? ['sourceSections'] : options.sources ? SOURCE_PROPERTIES : []),
    ...(options.origin ? ['originFile', 'originPosition'] : []),
  ];
  const end = (read: EndRead | undefined, n: string) =>
    read === 'slug' ? `${n}.slug` : read === 'drawn' ? DRAWN_PROJECTION(n) : ENTITY_STUB_PROJECTION(n);
  const from = end(options.ends?.from, options.endNodes?.from ?? `startNode(${r})`);
  const to = end(options.ends?.to, options.endNodes?.to ?? `endNode(${r})`);
  const nested = options.nested ? `, nested: ${options.nested}` : '';
  return `{ props: ${projection(r, keys)}, type: type(${r}), from: ${from}, to: ${to}${nested} }`;
};

/** The projection of a list's relations: what its client selected (see `ListNeeds`). */
export const listedRelationProjection = (
  needs: ListNeeds,
  endNodes?: RelationProjectionOptions['endNodes'],
): RelationProjectionOptions => ({
  sources: needs.fields.includes('sources'),
  only: needs.fields,
  endNodes,
  ends: { from: endRead(needs, 'from'), to: endRead(needs, 'to') },
});

const endRead = (needs: ListNeeds, end: 'from' | 'to'): EndRead => (needs.fields.includes(end) ? 'stub' : 'slug');
