/**
 * The benchmark's questions, each as the GraphQL operation a client sends and, beside it, the
 * hand-written Cypher a developer would write to fetch the same data with neo4j-driver (the
 * floor). The floor's rows are shaped into exactly the GraphQL `data` object, so the two answers
 * are compared before anything is timed: a floor that fetched less would flatter nothing.
 *
 * The GraphQL texts are the ones real clients send: the map's queries (viz/src/queries.ts), the
 * saved operations (api/http/example-operations.ts) and the entity page of the issue.
 */
import { toNative } from '../api/data/database.js';
import { searchWords } from '../api/data/entities.js';
import { nameKey } from '../api/data/mapping.js';
import { FULLTEXT_INDEX } from '../api/data/schema-setup.js';
import type { EntityKind } from '../api/model/vocabulary.js';

export interface Fixtures {
  /** The hub whose page and hosting list are asked for (framasoft). */
  hub: string;
  software: string;
  /** An organisation of median degree: what most entity pages look like. */
  typical: string;
  searchText: string;
  /** Focus of the map's depth-2 view (the hub). */
  focus: string;
  /** When the hub's view exceeds the API's cap: a view about the size of the seed map… */
  mapSizeFocus: string | null;
  /** …and the median view around median-degree entities (measured as a sequential probe). */
  medianFocus: string | null;
  activeIn: number;
  path: { from: string; to: string } | null;
}

export type Row = Record<string, unknown>;

export interface BenchQuery {
  key: string;
  title: string;
  graphql: { query: string; variables: Record<string, unknown> };
  floor: { cypher: string; params: Record<string, unknown>; shape: (rows: Row[]) => unknown };
  /** Put both answers in this form before comparing them (e.g. sets whose order is not specified). */
  canonical?: (data: unknown) => unknown;
  /** Part of the mixed load run. */
  mixed: boolean;
  /** Too slow for a load run: measured by a few sequential requests on each side instead. */
  probe?: boolean;
}

const TYPENAMES: Record<EntityKind, string> = {
  ORGANISATION: 'Organisation',
  PROJECT: 'Project',
  PERSON: 'Person',
  EVENT: 'Event',
};

/** Pothos' Relay global id: base64 of `Typename:localId`. */
const globalId = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString('base64');

const sources = (sections: unknown, quotes: unknown) =>
  ((sections as string[] | null) ?? []).map((section, i) => ({ section, quote: (quotes as string[])[i] ?? '' }));

/** The stable relation order of every list in the API (api/data/cypher-fragments.ts). */
const ORDER = (r: string) => `type(${r}), coalesce(${r}.since, ''), ${r}.id`;

export function benchQueries(f: Fixtures): BenchQuery[] {
  const queries = [
    noop(),
    hosting(f),
    entityPage('q2-entity-page-hub', f.hub),
    entityPage('q2b-entity-page-typical', f.typical),
  ];
  queries.push(search(f.searchText));
  queries.push(focusedGraph('q4-graph-focus', f.focus, { mixed: true }));
  if (f.mapSizeFocus) queries.push(focusedGraph('q4-graph-focus-map-size', f.mapSizeFocus, { mixed: true }));
  if (f.medianFocus) queries.push(focusedGraph('q4-graph-focus-median', f.medianFocus, { mixed: false, probe: true }));
  queries.push(yearGraph(f.activeIn));
  if (f.path) queries.push(path(f.path.from, f.path.to));
  return queries;
}

/** Calibration: the fixed cost of one GraphQL request over HTTP versus one Bolt round trip. */
function noop(): BenchQuery {
  return {
    key: 'q0-noop',
    title: '{ __typename } (calibration: no data)',
    mixed: false,
    graphql: { query: '{ __typename }', variables: {} },
    floor: { cypher: 'RETURN 1 AS one', params: {}, shape: () => ({ __typename: 'Query' }) },
  };
}

function hosting(f: Fixtures): BenchQuery {
  return {
    key: 'q1-hosting',
    title: `relations(types: [HOSTING], from: "${f.hub}", software: "${f.software}")`,
    mixed: true,
    graphql: {
      query: `query PeerTubeHosting($from: String!, $software: String!) {
  relations(types: [HOSTING], from: $from, software: $software) {
    totalCount
    edges { node { to { name slug } since until description sources { section quote } } }
  }
}`,
      variables: { from: f.hub, software: f.software },
    },
    floor: {
      cypher: `MATCH (:Entity {slug: $from})-[r:HOSTING]->(b:Entity)
WHERE r.software = $software
WITH r, b ORDER BY coalesce(r.since, ''), r.id
WITH collect({to: b {.name, .slug}, since: r.since, until: r.until, description: r.description,
              sections: r.sourceSections, quotes: r.sourceQuotes}) AS rows
RETURN size(rows) AS total, rows[0..20] AS page`,
      params: { from: f.hub, software: f.software },
      shape: ([row]) => ({
        relations: {
          totalCount: row?.total ?? 0,
          edges: ((row?.page as Row[]) ?? []).map((n) => ({
            node: {
              to: n.to,
              since: n.since,
              until: n.until,
              description: n.description,
              sources: sources(n.sections, n.quotes),
            },
          })),
        },
      }),
    },
  };
}

