/**
 * Conversions between models and Neo4j properties, in one place so that the loader, the
 * repositories and the exporter agree on how an entity or a relation is stored.
 */

import { isInt } from 'neo4j-driver';
import type { EntityModel, ListNeeds, PartialEntity, RelationModel, RelationRefModel } from '../../model/models.js';
import { deriveRelationId, type Entity, type Relation } from '../../model/seed-format.js';
import { yearOf } from '../../model/validity.js';
import { slugify } from '../../model/vocabulary.js';

/** Accent- and case-insensitive key used for exact-name ranking and software lookup. */
export const nameKey = (text: string) => slugify(text);

/**
 * What the graph stores beside the public model: the optimistic-concurrency version and the
 * staff-only notes. Kept out of `EntityModel`/`RelationModel` so that public code paths never
 * handle them; the staff fields of the schema read them through `staffFieldsOf`.
 */
export interface StaffFields {
  version: number;
  internalNotes: string | null;
}
export type StoredEntity = EntityModel & StaffFields;
export type StoredRelation = RelationModel & StaffFields;

/** The staff fields of a model read from the graph (version 1 and no notes for anything else). */
export function staffFieldsOf(model: EntityModel | RelationModel): StaffFields {
  const stored = model as Partial<StaffFields>;
  return { version: stored.version ?? 1, internalNotes: stored.internalNotes ?? null };
}

/** Properties written on an entity node (besides its labels). */
export function entityProperties(entity: Entity, origin: { file: string; position: number } | null) {
  return {
    slug: entity.slug,
    name: entity.name,
    kind: entity.kind,
    aliases: entity.aliases,
    summary: entity.summary ?? null,
    url: entity.url ?? null,
    category: 'category' in entity ? (entity.category ?? null) : null,
    location: 'location' in entity ? (entity.location ?? null) : null,
    date: 'date' in entity ? entity.date : null,
    place: 'place' in entity ? (entity.place ?? null) : null,
    format: 'format' in entity ? (entity.format ?? null) : null,
    nameKey: nameKey(entity.name),
    aliasKeys: entity.aliases.map(nameKey),
    // Full-text indexes cannot index lists: the aliases are indexed through this joined copy.
    aliasText: entity.aliases.join(' | '),
    internalNotes: entity.internalNotes ?? null,
    version: entity.version ?? 1,
    originFile: origin?.file ?? null,
    originPosition: origin?.position ?? null,
  };
}

/** Properties written on a relationship (its type is the relationship type). */
export function relationProperties(
  relation: Relation & { id: string },
  origin: { file: string; position: number } | null,
) {
  return {
    id: relation.id,
    role: relation.role ?? null,
    software: relation.software ?? null,
    resource: relation.resource ?? null,
    since: relation.since ?? null,
    until: relation.until ?? null,
    // Integer years make `activeIn` a cheap range filter.
    sinceYear: yearOf(relation.since),
    untilYear: yearOf(relation.until),
    amount: relation.amount ?? null,
    currency: relation.currency ?? null,
    description: relation.description ?? null,
    // Neo4j properties cannot hold maps: sources are stored as two parallel lists.
    sourceSections: relation.sources.map((s) => s.section),
    sourceQuotes: relation.sources.map((s) => s.quote),
    internalNotes: relation.internalNotes ?? null,
    version: relation.version ?? 1,
    originFile: origin?.file ?? null,
    originPosition: origin?.position ?? null,
  };
}

type Props = Record<string, unknown>;

/**
 * How each stored property becomes a model field (Neo4j integers to numbers, absent to null).
 * The keys are also what queries return (see the projections below): the model's fields, never the
 * storage-only ones (search keys, years, origin), which would only be decoded to be dropped.
 */
type Reader = (value: unknown) => unknown;
const text: Reader = (value) => (value === null || value === undefined ? null : String(value));
const number: Reader = (value) => (isInt(value) ? value.toNumber() : typeof value === 'number' ? value : null);
const version: Reader = (value) => number(value) ?? 1;
const strings: Reader = (value) => (Array.isArray(value) ? value : []);

const ENTITY_READERS = {
  slug: String,
  name: String,
  kind: (value) => value,
  aliases: strings,
  summary: text,
  url: text,
  category: text,
  location: text,
  date: text,
  place: text,
  format: text,
  version,
  internalNotes: text,
} satisfies Record<keyof StoredEntity, Reader>;

const RELATION_READERS = {
  id: String,
  role: text,
  software: text,
  resource: text,
  since: text,
  until: text,
  amount: number,
  currency: text,
  description: text,
  version,
  internalNotes: text,
} satisfies Partial<Record<keyof StoredRelation, Reader>>;

type EntityKey = keyof typeof ENTITY_READERS;
type RelationKey = keyof typeof RELATION_READERS;
const ENTITY_PROPERTIES = Object.keys(ENTITY_READERS) as EntityKey[];
const RELATION_PROPERTIES = Object.keys(RELATION_READERS) as RelationKey[];

/** The fields of `readers` that `raw` holds (all of `keys`: absent ones are read as absent). */
function readFields(raw: Props, readers: Record<string, Reader>, keys: readonly string[]): Props {
  const fields: Props = {};
  for (const key of keys) fields[key] = readers[key]!(raw[key]);
  return fields;
}

