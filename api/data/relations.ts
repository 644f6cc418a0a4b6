/**
 * Relation queries: lists, batch loads, shortest paths and the map's graph view.
 */
import type { ListNeeds, Page, PartialEntity, RelationModel, RelationRefModel } from '../model/models.js';
import type { EntityKind, RelationType } from '../model/vocabulary.js';
import {
  ACTIVE_IN,
  boundedInt,
  countedPageReturn,
  patternPageColumns,
  RELATION_ORDER,
  relationTypePattern,
} from './cypher-fragments.js';
import type { Database } from './database.js';
import {
  MAP_ENTITY_PROJECTION,
  nameKey,
  partialEntityFromProps,
  RELATION_PROJECTION,
  relationFromValue,
  type StoredRelation,
} from './mapping.js';
import { emptyPage, pageOf, pagesInKeyOrder } from './pages.js';
import {
  type NestedPage,
  type RelationListPlan,
  readRelationItem,
  readRelationList,
  relationItemExpression,
  relationListExpression,
  StatementParameters,
} from './relation-lists.js';

/**
 * One page of relations per entity, for many entities in one round trip, with the lists the plan
 * nests in their items (returned apart, see relation-lists.ts).
 */
export async function relationsOfEntities(
  db: Database,
  slugs: readonly string[],
  plan: RelationListPlan,
): Promise<{ pages: Page<RelationRefModel>[]; nestedPages: NestedPage[] }> {
  const params = new StatementParameters();
  const nestedPages: NestedPage[] = [];
  const rows = await db.read(
    `UNWIND $slugs AS slug
     OPTIONAL MATCH (e:Entity {slug: slug})
     RETURN slug, ${relationListExpression(plan, 'e', params)} AS list`,
    { ...params.values, slugs },
    (r) => ({ slug: r.get('slug') as string, page: readRelationList(r.get('list'), plan, nestedPages) }),
  );
  return { pages: pagesInKeyOrder(slugs, rows, plan.offset), nestedPages };
}

export interface RelationFilter {
  types: readonly RelationType[] | null;
  from: string | null;
  to: string | null;
  /** Slug or name of the hosted software. */
  software: string | null;
  activeIn: number | null;
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
): Promise<{ page: Page<RelationRefModel>; nestedPages: NestedPage[] }> {
  const a = filter.from ? '(a:Entity {slug: $from})' : '(a:Entity)';
  const b = filter.to ? '(b:Entity {slug: $to})' : '(b:Entity)';
  const softwareClause = filter.software
    ? `CALL { MATCH (s:Entity) WHERE s.slug = $software OR s.nameKey = $softwareKey RETURN collect(s.slug) AS softwareSlugs }`
    : 'WITH [] AS softwareSlugs';
  const params = new StatementParameters();
  const nestedPages: NestedPage[] = [];
  const rows = `MATCH ${a}-[r${relationTypePattern(filter.types)}]->${b}
        WHERE ${ACTIVE_IN('r')} AND ($software IS NULL OR r.software IN softwareSlugs)`;
  const item = relationItemExpression('r', filter, { from: 'a', to: 'b' }, params, 0);
  // Counted on property filters, the rows are read once; otherwise COUNT {} is answered from
  // degrees and type counts, and the page is a top-k sort.
  const onePass = filter.needs.totalCount && (filter.software !== null || filter.activeIn !== null);
  const [page] = await db.read(
    `${softwareClause}
     ${
       onePass
         ? countedPageReturn(rows, RELATION_ORDER('r'), item, ['r', 'a', 'b'], ['softwareSlugs'])
         : `RETURN ${patternPageColumns(rows, RELATION_ORDER('r'), item, filter.needs.totalCount)}`
     }`,
    {
      ...params.values,
      from: filter.from,
      to: filter.to,
      software: filter.software,
      softwareKey: filter.software ? nameKey(filter.software) : null,
      activeIn: filter.activeIn,
      offset: filter.offset,
      limit: filter.limit,
    },
    pageOf(filter.offset, filter.limit, (value) => readRelationItem(value, filter, nestedPages)),
  );
  return { page: page ?? emptyPage(filter.offset), nestedPages };
}

