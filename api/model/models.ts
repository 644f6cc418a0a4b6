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
  sources: Source[];
  /**
   * Both ends, when the query that found the relation fetched them too: `from`/`to` then cost
   * no further round trip.
   */
  ends?: { from: EntityModel; to: EntityModel };
}

/** One page of a list, with the total the connection reports. */
export interface Page<T> {
  items: T[];
  totalCount: number;
  offset: number;
}
