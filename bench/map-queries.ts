/**
 * The map's questions: its depth-2 view around an entity, its year view and its path finder,
 * each sent as the map sends it (viz/src/queries.ts) beside the Cypher a developer would write
 * for the same data.
 */
import { REPORT_YEAR } from '../model/validity.js';
import { documentOf, GRAPH, PATH, PATH_CHOICES, PATH_MAX_LENGTH } from '../viz/src/queries.js';
import {
  type BenchQuery,
  globalId,
  RELATION_COLUMNS,
  type Row,
  relationFields,
  sortedBy,
  typename,
} from './queries.js';

/** The map's view, as the map sends it (viz/src/queries.ts GRAPH, with its EntityFields fragment). */
const GRAPH_DOCUMENT = documentOf([GRAPH]);

const NODE_PROJECTION = 'n {.slug, .name, .kind, .category, .location, .date, .place, .format}';
const EDGE_PROJECTION = `r {.id, .since, .until, .role, .resource, .amount, .currency, .description, .software,
       .sourceSections, type: type(r), from: startNode(r).slug, to: endNode(r).slug}`;

/**
 * The end of the floor of both map views: `nodes` and `rels` are bound. The map draws each hosted
 * instance from its software, so the software of the relations in view comes with them (read once
 * for the edges' `software { slug name }` and the nodes both).
 */
const GRAPH_RETURN = `CALL { WITH rels UNWIND rels AS r MATCH (s:Entity {slug: r.software}) RETURN collect(DISTINCT s) AS software }
RETURN [n IN nodes + [s IN software WHERE NOT s IN nodes] | ${NODE_PROJECTION}] AS nodes,
       [r IN rels | ${EDGE_PROJECTION}] AS edges,
       [s IN software | s {.slug, .name}] AS software`;