function entityPage(key: string, slug: string): BenchQuery {
  return {
    key,
    title: `entity("${slug}") → relations(first: 20) → to → relations(first: 20)`,
    mixed: true,
    graphql: {
      query: `query EntityPage($slug: String!) {
  entity(slug: $slug) {
    relations(first: 20) { edges { node { type from { slug name } to { slug name
      relations(first: 20) { edges { node { type to { slug name } } } } } } } }
  }
}`,
      variables: { slug },
    },
    floor: {
      // One round trip: the page, then each related entity's first 20 relations (top-k sorts).
      cypher: `MATCH (e:Entity {slug: $slug})
CALL {
  WITH e
  MATCH (e)-[r]-(:Entity)
  WITH r ORDER BY ${ORDER('r')} LIMIT 20
  RETURN collect(r) AS rels
}
UNWIND rels AS r
WITH r, startNode(r) AS a, endNode(r) AS b
CALL {
  WITH b
  MATCH (b)-[r2]-(:Entity)
  WITH r2 ORDER BY ${ORDER('r2')} LIMIT 20
  WITH r2, endNode(r2) AS o
  RETURN collect({type: type(r2), to: o {.slug, .name}}) AS sub
}
RETURN type(r) AS type, a {.slug, .name} AS from, b {.slug, .name} AS to, sub`,
      params: { slug },
      shape: (rows) => ({
        entity: {
          relations: {
            edges: rows.map((row) => ({
              node: {
                type: row.type,
                from: row.from,
                to: { ...(row.to as Row), relations: { edges: (row.sub as Row[]).map((node) => ({ node })) } },
              },
            })),
          },
        },
      }),
    },
  };
}

function search(text: string): BenchQuery {
  const words = searchWords(text);
  return {
    key: 'q3-search',
    title: `search(text: "${text}", first: 10)`,
    mixed: true,
    graphql: {
      query: `query Search($text: String!) {
  search(text: $text, first: 10) { edges { node { slug name kind } } }
}`,
      variables: { text },
    },
    floor: {
      cypher: `CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node, score
WITH node, score,
     CASE WHEN node.nameKey = $key OR $key IN node.aliasKeys THEN 0
          WHEN node.nameKey STARTS WITH $key THEN 1
          ELSE 2 END AS rank
ORDER BY rank, score DESC, node.name
LIMIT 10
RETURN node.slug AS slug, node.name AS name, node.kind AS kind`,
      params: { index: FULLTEXT_INDEX, lucene: words.map((w) => `(${w} OR ${w}*)`).join(' AND '), key: nameKey(text) },
      shape: (rows) => ({ search: { edges: rows.map((node) => ({ node })) } }),
    },
    // Entities with equal rank, score and name may come in either order.
    canonical: (data) =>
      sortedBy((data as { search: { edges: { node: Row }[] } }).search.edges, (e) => String(e.node.slug)),
  };
}

/** The map's node and edge fields (viz/src/queries.ts, ENTITY_FIELDS and the graph edges). */
const GRAPH_SELECTION = `nodes {
      id slug name kind
      ... on Organisation { category location }
      ... on Project { category }
      ... on Event { date place format }
    }
    edges { id type since until role from { slug } to { slug } }`;

const NODE_PROJECTION = 'n {.slug, .name, .kind, .category, .location, .date, .place, .format}';
const EDGE_PROJECTION =
  '{id: r.id, type: type(r), since: r.since, until: r.until, role: r.role, from: startNode(r).slug, to: endNode(r).slug}';

function graphShape(rows: Row[]) {
  const row = rows[0];
  const nodes = ((row?.nodes as Row[]) ?? []).map((n) => {
    const base = {
      id: globalId(TYPENAMES[n.kind as EntityKind], String(n.slug)),
      slug: n.slug,
      name: n.name,
      kind: n.kind,
    };
    if (n.kind === 'ORGANISATION') return { ...base, category: n.category, location: n.location };
    if (n.kind === 'PROJECT') return { ...base, category: n.category };
    if (n.kind === 'EVENT') return { ...base, date: n.date ?? '', place: n.place, format: n.format };
    return base;
  });
  const edges = ((row?.edges as Row[]) ?? []).map((e) => ({
    id: globalId('Relation', `${e.type}:${e.id}`),
    type: e.type,
    since: e.since,
    until: e.until,
    role: e.role,
    from: { slug: e.from },
    to: { slug: e.to },
  }));
  return { graph: { nodes, edges } };
}