export interface RelationKey {
  type: RelationType;
  id: string;
}

/**
 * Relations by (type, id), in key order; `null` where none exists. One round trip: a union of one
 * index seek per type present (an id is unique within its type).
 */
export async function relationsByKeys(db: Database, keys: readonly RelationKey[]): Promise<(StoredRelation | null)[]> {
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
  | { status: 'found'; relations: RelationModel[] }
  | { status: 'none' }
  | { status: 'unknown'; slugs: string[] };

/** The shortest chain of relations (either direction) between two entities, at most `maxLength` long. */
export async function shortestPath(db: Database, from: string, to: string, maxLength: number): Promise<PathResult> {
  const length = boundedInt(maxLength, 1, 10);
  const [row] = await db.read(
    `OPTIONAL MATCH (a:Entity {slug: $from})
     OPTIONAL MATCH (b:Entity {slug: $to})
     CALL {
       WITH a, b
       WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b
       MATCH p = shortestPath((a)-[*..${length}]-(b))
       RETURN [r IN relationships(p) | ${RELATION_PROJECTION('r')}] AS rels
     }
     RETURN a IS NOT NULL AS hasFrom, b IS NOT NULL AS hasTo, rels`,
    { from, to },
    (r) => ({
      hasFrom: r.get('hasFrom') as boolean,
      hasTo: r.get('hasTo') as boolean,
      rels: r.get('rels') as unknown[] | null,
    }),
  );
  const unknown = [!row?.hasFrom ? from : null, !row?.hasTo ? to : null].filter((s): s is string => s !== null);
  if (unknown.length > 0) return { status: 'unknown', slugs: unknown };
  if (from === to) return { status: 'found', relations: [] };
  if (!row?.rels) return { status: 'none' };
  return { status: 'found', relations: row.rels.map((rel) => relationFromValue(rel)) };
}

export interface GraphOptions {
  types: readonly RelationType[] | null;
  kinds: readonly EntityKind[] | null;
  activeIn: number | null;
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
 * A view over the bounds is refused as soon as the bound is passed: each step stops at one
 * entity (or relation) more than allowed, instead of collecting a view of 100,000 entities only
 * to say it is too large.
 */
export async function graphView(db: Database, options: GraphOptions): Promise<GraphResult> {
  const types = relationTypePattern(options.types);
  const kindOk = (n: string) => `($kinds IS NULL OR ${n}.kind IN $kinds)`;
  const overNodes = 'toInteger($maxNodes + 1)';
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
         MATCH (x)-[r${types}]-(y:Entity)
         WHERE ${ACTIVE_IN('r')} AND ${kindOk('y')} AND NOT y IN seen
         WITH DISTINCT y LIMIT ${overNodes}
         RETURN collect(y) AS next
       }
       WITH seen + next AS seen, next AS frontier`,
       ).join('')}
       WITH seen AS nodes`
    : `CALL {
         MATCH (a:Entity)-[r${types}]->(b:Entity)
         WHERE ${ACTIVE_IN('r')} AND ${kindOk('a')} AND ${kindOk('b')}
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
       WHERE b IN nodes AND ${ACTIVE_IN('r')}
       WITH r LIMIT toInteger($maxRelations + 1)
       RETURN collect(r) AS rels
     }
     WITH nodes, rels, size(nodes) <= $maxNodes AS nodesFit, size(rels) <= $maxRelations AS relationsFit
     RETURN nodesFit, relationsFit,
            CASE WHEN nodesFit AND relationsFit THEN [n IN nodes | ${MAP_ENTITY_PROJECTION('n')}] ELSE [] END AS nodes,
            CASE WHEN nodesFit AND relationsFit
                 THEN [r IN rels | ${RELATION_PROJECTION('r', { sources: false, ends: { from: 'slug', to: 'slug' } })}] ELSE [] END AS edges`,
    {
      focus: options.focus,
      kinds: options.kinds,
      activeIn: options.activeIn,
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
