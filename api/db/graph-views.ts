/**
 * Views of the graph as a whole: shortest paths between two entities, the map's view (by focus,
 * depth, kinds and time) and the whole view the exports write.
 */
import type { EntityModel, PartialEntity, RelationModel } from '../../model/models.js';
import type { EntityKind, RelationType } from '../../model/vocabulary.js';
import { boundedInt, relationTypePattern, timeConditions } from './cypher-fragments.js';
import type { Database } from './database.js';
import { entitiesBySlugs } from './entities.js';
import { MAP_ENTITY_PROJECTION, RELATION_PROJECTION } from './records/projections.js';
import { partialEntityFromProps, relationFromValue } from './records/read.js';

import { relationsByKeys, unknownSlugs } from './relations.js';

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