function graphShape(rows: Row[]) {
  const row = rows[0];
  const nodes = ((row?.nodes as Row[]) ?? []).map((n) => {
    const base = {
      id: globalId(typename(n.kind), String(n.slug)),
      slug: n.slug,
      name: n.name,
      kind: n.kind,
    };
    if (n.kind === 'ORGANISATION') return { ...base, category: n.category, location: n.location };
    if (n.kind === 'PROJECT') return { ...base, category: n.category };
    if (n.kind === 'EVENT') return { ...base, date: n.date ?? '', place: n.place, format: n.format };
    return base;
  });
  const software = new Map(((row?.software as Row[]) ?? []).map((s) => [s.slug, s]));
  const edges = ((row?.edges as Row[]) ?? []).map((e) => ({
    id: globalId('Relation', `${e.type}:${e.id}`),
    type: e.type,
    since: e.since,
    until: e.until,
    role: e.role,
    resource: e.resource,
    amount: e.amount,
    currency: e.currency,
    description: e.description,
    software: e.software == null ? null : (software.get(e.software) ?? null),
    sources: ((e.sourceSections as string[] | null) ?? []).map((section) => ({ section })),
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

/**
 * The entities one hop from `x`: its neighbours and, when `x` is a software, the two ends of each
 * hosting that runs it (the map links an instance to its software).
 */
const oneHop = (x: string) => `CALL {
    WITH ${x} MATCH (${x})--(y:Entity) RETURN y
    UNION
    WITH ${x} MATCH (h:Entity)-[i:HOSTING]->(c:Entity) WHERE i.software = ${x}.slug UNWIND [h, c] AS y RETURN y
  }`;

export function focusedGraph(key: string, focus: string): BenchQuery {
  return {
    key,
    title: `graph(focus: "${focus}", depth: 2)`,
    mixed: true,
    graphql: { query: GRAPH_DOCUMENT, variables: { focus, depth: 2 } },
    floor: {
      cypher: `MATCH (f:Entity {slug: $focus})
CALL {
  WITH f
  ${oneHop('f')}
  WITH y WHERE y <> f
  RETURN collect(DISTINCT y) AS ring1
}
CALL {
  WITH f, ring1
  UNWIND ring1 AS x
  ${oneHop('x')}
  WITH y WHERE y <> f AND NOT y IN ring1
  RETURN collect(DISTINCT y) AS ring2
}
WITH [f] + ring1 + ring2 AS nodes
CALL { WITH nodes UNWIND nodes AS a MATCH (a)-[r]->(b:Entity) WHERE b IN nodes RETURN collect(r) AS rels }
${GRAPH_RETURN}`,
      params: { focus },
      shape: graphShape,
    },
    canonical: graphCanonical,
    peer: {
      cannot:
        'every relation type both ways out to two hops, then the relations among the entities reached: @neo4j/graphql follows one declared field at a time, no traversal over all types',
    },
  };
}

/**
 * When a relation holds (model/validity.ts), written out: over its own [since, until], open
 * ends open; an end it lacks is the year of the event at either end, if any; with no dates at all,
 * the event's year, or else the report's year only.
 */
export function yearGraph(activeIn: number): BenchQuery {
  return {
    key: 'q4b-graph-year',
    title: `graph(activeIn: ${activeIn})`,
    mixed: false,
    graphql: { query: GRAPH_DOCUMENT, variables: { activeIn } },
    floor: {
      cypher: `MATCH (a:Entity)-[r]->(b:Entity)
WITH a, r, b, toInteger(left(coalesce(a.date, b.date), 4)) AS eventYear
WITH a, r, b,
     CASE WHEN r.sinceYear IS NULL AND r.untilYear IS NULL
          THEN [coalesce(eventYear, $reportYear), coalesce(eventYear, $reportYear)]
          ELSE [coalesce(r.sinceYear, eventYear), coalesce(r.untilYear, eventYear)] END AS years
WHERE coalesce(years[0] <= $activeIn, true) AND coalesce(years[1] >= $activeIn, true)
WITH collect(r) AS rels, collect(a) + collect(b) AS ends
UNWIND ends AS n
WITH rels, collect(DISTINCT n) AS nodes
${GRAPH_RETURN}`,
      params: { activeIn, reportYear: REPORT_YEAR },
      shape: graphShape,
    },
    canonical: graphCanonical,
    peer: {
      cannot:
        "all relations of every type that hold in a year, a condition on the relation's dates and its ends' event dates: no list across relationship types",
    },
  };
}

export function path(from: string, to: string): BenchQuery {
  return {
    key: 'q5-path',
    title: `paths(from: "${from}", to: "${to}", first: ${PATH_CHOICES})`,
    mixed: true,
    // The map's path finder (viz/src/queries.ts PATH): every tied shortest chain, up to PATH_CHOICES.
    graphql: { query: documentOf([PATH]), variables: { from, to, maxLength: PATH_MAX_LENGTH } },
    floor: {
      // One row per relation of each chain; the chains in the order of their relations' ids.
      cypher: `MATCH (a:Entity {slug: $from}), (b:Entity {slug: $to})
MATCH p = ALL SHORTEST (a)-[*..${PATH_MAX_LENGTH}]-(b)
WITH p ORDER BY [r IN relationships(p) | r.id] LIMIT ${PATH_CHOICES}
WITH collect(p) AS chains
UNWIND range(0, size(chains) - 1) AS c
UNWIND range(0, length(chains[c]) - 1) AS i
WITH c, i, relationships(chains[c])[i] AS r
WITH c, i, r, startNode(r) AS x, endNode(r) AS y
OPTIONAL MATCH (s:Entity {slug: r.software})
RETURN c, ${RELATION_COLUMNS}
ORDER BY c, i`,
      params: { from, to },
      shape: (rows) => {
        const chains = new Map<unknown, Row[]>();
        for (const row of rows) {
          const chain = chains.get(row.c) ?? [];
          chains.set(row.c, chain);
          chain.push(relationFields(row));
        }
        return { paths: [...chains.values()].map((relations) => ({ relations })) };
      },
    },
    // Relation ids are unique per type only: chains whose id lists tie may come in either order.
    canonical: (data) =>
      sortedBy((data as { paths: { relations: Row[] }[] }).paths, (p) => p.relations.map((r) => r.id).join(' ')),
    peer: { cannot: 'shortest paths: @neo4j/graphql has no such operation (only a hand-written @cypher field)' },
  };
}
