/**
 * Backing models from what queries return: Neo4j values are converted here, once, so that
 * resolvers never see driver types. Each reader pairs with a projection of `projections.ts`.
 */
import type { EntityModel, PartialEntity, PartialRelation, RelationModel } from '../../../model/models.js';
import { type Props, RELATION_FIELD_READERS, type Reader, sourcesOf, strings, text, version } from './stored-fields.js';

/**
 * How each stored property becomes a model field. The keys are also what queries return (see the
 * projections): the model's fields, never the storage-only ones (search keys, years, origin),
 * which would only be decoded to be dropped.
 */
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
} satisfies Record<keyof EntityModel, Reader>;

/** A relation's properties: its id, its fields of the relation table, its staff fields. */
const RELATION_READERS = {
  id: String,
  ...RELATION_FIELD_READERS,
  version,
  internalNotes: text,
} satisfies Partial<Record<keyof RelationModel, Reader>>;

/** The properties a query returns of a whole entity or relation (the sources aside). */
export const ENTITY_PROPERTIES = Object.keys(ENTITY_READERS) as (keyof typeof ENTITY_READERS)[];
export const RELATION_PROPERTIES = Object.keys(RELATION_READERS) as (keyof typeof RELATION_READERS)[];

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

export function entityFromProps(raw: Props): EntityModel {
  return readFields(raw, ENTITY_READERS, ENTITY_PROPERTIES) as unknown as EntityModel;
}

export function relationFromProps(raw: Props, type: string, from: string, to: string): RelationModel {
  const fields = readFields(raw, RELATION_READERS, RELATION_PROPERTIES);
  return { ...fields, type, from, to, sources: sourcesOf(raw) } as unknown as RelationModel;
}

/** The fields of an entity a query fetched (see `PartialEntity`). */
export function partialEntityFromProps(raw: Props): PartialEntity {
  // Built field by field: most are stubs (slug, name, kind) of a list's ends, on a hot path.
  const entity: Props = { partial: true };
  readPresentFields(raw, ENTITY_READERS, entity);
  return entity as unknown as PartialEntity;
}

/** What `RELATION_PROJECTION` returns. */
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
export function relationFromValue(value: unknown, entities?: ReadonlyMap<string, PartialEntity>): RelationModel {
  const v = value as RelationValue;
  const from = endFromValue(v.from, entities);
  const to = endFromValue(v.to, entities);
  const relation = relationFromProps(v.props, v.type, from?.slug ?? String(v.from), to?.slug ?? String(v.to));
  if (from && to) relation.ends = { from, to };
  return relation;
}

/**
 * A relation from a `listedRelationProjection` (or a RELATION_PROJECTION with `only`): partial
 * (see `PartialRelation`) when some properties were left in the database. Only what was read is
 * converted: lists are hot paths. Ends read as slugs are looked up in `entities`.
 */
export function listedRelationFromValue(
  value: unknown,
  entities?: ReadonlyMap<string, PartialEntity>,
): RelationModel | PartialRelation {
  const v = value as RelationValue;
  const from = endFromValue(v.from, entities);
  const to = endFromValue(v.to, entities);
  const relation: Props = {
    id: String(v.props.id),
    type: v.type,
    from: from?.slug ?? v.from,
    to: to?.slug ?? v.to,
    ends: { from, to },
    sources: sourcesOf(v.props),
  };
  if (readPresentFields(v.props, RELATION_READERS, relation) < RELATION_PROPERTIES.length) relation.partial = true;
  return relation as unknown as RelationModel | PartialRelation;
}
