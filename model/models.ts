/**
 * Backing models of the API: plain TypeScript shapes, converted once from Neo4j records at the
 * data-access boundary. Resolvers never see driver types.
 */
import type { RelationFieldValues } from './relation-fields.js';
import type { EntityKind, RelationType } from './vocabulary.js';

/**
 * What the graph keeps of every entity and relation beside its public fields: the
 * optimistic-concurrency version (1 for what no one has edited) and the staff-only notes. Only the
 * staff fields of the schema show them, and the export formats list their fields without them.
 */
interface StaffFields {
  version: number;
  internalNotes: string | null;
}

/** A whole entity, as the graph holds it. */
export interface EntityModel extends StaffFields {
  slug: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
  summary: string | null;
  url: string | null;
  category: string | null;
  location: string | null;
  date: string | null;
  place: string | null;
  format: string | null;
}

/**
 * Part of an entity, as lists fetch it: always its slug, name and kind (what most clients show of
 * a related or found entity), sometimes more. Fields it lacks are loaded on demand, in one batched
 * round trip, by whoever needs them (`entityField` in the schema). An entity field of the schema
 * resolves to either form: `EntityModel | PartialEntity`.
 */
export type PartialEntity = Pick<EntityModel, 'slug' | 'name' | 'kind'> & Partial<EntityModel> & { partial: true };

/**
 * A whole relation: its identity and ends, its own fields (`model/relation-fields.ts`, null when
 * absent) and its staff fields. Its `sources` are `null` when the list that found the relation did
 * not fetch them (its client did not ask).
 */
export interface RelationModel extends RelationFieldValues, StaffFields {
  id: string;
  type: RelationType;
  from: string;
  to: string;
  /**
   * The slug, name and kind of the ends fetched with the relation: `from { slug name }` costs
   * nothing. A list reads only the ends its client selected.
   */
  ends?: { from?: PartialEntity; to?: PartialEntity };
}

/**
 * A relation as a list read it: its identity and ends, and of its other fields only those its
 * client selected (see `ListNeeds.fields`). A field it lacks is read from the whole relation. A
 * Relation of the schema resolves to either form: `RelationModel | PartialRelation`.
 */
export type PartialRelation = Pick<RelationModel, 'id' | 'type' | 'from' | 'to' | 'ends' | 'sources'> &
  Partial<RelationModel> & { partial: true };

/** What identifies a relation for the loaders: ids are unique, the type picks the relationship index. */
export interface RelationKey {
  type: RelationType;
  id: string;
}

/** One page of a list. */
export interface Page<T> {
  items: T[];
  /** Items across all pages; `null` when not counted (counting means reading the whole list). */
  totalCount: number | null;
  hasNextPage: boolean;
  offset: number;
}

/**
 * What the client asked of a list, so that it reads no more than needed: the total (a count
 * besides the top-k page) and the fields of each item (a relation list reads only the selected
 * properties, and its sources, the longest text of a relation, only when selected).
 */
export interface ListNeeds {
  totalCount: boolean;
  /** Names of the fields selected on each item (`edges { node { … } }`), sorted and distinct. */
  fields: readonly string[];
}