/** Adds to `fields` those of `readers` that `raw` holds (what a query read); returns how many. */
function readPresentFields(raw: Props, readers: Record<string, Reader>, fields: Props): number {
  let count = 0;
  for (const key in raw) {
    const read = readers[key];
    if (read) {
      fields[key] = read(raw[key]);
      count++;
    }
  }
  return count;
}

/** Sources are stored as two parallel lists; null when the query left them in the database. */
function sourcesOf(raw: Props): RelationModel['sources'] {
  if (!('sourceSections' in raw)) return null;
  const quotes = (raw.sourceQuotes as string[] | null) ?? [];
  return ((raw.sourceSections as string[] | null) ?? []).map((section, i) => ({ section, quote: quotes[i] ?? '' }));
}

export function entityFromProps(raw: Props): StoredEntity {
  return readFields(raw, ENTITY_READERS, ENTITY_PROPERTIES) as unknown as StoredEntity;
}

export function relationFromProps(raw: Props, type: string, from: string, to: string): StoredRelation {
  const fields = readFields(raw, RELATION_READERS, RELATION_PROPERTIES);
  return { ...fields, type, from, to, sources: sourcesOf(raw) } as unknown as StoredRelation;
}

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

export type EndRead = 'stub' | 'slug';

export interface RelationProjectionOptions {
  /** Without them the quotes stay in the database until asked for. */
  sources: boolean;
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
    ...(options.sources ? ['sourceSections', 'sourceQuotes'] : []),
    ...(options.origin ? ['originFile', 'originPosition'] : []),
  ];
  const end = (read: EndRead | undefined, n: string) => (read === 'slug' ? `${n}.slug` : ENTITY_STUB_PROJECTION(n));
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

/** The fields of an entity a query fetched (see `PartialEntity`). */
export function partialEntityFromProps(raw: Props): PartialEntity {
  // Built field by field: most are stubs (slug, name, kind) of a list's ends, on a hot path.
  const entity: Props = { partial: true };
  readPresentFields(raw, ENTITY_READERS, entity);
  return entity as unknown as PartialEntity;
}

interface RelationValue {
  props: Props;
  type: string;
  from: Props | string;
  to: Props | string;
}

/** An end as RELATION_PROJECTION read it: its stub, or, read as a slug, its entity in `entities` if any. */
const endFromValue = (end: Props | string, entities?: ReadonlyMap<string, PartialEntity>) =>
  typeof end === 'string' ? entities?.get(end) : partialEntityFromProps(end);

/** A relation from RELATION_PROJECTION; ends read as slugs are looked up in `entities`. */
export function relationFromValue(value: unknown, entities?: ReadonlyMap<string, PartialEntity>): StoredRelation {
  const v = value as RelationValue;
  const from = endFromValue(v.from, entities);
  const to = endFromValue(v.to, entities);
  const relation = relationFromProps(v.props, v.type, from?.slug ?? String(v.from), to?.slug ?? String(v.to));
  if (from && to) relation.ends = { from, to };
  return relation;
}

/**
 * A relation from a `listedRelationProjection`: partial (see `PartialRelation`) when some
 * properties were left in the database. Only what was read is converted: lists are hot paths.
 */
export function listedRelationFromValue(value: unknown): RelationRefModel {
  const v = value as RelationValue;
  const from = endFromValue(v.from);
  const to = endFromValue(v.to);
  const relation: Props = {
    id: String(v.props.id),
    type: v.type,
    from: from?.slug ?? v.from,
    to: to?.slug ?? v.to,
    ends: { from, to },
    sources: sourcesOf(v.props),
  };
  if (readPresentFields(v.props, RELATION_READERS, relation) < RELATION_PROPERTIES.length) relation.partial = true;
  return relation as unknown as RelationRefModel;
}

/**
 * The seed form of an entity: fields in the schema's order, empty ones left out, version only
 * once staff changed it. The exporter writes it; history snapshots store it.
 */
export function entityToSeed(e: StoredEntity) {
  return compact({
    kind: e.kind,
    slug: e.slug,
    name: e.name,
    aliases: e.aliases.length ? e.aliases : undefined,
    category: e.category,
    location: e.location,
    date: e.date,
    place: e.place,
    format: e.format,
    url: e.url,
    summary: e.summary,
    internalNotes: e.internalNotes,
    version: e.version === 1 ? undefined : e.version,
  });
}

/** The seed form of a relation; `id` only when it differs from the derived one. */
export function relationToSeed(r: StoredRelation) {
  return compact({
    id:
      r.id === deriveRelationId({ type: r.type, from: r.from, to: r.to, software: r.software ?? undefined })
        ? undefined
        : r.id,
    type: r.type,
    from: r.from,
    to: r.to,
    role: r.role,
    software: r.software,
    resource: r.resource,
    since: r.since,
    until: r.until,
    amount: r.amount,
    currency: r.currency,
    description: r.description,
    sources: r.sources,
    internalNotes: r.internalNotes,
    version: r.version === 1 ? undefined : r.version,
  });
}

function compact(record: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null && v !== undefined));
}
