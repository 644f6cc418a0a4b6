/**
 * Relation queries: lists, batch loads, shortest paths and the map's graph view.
 */
import type {
  EntityModel,
  ListNeeds,
  Page,
  PartialEntity,
  PartialRelation,
  RelationKey,
  RelationModel,
} from '../../model/models.js';
import { type EntityKind, RELATION_TYPE_NAMES, type RelationType } from '../../model/vocabulary.js';
import {
  boundedInt,
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
import { entitiesBySlugs } from './entities.js';
import { emptyPage, pageOf, pagesInKeyOrder } from './pages.js';
import { listedRelationProjection, MAP_ENTITY_PROJECTION, RELATION_PROJECTION } from './records/projections.js';
import { listedRelationFromValue, partialEntityFromProps, relationFromValue } from './records/read.js';
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

export type PathResult =
  | { status: 'found'; paths: RelationModel[][] }
  | { status: 'none' }
  | { status: 'unknown'; slugs: string[] };

export interface PathOptions {
  from: string;
  to: string;
  maxLength: number;
  /** Slugs the chain must not pass through (its ends excepted). */
  avoid: readonly string[];
  /** How many of the tied shortest chains to return. */
  limit: number;
}

/**
 * The shortest chains of relations (either direction) between two entities, at most `maxLength`
 * long: every chain of the shortest length, up to `limit`, in a stable order. The same entity at
 * both ends is a chain of length 0; unknown slugs (ends or `avoid`) are reported, never confused
 * with "no chain".
 */
export async function shortestPaths(db: Database, options: PathOptions): Promise<PathResult> {
  const length = boundedInt(options.maxLength, 1, MAX_PATH_LENGTH);
  const slugs = [...new Set([options.from, options.to, ...options.avoid])];
  const unknown = await unknownSlugs(db, slugs);
  if (unknown.length > 0) return { status: 'unknown', slugs: unknown };
  if (options.from === options.to) return { status: 'found', paths: [[]] };
  const rows = await db.read(
    // The avoided entities are excluded during the search (a predicate inside the quantified
    // pattern), not from its results: a filter after it made Neo4j enumerate every path instead.
    `MATCH (a:Entity {slug: $from}), (b:Entity {slug: $to})
     MATCH p = ALL SHORTEST (a)(()-[]-(x:Entity) WHERE NOT x.slug IN $avoid){1,${length}}(b)
     WITH p, [r IN relationships(p) | r.id] AS ids
     ORDER BY ids
     LIMIT toInteger($limit)
     RETURN [r IN relationships(p) | ${RELATION_PROJECTION('r')}] AS rels`,
    {
      from: options.from,
      to: options.to,
      avoid: options.avoid.filter((slug) => slug !== options.from && slug !== options.to),
      limit: options.limit,
    },
    (r) => (r.get('rels') as unknown[]).map((rel) => relationFromValue(rel)),
  );
  return rows.length === 0 ? { status: 'none' } : { status: 'found', paths: rows };
}

/** The longest chain `path` looks for: six steps covers the seed graph's diameter with room. */
export const MAX_PATH_LENGTH = 6;

export interface GraphOptions {
  types: readonly RelationType[] | null;
  /** A relation is drawn when either end is of one of these kinds (and both ends with it). */
  kinds: readonly EntityKind[] | null;
  activeIn: number | null;
  startedIn: number | null;
  endedIn: number | null;
  focus: string | null;
  depth: number;
  /** Above this many entities, or relations, the view is not returned (the caller explains how to narrow it). */
  maxNodes: number;
  maxRelations: number;
}

export type GraphResult =
  | { status: 'ok'; nodes: PartialEntity[]; edges: RelationModel[] }
  | { status: 'too-large'; limit: 'nodes' | 'relations' }
  | { status: 'unknown-focus' };

/**
 * Everything the map shows, in one round trip: without `focus`, every relation matching the
 * filters and their ends; with `focus`, the entities within `depth` hops (breadth-first,
 * through matching relations only) and the matching relations among them.
 *
 * The software of the HOSTING relations drawn comes with them: it is not an end of the relation,
 * but the map draws each instance from its software, so that PeerTube or Etherpad is not an
 * island. From a focused software, the hostings that run it are one hop away.
 *
 * A view over the bounds is refused as soon as the bound is passed: each step stops at one
 * entity (or relation) more than allowed, instead of collecting a view of 100,000 entities only
 * to say it is too large.
 */
export async function graphView(db: Database, options: GraphOptions): Promise<GraphResult> {
  const types = relationTypePattern(options.types);
  const withHosting = !options.types || options.types.includes('HOSTING');
  const kindOk = (n: string) => `($kinds IS NULL OR ${n}.kind IN $kinds)`;
  const relationOk = (r: string, a: string, b: string) =>
    `${timeConditions(r, [a, b], options)} AND (${kindOk(a)} OR ${kindOk(b)})`;
  const overNodes = 'toInteger($maxNodes + 1)';
  // From a software, the two ends of each hosting that runs it.
  const instancesOfSoftware = withHosting
    ? `UNION
           WITH x
           MATCH (h:Entity)-[r:HOSTING]->(c:Entity) WHERE r.software = x.slug AND ${relationOk('r', 'h', 'c')}
           UNWIND [h, c] AS y
           RETURN y`
    : '';
  const selectNodes = options.focus
    ? `MATCH (f:Entity {slug: $focus})
       WITH [f] AS seen, [f] AS frontier
       ${Array.from(
         { length: boundedInt(options.depth, 1, 3) },
         () => `
       CALL {
         WITH seen, frontier
         WITH seen, frontier WHERE size(seen) <= $maxNodes
         UNWIND frontier AS x
         CALL {
           WITH x
           MATCH (x)-[r${types}]-(y:Entity) WHERE ${relationOk('r', 'x', 'y')}
           RETURN y
           ${instancesOfSoftware}
         }
         WITH y WHERE NOT y IN seen
         WITH DISTINCT y LIMIT ${overNodes}
         RETURN collect(y) AS next
       }
       WITH seen + next AS seen, next AS frontier`,
       ).join('')}
       WITH seen AS nodes`
    : `CALL {
         MATCH (a:Entity)-[r${types}]->(b:Entity)
         WHERE ${relationOk('r', 'a', 'b')}
         UNWIND [a, b] AS n
         WITH DISTINCT n LIMIT ${overNodes}
         RETURN collect(n) AS nodes
       }`;
  const rows = await db.read(
    `${selectNodes}
     CALL {
       WITH nodes
       WITH nodes WHERE size(nodes) <= $maxNodes
       UNWIND nodes AS a
       MATCH (a)-[r${types}]->(b:Entity)
       WHERE b IN nodes AND ${relationOk('r', 'a', 'b')}
       WITH r LIMIT toInteger($maxRelations + 1)
       RETURN collect(r) AS rels
     }
     CALL {
       WITH nodes, rels
       UNWIND [r IN rels WHERE r.software IS NOT NULL | r.software] AS software
       MATCH (s:Entity {slug: software})
       WHERE NOT s IN nodes
       RETURN collect(DISTINCT s) AS software
     }
     WITH nodes + software AS nodes, rels
     WITH nodes, rels, size(nodes) <= $maxNodes AS nodesFit, size(rels) <= $maxRelations AS relationsFit
     RETURN nodesFit, relationsFit,
            CASE WHEN nodesFit AND relationsFit THEN [n IN nodes | ${MAP_ENTITY_PROJECTION('n')}] ELSE [] END AS nodes,
            CASE WHEN nodesFit AND relationsFit
                 THEN [r IN rels | ${RELATION_PROJECTION('r', { sources: false, ends: { from: 'slug', to: 'slug' } })}] ELSE [] END AS edges`,
    {
      focus: options.focus,
      kinds: options.kinds,
      activeIn: options.activeIn,
      startedIn: options.startedIn,
      endedIn: options.endedIn,
      maxNodes: options.maxNodes,
      maxRelations: options.maxRelations,
    },
    (r) => {
      const nodes = (r.get('nodes') as Record<string, unknown>[]).map(partialEntityFromProps);
      const bySlug = new Map(nodes.map((n) => [n.slug, n]));
      return {
        nodesFit: r.get('nodesFit') as boolean,
        relationsFit: r.get('relationsFit') as boolean,
        nodes,
        // Every edge's ends are among the nodes.
        edges: (r.get('edges') as unknown[]).map((edge) => relationFromValue(edge, bySlug)),
      };
    },
  );
  const row = rows[0];
  if (!row) return { status: 'unknown-focus' };
  if (!row.nodesFit) return { status: 'too-large', limit: 'nodes' };
  if (!row.relationsFit) return { status: 'too-large', limit: 'relations' };
  return { status: 'ok', nodes: row.nodes, edges: row.edges };
}

export type WholeGraphResult =
  | { status: 'ok'; entities: EntityModel[]; relations: RelationModel[] }
  | Exclude<GraphResult, { status: 'ok' }>;

/**
 * The view `graphView` returns, every field of its entities and relations read in whole (summaries,
 * aliases, sources…): what the exports write. Three round trips: the view, then its entities and
 * its relations by key, in view order. Something deleted between the reads is left out, with the
 * relations that lose an end.
 *
 * Usage: `const view = await wholeGraphView(db, { ...filters, maxNodes, maxRelations })`.
 */
export async function wholeGraphView(db: Database, options: GraphOptions): Promise<WholeGraphResult> {
  const view = await graphView(db, options);
  if (view.status !== 'ok') return view;
  const [entities, relations] = await Promise.all([
    entitiesBySlugs(
      db,
      view.nodes.map((n) => n.slug),
    ),
    relationsByKeys(
      db,
      view.edges.map(({ type, id }) => ({ type, id })),
    ),
  ]);
  const present = entities.filter((e): e is EntityModel => e !== null);
  const slugs = new Set(present.map((e) => e.slug));
  return {
    status: 'ok',
    entities: present,
    relations: relations.filter((r): r is RelationModel => r !== null && slugs.has(r.from) && slugs.has(r.to)),
  };
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
