/**
 * Views of the graph as a whole: shortest paths between two entities, the map's view (by focus,
 * depth, kinds and time) and the whole view the exports write.
 */
import type { EntityModel, PartialEntity, PartialRelation, RelationModel } from '../../model/models.js';
import type { EntityKind, RelationType } from '../../model/vocabulary.js';
import { boundedInt, relationTypePattern, timeConditions } from './cypher-fragments.js';
import type { Database } from './database.js';
import { entitiesBySlugs } from './entities.js';
import {
  ENTITY_PROJECTION,
  MAP_ENTITY_PROJECTION,
  RELATION_PROJECTION,
  type RelationProjectionOptions,
} from './records/projections.js';
import { entityFromProps, listedRelationFromValue, partialEntityFromProps, relationFromValue } from './records/read.js';
import { relationsByKeys } from './relations.js';

export type PathResult =
  | {
      status: 'found';
      paths: RelationModel[][];
      /** The whole entities of the software the chains' relations name, for the resolvers that show it. */
      software: EntityModel[];
    }
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
 *
 * One round trip: the slugs are checked, the chains searched (only when every slug is known) and
 * read with what a path shows of their ends and software in the same statement. Checking first in
 * a statement of its own, then loading the software and the events' dates after, made three
 * round trips of a question the search itself answers in a few milliseconds.
 */
export async function shortestPaths(db: Database, options: PathOptions): Promise<PathResult> {
  const length = boundedInt(options.maxLength, 1, MAX_PATH_LENGTH);
  const slugs = [...new Set([options.from, options.to, ...options.avoid])];
  const [row] = await db.read(
    // The avoided entities are excluded during the search (a predicate inside the quantified
    // pattern), not from its results: a filter after it made Neo4j enumerate every path instead.
    `CALL {
       UNWIND $slugs AS slug
       OPTIONAL MATCH (e:Entity {slug: slug})
       WITH slug, e WHERE e IS NULL
       RETURN collect(slug) AS unknown
     }
     CALL {
       WITH unknown
       WITH unknown WHERE size(unknown) = 0 AND $from <> $to
       MATCH (a:Entity {slug: $from}), (b:Entity {slug: $to})
       MATCH p = ALL SHORTEST (a)(()-[]-(x:Entity) WHERE NOT x.slug IN $avoid){1,${length}}(b)
       WITH p, [r IN relationships(p) | r.id] AS ids
       ORDER BY ids
       LIMIT toInteger($limit)
       RETURN collect(relationships(p)) AS chains
     }
     CALL {
       WITH chains
       UNWIND chains AS chain
       UNWIND chain AS r
       WITH DISTINCT r.software AS slug WHERE slug IS NOT NULL
       MATCH (s:Entity {slug: slug})
       RETURN collect(${ENTITY_PROJECTION('s')}) AS software
     }
     RETURN unknown, software,
            [chain IN chains | [r IN chain | ${RELATION_PROJECTION('r', { sources: true, ends: { from: 'drawn', to: 'drawn' } })}]] AS paths`,
    {
      slugs,
      from: options.from,
      to: options.to,
      avoid: options.avoid.filter((slug) => slug !== options.from && slug !== options.to),
      limit: options.limit,
    },
    (r) => ({
      unknown: r.get('unknown') as string[],
      software: (r.get('software') as Record<string, unknown>[]).map(entityFromProps),
      paths: (r.get('paths') as unknown[][]).map((rels) => rels.map((rel) => relationFromValue(rel))),
    }),
  );
  if (!row) throw new Error('The path statement returned no row');
  if (row.unknown.length > 0) return { status: 'unknown', slugs: row.unknown };
  if (options.from === options.to) return { status: 'found', paths: [[]], software: [] };
  return row.paths.length === 0 ? { status: 'none' } : { status: 'found', paths: row.paths, software: row.software };
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
  /**
   * What a client selected of the relations (`Relation` field names), to read only that, sources
   * included (with only their `section` selected, the quotes stay in the database): else every
   * property and no sources, and a client that selects them loads every relation again.
   */
  edgeSelection?: { fields: readonly string[]; sectionsOnly: boolean };
}

export type GraphResult =
  | {
      status: 'ok';
      nodes: PartialEntity[];
      /** Partial when read with an `edgeSelection`. */
      edges: (RelationModel | PartialRelation)[];
      /** The whole entities of the software the edges name, for the resolvers that show it. */
      software: EntityModel[];
    }
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
  const readEdge = options.edgeSelection ? listedRelationFromValue : relationFromValue;
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
       WITH rels
       UNWIND [r IN rels WHERE r.software IS NOT NULL | r.software] AS software
       MATCH (s:Entity {slug: software})
       RETURN collect(DISTINCT s) AS software
     }
     WITH nodes + [s IN software WHERE NOT s IN nodes] AS nodes, rels, software
     WITH nodes, rels, software, size(nodes) <= $maxNodes AS nodesFit, size(rels) <= $maxRelations AS relationsFit
     WITH nodesFit, relationsFit, CASE WHEN nodesFit AND relationsFit THEN [nodes, rels, software] ELSE [[], [], []] END AS view
     RETURN nodesFit, relationsFit,
            [n IN view[0] | ${MAP_ENTITY_PROJECTION('n')}] AS nodes,
            [r IN view[1] | ${RELATION_PROJECTION('r', edgeProjection(options.edgeSelection))}] AS edges,
            [s IN view[2] | ${ENTITY_PROJECTION('s')}] AS software`,
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
        edges: (r.get('edges') as unknown[]).map((edge) => readEdge(edge, bySlug)),
        software: (r.get('software') as Record<string, unknown>[]).map(entityFromProps),
      };
    },
  );
  const row = rows[0];
  if (!row) return { status: 'unknown-focus' };
  if (!row.nodesFit) return { status: 'too-large', limit: 'nodes' };
  if (!row.relationsFit) return { status: 'too-large', limit: 'relations' };
  return { status: 'ok', nodes: row.nodes, edges: row.edges, software: row.software };
}

/** How the view reads its relations: their ends as slugs (the view returns their entities anyway). */
function edgeProjection(selection: GraphOptions['edgeSelection']): RelationProjectionOptions {
  const ends = { from: 'slug', to: 'slug' } as const;
  if (!selection) return { sources: false, ends };
  const sources = selection.fields.includes('sources') && (selection.sectionsOnly ? 'sections' : true);
  return { sources, only: selection.fields, ends };
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
