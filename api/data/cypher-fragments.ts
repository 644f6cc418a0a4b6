/**
 * The only pieces of Cypher text that vary with a request. Each is chosen from a whitelist
 * derived from the vocabulary (relation types, directions) or built from a validated small
 * integer; user input itself always travels as a `$parameter`.
 */
import { RELATION_TYPE_NAMES, type RelationType } from '../model/vocabulary.js';

export type Direction = 'OUTGOING' | 'INCOMING' | 'BOTH';

/** `:HOSTING|FUNDING` for a type filter, '' for all types. Throws on a type outside the vocabulary. */
export function relationTypePattern(types: readonly RelationType[] | null | undefined): string {
  if (!types || types.length === 0) return '';
  for (const type of types) {
    if (!RELATION_TYPE_NAMES.includes(type)) throw new Error(`unknown relation type ${type}`);
  }
  return `:${[...new Set(types)].join('|')}`;
}

/** The relationship pattern from an anchored entity `e` to the other end `o`. */
export function directedPattern(direction: Direction, types: readonly RelationType[] | null | undefined): string {
  const rel = `[r${relationTypePattern(types)}]`;
  if (direction === 'OUTGOING') return `(e)-${rel}->(o:Entity)`;
  if (direction === 'INCOMING') return `(e)<-${rel}-(o:Entity)`;
  return `(e)-${rel}-(o:Entity)`;
}

/** Keeps relations whose [since, until] years overlap `$activeIn` (open ends are open). */
export const ACTIVE_IN = (r: string) =>
  `($activeIn IS NULL OR ((${r}.sinceYear IS NULL OR ${r}.sinceYear <= $activeIn) AND (${r}.untilYear IS NULL OR ${r}.untilYear >= $activeIn)))`;

/** A bounded integer spliced into variable-length patterns, which Cypher cannot parameterise. */
export function boundedInt(value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`expected an integer in ${min}..${max}`);
  return value;
}

/** Stable order of relations in every list. */
export const RELATION_ORDER = (r: string) => `type(${r}), coalesce(${r}.since, ''), ${r}.id`;

/**
 * The paging pieces of a list query over `$offset` and `$limit`. `limit` goes after the list's
 * ORDER BY: without a total to count, Neo4j keeps the top rows instead of sorting everything.
 * `total` and `page` build the two columns `pageOf` (pages.ts) reads; the page has one extra
 * item when there is a next page.
 */
export function pageColumns(withTotal: boolean) {
  return {
    limit: withTotal ? '' : 'LIMIT toInteger($offset + $limit + 1)',
    total: (list: string) => (withTotal ? `size(${list})` : 'null'),
    page: (list: string) => `${list}[$offset..$offset + $limit + 1]`,
  };
}
