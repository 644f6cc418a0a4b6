/**
 * Relation queries: lists, groups, batch loads, instances of software. Paths and the map's views
 * are in graph-views.ts.
 */
import type { ListNeeds, Page, PartialRelation, RelationKey, RelationModel } from '../../model/models.js';
import { RELATION_TYPE_NAMES, type RelationType } from '../../model/vocabulary.js';
import {
  countedPageReturn,
  DEFAULT_RELATION_ORDER,
  patternPage,
  patternPageColumns,
  type RelationOrder,
  relationOrder,
  relationTypePattern,
  timeConditions,
} from './cypher-fragments.js';
import type { Database } from './database.js';
import { emptyPage, pageOf, pagesInKeyOrder } from './pages.js';
import { listedRelationProjection, RELATION_PROJECTION } from './records/projections.js';
import { listedRelationFromValue, relationFromValue } from './records/read.js';
import { nameKey } from './records/write.js';
import {
  type NestedPage,
  type RelationListPlan,
  readRelationItem,
  relationItemExpression,
  StatementParameters,
} from './relation-lists.js';

export interface GroupOptions {
  activeIn: number | null;
  /** Relations in each group's page. */
  limit: number;
  needs: ListNeeds;
}

/** One type of an entity's relations: its count and first page. */
export interface RelationGroupPage {
  type: RelationType;
  page: Page<RelationModel | PartialRelation>;
}

/**
 * Each entity's relations grouped by type, each group counted and cut to its first page, in one
 * round trip; groups in the vocabulary's order. A group is ordered as `relations(types: [type])`
 * lists it (RELATION_ORDER), so its end cursor continues there. One grouping pass, not one list per
 * type: a statement of twenty sub-lists took Neo4j seconds to plan.
 */
export async function relationGroupsOfEntities(
  db: Database,
  slugs: readonly string[],
  options: GroupOptions,
): Promise<RelationGroupPage[][]> {
  const order = relationOrder(DEFAULT_RELATION_ORDER, 'r', ['o']);
  const rows = await db.read(
    `UNWIND $slugs AS slug
     MATCH (e:Entity {slug: slug})-[r]-(o:Entity)
     WHERE ${timeConditions('r', ['e', 'o'], options)}
     WITH slug, r, o ORDER BY ${order}
     WITH slug, type(r) AS type, collect(r) AS listed
     WITH slug, type, size(listed) AS total, listed[0..toInteger($limit + 1)] AS top
     RETURN slug, type, total,
            [r IN top | ${RELATION_PROJECTION('r', listedRelationProjection(options.needs))}] AS page`,
    { slugs, activeIn: options.activeIn, limit: options.limit },
    (r) => ({
      slug: r.get('slug') as string,
      type: r.get('type') as RelationType,
      page: pageOf(0, options.limit, (value) => listedRelationFromValue(value))(r),
    }),
  );
  const rank = new Map(RELATION_TYPE_NAMES.map((type, i) => [type, i]));
  return slugs.map((slug) =>
    rows
      .filter((row) => row.slug === slug)
      .sort((a, b) => rank.get(a.type)! - rank.get(b.type)!)
      .map(({ type, page }) => ({ type, page })),
  );
}

export interface InstanceOptions {
  activeIn: number | null;
  offset: number;
  limit: number;
  withTotal: boolean;
}

/**
 * The HOSTING relations that run each software (by its slug in `software`), one page per slug,
 * in one round trip: who hosts it for whom. Ordered by host, then client (the NAME order of all relations).
 */
export async function instancesOfSoftware(
  db: Database,
  slugs: readonly string[],
  options: InstanceOptions,
): Promise<Page<RelationModel>[]> {
  const { total, page } = patternPage(
    `MATCH (a:Entity)-[r:HOSTING]->(b:Entity) WHERE r.software = slug AND ${timeConditions('r', ['a', 'b'], options)}`,
    relationOrder({ field: 'NAME', descending: false }, 'r', ['a', 'b']),
    RELATION_PROJECTION('r', { sources: true, endNodes: { from: 'a', to: 'b' } }),
    { withTotal: options.withTotal },
  );
  const rows = await db.read(
    `UNWIND $slugs AS slug
     RETURN slug, ${total} AS total, ${page} AS page`,
    { slugs, activeIn: options.activeIn, offset: options.offset, limit: options.limit },
    (r) => ({
      slug: r.get('slug') as string,
      page: pageOf(options.offset, options.limit, (value) => relationFromValue(value) as RelationModel)(r),
    }),
  );
  return pagesInKeyOrder(slugs, rows, options.offset);
}

