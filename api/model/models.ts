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
  /** The slug, name and kind of both ends, fetched with the relation: `from { slug name }` costs nothing. */
  ends?: { from: PartialEntity; to: PartialEntity };
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
 * What the client asked for beyond the items themselves, so that a list reads no more than
 * needed: the total (a full read instead of a top-k sort) and the relations' sources (the
 * longest text of a relation).
 */
export interface ListNeeds {
  totalCount: boolean;
  sources: boolean;
}
