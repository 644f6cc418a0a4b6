/**
 * Backing models of the API: plain TypeScript shapes, converted once from Neo4j records at the
 * data-access boundary. Resolvers never see driver types.
 */
import type { Source } from './seed-format.js';
import type { EntityKind, RelationType } from './vocabulary.js';

export interface EntityModel {
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
 * round trip, by whoever needs them (`entityField` in the schema).
 */
export type PartialEntity = Pick<EntityModel, 'slug' | 'name' | 'kind'> & Partial<EntityModel> & { partial: true };

/** What a field typed as an entity resolves to: the whole entity or the part a list fetched. */
export type EntityRefModel = EntityModel | PartialEntity;

export interface RelationModel {
  id: string;
  type: RelationType;
  from: string;
  to: string;
  role: string | null;
  software: string | null;
  resource: string | null;
  since: string | null;
  until: string | null;
  amount: number | null;
  currency: string | null;
  description: string | null;
  /** `null` when the list that found the relation did not fetch them (its client did not ask). */
  sources: Source[] | null;
  /**
   * The slug, name and kind of the ends fetched with the relation: `from { slug name }` costs
   * nothing. A list reads only the ends its client selected.
   */
  ends?: { from?: PartialEntity; to?: PartialEntity };
}

/**
 * A relation as a list read it: its identity and ends, and of its other fields only those its
 * client selected (see `ListNeeds.fields`). A field it lacks is read from the whole relation.
 */
export type PartialRelation = Pick<RelationModel, 'id' | 'type' | 'from' | 'to' | 'ends' | 'sources'> &
  Partial<RelationModel> & { partial: true };

/** What a Relation object of the schema may hold: a whole relation or what a list read of it. */
export type RelationRefModel = RelationModel | PartialRelation;

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