export interface RelationFilter {
  types: readonly RelationType[] | null;
  from: string | null;
  to: string | null;
  /** Slug or name of the hosted software. */
  software: string | null;
  activeIn: number | null;
  startedIn: number | null;
  endedIn: number | null;
  order: RelationOrder;
  offset: number;
  limit: number;
  needs: ListNeeds;
  /** Lists to read for the ends of each relation, in the same statement. */
  nested: RelationListPlan['nested'];
}

/**
 * Relations matching all the given filters. Anchors on `from`/`to` when given so that the query
 * starts from an index lookup, not a scan of every relationship.
 */
export async function findRelations(
  db: Database,
  filter: RelationFilter,
): Promise<{ page: Page<RelationModel | PartialRelation>; nestedPages: NestedPage[] }> {
  const a = filter.from ? '(a:Entity {slug: $from})' : '(a:Entity)';
  const b = filter.to ? '(b:Entity {slug: $to})' : '(b:Entity)';
  const softwareClause = filter.software
    ? `CALL { MATCH (s:Entity) WHERE s.slug = $software OR s.nameKey = $softwareKey RETURN collect(s.slug) AS softwareSlugs }`
    : 'WITH [] AS softwareSlugs';
  const params = new StatementParameters();
  const nestedPages: NestedPage[] = [];
  const rows = `MATCH ${a}-[r${relationTypePattern(filter.types)}]->${b}
        WHERE ${timeConditions('r', ['a', 'b'], filter)} AND ($software IS NULL OR r.software IN softwareSlugs)`;
  const item = relationItemExpression('r', filter, { from: 'a', to: 'b' }, params, 0);
  // Counted on property filters, the rows are read once; otherwise COUNT {} is answered from
  // degrees and type counts, and the page is a top-k sort.
  const onePass =
    filter.needs.totalCount &&
    (filter.software !== null || filter.activeIn !== null || filter.startedIn !== null || filter.endedIn !== null);
  const order = relationOrder(filter.order, 'r', ['a', 'b']);
  const [page] = await db.read(
    `${softwareClause}
     ${
       onePass
         ? countedPageReturn(rows, order, item, ['r', 'a', 'b'], ['softwareSlugs'])
         : `RETURN ${patternPageColumns(rows, order, item, filter.needs.totalCount)}`
     }`,
    {
      ...params.values,
      from: filter.from,
      to: filter.to,
      software: filter.software,
      softwareKey: filter.software ? nameKey(filter.software) : null,
      activeIn: filter.activeIn,
      startedIn: filter.startedIn,
      endedIn: filter.endedIn,
      offset: filter.offset,
      limit: filter.limit,
    },
    pageOf(filter.offset, filter.limit, (value) => readRelationItem(value, filter, nestedPages)),
  );
  return { page: page ?? emptyPage(filter.offset), nestedPages };
}

/**
 * Relations by (type, id), in key order; `null` where none exists. One round trip: a union of one
 * index seek per type present (an id is unique within its type).
 */
export async function relationsByKeys(db: Database, keys: readonly RelationKey[]): Promise<(RelationModel | null)[]> {
  const types = [...new Set(keys.map((k) => k.type))];
  if (types.length === 0) return [];
  const params = Object.fromEntries(
    types.map((type, i) => [`ids${i}`, keys.filter((k) => k.type === type).map((k) => k.id)]),
  );
  const seeks = types.map(
    (type, i) => `MATCH ()-[r${relationTypePattern([type])}]->() WHERE r.id IN $ids${i} RETURN r`,
  );
  const rows = await db.read(
    `CALL { ${seeks.join(' UNION ')} } RETURN ${RELATION_PROJECTION('r')} AS rel`,
    params,
    (r) => relationFromValue(r.get('rel')),
  );
  const found = new Map(rows.map((rel) => [`${rel.type}:${rel.id}`, rel]));
  return keys.map((k) => found.get(`${k.type}:${k.id}`) ?? null);
}

/** Which of these slugs name no entity (to explain an empty answer). */
export async function unknownSlugs(db: Database, slugs: readonly string[]): Promise<string[]> {
  const known = await db.read(
    'MATCH (e:Entity) WHERE e.slug IN $slugs RETURN e.slug AS slug',
    { slugs },
    (r) => r.get('slug') as string,
  );
  return slugs.filter((s) => !known.includes(s));
}

/** True when `software` (slug or name) names an entity. */
export async function softwareExists(db: Database, software: string): Promise<boolean> {
  const rows = await db.read(
    'MATCH (s:Entity) WHERE s.slug = $software OR s.nameKey = $key RETURN s.slug LIMIT 1',
    { software, key: nameKey(software) },
    () => true,
  );
  return rows.length > 0;
}
