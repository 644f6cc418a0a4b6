/**
 * The only pieces of Cypher text that vary with a request. Each is chosen from a whitelist
 * derived from the vocabulary (relation types, directions) or built from a validated small
 * integer; user input itself always travels as a `$parameter`.
 */
import { REPORT_YEAR } from '../../model/validity.js';
import { RELATION_TYPE_NAMES, type RelationType } from '../../model/vocabulary.js';

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

/**
 * Keeps relations that hold during the year `param`: the Cypher form of `validity` (model/validity.ts).
 * Dated relations hold over [since, until], open ends open; a relation to or from an event is bounded
 * by the event's date; an undated one is attested in the report's year only. `ends` are the variables
 * bound to the relation's two nodes (only events carry a `date`).
 */
export const ACTIVE_IN = (r: string, ends: readonly [string, string], param: string) => {
  const undated = `${r}.sinceYear IS NULL AND ${r}.untilYear IS NULL`;
  const eventYear = `toInteger(left(coalesce(${ends[0]}.date, ${ends[1]}.date), 4))`;
  const from = `CASE WHEN ${undated} THEN coalesce(${eventYear}, ${REPORT_YEAR}) ELSE coalesce(${r}.sinceYear, ${eventYear}) END`;
  const to = `CASE WHEN ${undated} THEN coalesce(${eventYear}, ${REPORT_YEAR}) ELSE coalesce(${r}.untilYear, ${eventYear}) END`;
  return `((${from}) IS NULL OR (${from}) <= ${param}) AND ((${to}) IS NULL OR (${to}) >= ${param})`;
};

/** The years a relation list can be filtered on. */
export interface TimeFilter {
  activeIn: number | null;
  startedIn?: number | null;
  endedIn?: number | null;
}

/** How a statement names the parameter holding a filter's value (`$activeIn`, or a list's own name). */
export type ParameterName<K extends string> = (key: K) => string;
const byKey = (key: string) => `$${key}`;

/**
 * The conditions of the years a filter sets, and only those (`true` when it sets none). Conditions
 * left in for an unset year (`$activeIn IS NULL OR …`) made Neo4j plan a relation list's statement
 * anew on every run, four times the statement's own cost.
 */
export function timeConditions(
  r: string,
  ends: readonly [string, string],
  filter: TimeFilter,
  param: ParameterName<keyof TimeFilter> = byKey,
): string {
  const conditions: string[] = [];
  if (filter.activeIn != null) conditions.push(ACTIVE_IN(r, ends, param('activeIn')));
  if (filter.startedIn != null) conditions.push(`${r}.sinceYear = ${param('startedIn')}`);
  if (filter.endedIn != null) conditions.push(`${r}.untilYear = ${param('endedIn')}`);
  return conditions.length > 0 ? conditions.join(' AND ') : 'true';
}

/** A bounded integer spliced into variable-length patterns, which Cypher cannot parameterise. */
export function boundedInt(value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`expected an integer in ${min}..${max}`);
  return value;
}

/** What a relation list can be sorted by (`name`: the other end's name, or the ends' names for a list of all relations). */
export const RELATION_ORDER_FIELDS = ['TYPE', 'SINCE', 'UNTIL', 'AMOUNT', 'NAME'] as const;
export type RelationOrderField = (typeof RELATION_ORDER_FIELDS)[number];
export interface RelationOrder {
  field: RelationOrderField;
  descending: boolean;
}
export const DEFAULT_RELATION_ORDER: RelationOrder = { field: 'TYPE', descending: false };

/**
 * The ORDER BY of a relation list. Missing values sort last in either direction, and every order
 * ends on the relation's id, so that pages never overlap. `names` are the expressions of the
 * names to sort on, for NAME.
 */
export function relationOrder(order: RelationOrder, r: string, names: readonly string[]): string {
  const dir = order.descending ? ' DESC' : '';
  const byValue = (value: string) => `${value} IS NULL, ${value}${dir}, type(${r}), ${r}.id`;
  switch (order.field) {
    case 'TYPE':
      return `type(${r})${dir}, coalesce(${r}.since, ''), ${r}.id`;
    case 'SINCE':
      return byValue(`${r}.since`);
    case 'UNTIL':
      return byValue(`${r}.until`);
    case 'AMOUNT':
      return byValue(`${r}.amount`);
    case 'NAME':
      return `${names.map((n) => `${n}.nameKey${dir}`).join(', ')}, type(${r}), ${r}.id`;
  }
}

/** Keeps relations whose other end `o` is of the kinds and categories a filter sets (`true` when none). */
export function otherEndConditions(
  o: string,
  filter: { otherKinds: readonly string[] | null; otherCategories: readonly string[] | null },
  param: ParameterName<'otherKinds' | 'otherCategories'>,
): string {
  const conditions: string[] = [];
  if (filter.otherKinds) conditions.push(`${o}.kind IN ${param('otherKinds')}`);
  if (filter.otherCategories) conditions.push(`${o}.category IN ${param('otherCategories')}`);
  return conditions.length > 0 ? conditions.join(' AND ') : 'true';
}

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