/** The graph is two sets: compare them sorted. */
const graphCanonical = (data: unknown) => {
  const g = (data as { graph: { nodes: Row[]; edges: Row[] } }).graph;
  return { nodes: sortedBy(g.nodes, (n) => String(n.slug)), edges: sortedBy(g.edges, (e) => String(e.id)) };
};

function focusedGraph(key: string, focus: string, how: { mixed: boolean; probe?: boolean }): BenchQuery {
  return {
    key,
    title: `graph(focus: "${focus}", depth: 2)`,
    ...how,
    graphql: {
      query: `query Map($focus: String, $depth: Int) {
  graph(focus: $focus, depth: $depth) {
    ${GRAPH_SELECTION}
  }
}`,
      variables: { focus, depth: 2 },
    },
    floor: {
      cypher: `MATCH (f:Entity {slug: $focus})
CALL { WITH f MATCH (f)--(y:Entity) RETURN collect(DISTINCT y) AS ring1 }
CALL {
  WITH f, ring1
  UNWIND ring1 AS x
  MATCH (x)--(y:Entity)
  WHERE y <> f AND NOT y IN ring1
  RETURN collect(DISTINCT y) AS ring2
}
WITH [f] + ring1 + ring2 AS nodes
CALL { WITH nodes UNWIND nodes AS a MATCH (a)-[r]->(b:Entity) WHERE b IN nodes RETURN collect(r) AS rels }
RETURN [n IN nodes | ${NODE_PROJECTION}] AS nodes, [r IN rels | ${EDGE_PROJECTION}] AS edges`,
      params: { focus },
      shape: graphShape,
    },
    canonical: graphCanonical,
  };
}

function yearGraph(activeIn: number): BenchQuery {
  return {
    key: 'q4b-graph-year',
    title: `graph(activeIn: ${activeIn})`,
    mixed: false,
    graphql: {
      query: `query Map($activeIn: Int) {
  graph(activeIn: $activeIn) {
    ${GRAPH_SELECTION}
  }
}`,
      variables: { activeIn },
    },
    floor: {
      cypher: `MATCH (a:Entity)-[r]->(b:Entity)
WHERE (r.sinceYear IS NULL OR r.sinceYear <= $activeIn) AND (r.untilYear IS NULL OR r.untilYear >= $activeIn)
WITH collect(r) AS rels, collect(a) + collect(b) AS ends
UNWIND ends AS n
WITH rels, collect(DISTINCT n) AS nodes
RETURN [n IN nodes | ${NODE_PROJECTION}] AS nodes, [r IN rels | ${EDGE_PROJECTION}] AS edges`,
      params: { activeIn },
      shape: graphShape,
    },
    canonical: graphCanonical,
  };
}

function path(from: string, to: string): BenchQuery {
  return {
    key: 'q5-path',
    title: `path(from: "${from}", to: "${to}")`,
    mixed: true,
    graphql: {
      // The map's path finder (viz/src/queries.ts, PATH with RelationFields).
      query: `query Path($from: String!, $to: String!) {
  path(from: $from, to: $to) {
    id type role resource since until amount currency description
    software { slug name }
    from { slug name kind }
    to { slug name kind }
    sources { section quote }
  }
}`,
      variables: { from, to },
    },
    floor: {
      cypher: `MATCH (a:Entity {slug: $from}), (b:Entity {slug: $to})
MATCH p = shortestPath((a)-[*..4]-(b))
UNWIND range(0, length(p) - 1) AS i
WITH i, relationships(p)[i] AS r
WITH i, r, startNode(r) AS x, endNode(r) AS y
OPTIONAL MATCH (s:Entity {slug: r.software})
RETURN type(r) AS type, r {.id, .role, .resource, .since, .until, .amount, .currency, .description,
       .sourceSections, .sourceQuotes} AS props,
       x {.slug, .name, .kind} AS from, y {.slug, .name, .kind} AS to, s {.slug, .name} AS software
ORDER BY i`,
      params: { from, to },
      shape: (rows) => ({
        path: rows.length
          ? rows.map((row) => {
              const p = row.props as Row;
              return {
                id: globalId('Relation', `${row.type}:${p.id}`),
                type: row.type,
                role: p.role,
                resource: p.resource,
                since: p.since,
                until: p.until,
                amount: p.amount,
                currency: p.currency,
                description: p.description,
                software: row.software,
                from: row.from,
                to: row.to,
                sources: sources(p.sourceSections, p.sourceQuotes),
              };
            })
          : null,
      }),
    },
    // Two shortest paths of the same length are equally right: compare their lengths.
    canonical: (data) => (data as { path: unknown[] | null }).path?.length ?? null,
  };
}

function sortedBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Floor rows as plain JavaScript (driver Integers → numbers), as the API's mapping does. */
export const nativeRow = (record: { toObject(): Row }): Row => toNative(record.toObject()) as Row;
