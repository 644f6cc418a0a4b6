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

/**
 * The variable names of a relation pattern: the anchored entity, the relation, the other end.
 * Nested lists (a list inside a list's items) use other names than the list around them.
 */
export interface PatternVariables {
  e: string;
  r: string;
  o: string;
}
const PATTERN_VARIABLES: PatternVariables = { e: 'e', r: 'r', o: 'o' };

/** The relationship pattern from an anchored entity `e` to the other end `o`. */
export function directedPattern(
  direction: Direction,
  types: readonly RelationType[] | null | undefined,
  { e, r, o }: PatternVariables = PATTERN_VARIABLES,
): string {
  const rel = `[${r}${relationTypePattern(types)}]`;
  if (direction === 'OUTGOING') return `(${e})-${rel}->(${o}:Entity)`;
  if (direction === 'INCOMING') return `(${e})<-${rel}-(${o}:Entity)`;
  return `(${e})-${rel}-(${o}:Entity)`;
}

/** The variables `directedPattern` binds to the relation's start and end, when the direction tells. */
export function directedEnds(
  direction: Direction,
  { e, o }: PatternVariables = PATTERN_VARIABLES,
): { from: string; to: string } | undefined {
  if (direction === 'OUTGOING') return { from: e, to: o };
  if (direction === 'INCOMING') return { from: o, to: e };
  return undefined;
}

/** Keeps relations whose [since, until] years overlap the year `param` (open ends are open). */
export const ACTIVE_IN = (r: string, param = '$activeIn') =>
  `(${param} IS NULL OR ((${r}.sinceYear IS NULL OR ${r}.sinceYear <= ${param}) AND (${r}.untilYear IS NULL OR ${r}.untilYear >= ${param})))`;

/** A bounded integer spliced into variable-length patterns, which Cypher cannot parameterise. */
export function boundedInt(value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`expected an integer in ${min}..${max}`);
  return value;
}

/** Stable order of relations in every list. */
export const RELATION_ORDER = (r: string) => `type(${r}), coalesce(${r}.since, ''), ${r}.id`;

/**
 * The `total` and `page` columns (read by `pageOf`, pages.ts) of the rows that `rows` matches
 * (e.g. `MATCH (e)-[r]-(o:Entity) WHERE …`), sorted by `order`, each returned as `item`. The page is
 * a top-k sort that keeps one row past the page; the total, when asked for, is a `COUNT {}`, which
 * Neo4j answers without materialising the rows (from the node's degree when nothing filters them).
 */
export function patternPageColumns(rows: string, order: string, item: string, withTotal: boolean): string {
  const { total, page } = patternPage(rows, order, item, { withTotal });
  return `${total} AS total,
     ${page} AS page`;
}

export interface PatternPageOptions {
  withTotal: boolean;
  /** Parameters holding the offset and the page size. */
  offset?: string;
  limit?: string;
  /** A clause run on the page's rows only, before `item` (e.g. `WITH *, endNode(r) AS t`). */
  onPage?: string;
}

/** The two expressions behind `patternPageColumns`, to place in a map or in a nested list. */
export function patternPage(
  rows: string,
  order: string,
  item: string,
  { withTotal, offset = '$offset', limit = '$limit', onPage = '' }: PatternPageOptions,
): { total: string; page: string } {
  return {
    total: withTotal ? `COUNT { ${rows} }` : 'null',
    page: `COLLECT { ${rows} WITH * ORDER BY ${order} SKIP toInteger(${offset}) LIMIT toInteger(${limit} + 1) ${onPage} RETURN ${item} }`,
  };
}

/**
 * `RETURN total, page` as `patternPageColumns` returns them, in one pass over the rows: for rows
 * filtered on their properties, `COUNT {}` cannot use degrees and reads every row a second time
 * (the PeerTube hosting list at 1M relations: 2,527 database hits, against 1,387 in one pass).
 * The rows are collected once, in order, as references to `variables`, and only the page is
 * projected. `carried`: the variables from before that the rows need.
 */
export function countedPageReturn(
  rows: string,
  order: string,
  item: string,
  variables: readonly string[],
  carried: readonly string[],
): string {
  const references = `{${variables.map((v) => `${v}: ${v}`).join(', ')}}`;
  return `WITH ${[...carried, `COLLECT { ${rows} WITH * ORDER BY ${order} RETURN ${references} } AS listed`].join(', ')}
     RETURN size(listed) AS total,
       COLLECT { UNWIND listed[toInteger($offset)..toInteger($offset + $limit + 1)] AS row
                 WITH ${variables.map((v) => `row.${v} AS ${v}`).join(', ')}
                 RETURN ${item} } AS page`;
}

/**
 * The same two columns for a query that collects its list itself (search hits from a procedure,
 * distinct neighbours), over `$offset` and `$limit`. `limit` goes after the list's ORDER BY: without
 * a total to count, Neo4j keeps the top rows instead of sorting everything.
 */
export function pageColumns(withTotal: boolean) {
  return {
    limit: withTotal ? '' : 'LIMIT toInteger($offset + $limit + 1)',
    total: (list: string) => (withTotal ? `size(${list})` : 'null'),
    page: (list: string) => `${list}[$offset..$offset + $limit + 1]`,
  };
}
