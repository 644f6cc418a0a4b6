/**
 * The benchmark's questions, each as the GraphQL operation a client sends and, beside it, the
 * hand-written Cypher a developer would write to fetch the same data with neo4j-driver (the
 * floor). The floor's rows are shaped into exactly the GraphQL `data` object, so the two answers
 * are compared before anything is timed: a floor that fetched less would flatter nothing.
 *
 * The GraphQL texts are the ones real clients send: the map's operations, imported from
 * viz/src/queries.ts so that the bench asks what the map asks; the saved operations
 * (api/http/example-operations.ts) and the entity page of the issue.
 */
import { toNative } from '../api/db/database.js';
import { searchWords } from '../api/db/entities.js';
import { nameKey } from '../api/db/mapping.js';
import { FULLTEXT_INDEX } from '../api/db/schema-setup.js';
import { REPORT_YEAR } from '../model/validity.js';
import { type EntityKind, RELATION_TYPE_NAMES, type RelationType } from '../model/vocabulary.js';
import { documentOf, ENTITY, GRAPH, GROUP_SIZE, PATH, PATH_CHOICES, PATH_MAX_LENGTH } from '../viz/src/queries.js';

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

/** The stable relation order of every list in the API (`relationOrder`'s default, api/db/cypher-fragments.ts). */
const ORDER = (r: string) => `type(${r}), coalesce(${r}.since, ''), ${r}.id`;

/**
 * What RelationFields (viz/src/queries.ts) reads of a relation `r`, its ends `x` and `y` and its
 * software `s` (OPTIONAL MATCH on `r.software`), as RETURN columns for `relationFields` to shape.
 */
const RELATION_COLUMNS = `type(r) AS type, r {.id, .role, .resource, .since, .until, .amount, .currency, .description,
       .sourceSections, .sourceQuotes} AS props,
       x {.slug, .name, .kind, .date} AS from, y {.slug, .name, .kind, .date} AS to, s {.slug, .name} AS software`;

/** An end as RelationFields selects it: an event's date comes with it. */
const endFields = (end: Row) => {
  const { date, ...stub } = end;
  return end.kind === 'EVENT' ? { ...stub, date: date ?? '' } : stub;
};

/** A relation as RelationFields selects it, from the RELATION_COLUMNS of a row. */
function relationFields(row: Row) {
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
    from: endFields(row.from as Row),
    to: endFields(row.to as Row),
    sources: sources(p.sourceSections, p.sourceQuotes),
  };
}

export function benchQueries(f: Fixtures): BenchQuery[] {
  const queries = [
    noop(),
    hosting(f),
    entityPage('q2-entity-page-hub', f.hub),
    entityPage('q2b-entity-page-typical', f.typical),
    entityPanel('q2c-entity-panel-hub', f.hub),
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

/**
 * The map's entity panel (viz/src/queries.ts ENTITY): every relation type with its count and
 * first GROUP_SIZE relations. Asked of an organisation: a software's panel also lists its hosted
 * instances, which this floor does not read.
 */
function entityPanel(key: string, slug: string): BenchQuery {
  return {
    key,
    title: `entity("${slug}") { relationGroups(first: ${GROUP_SIZE}) } (the map's panel)`,
    mixed: true,
    graphql: { query: documentOf([ENTITY]), variables: { slug } },
    floor: {
      // Each type's first relations, in the order of relations(types: [type]) so the cursor goes on there.
      cypher: `MATCH (e:Entity {slug: $slug})
WITH e, COUNT { (e)--(:Entity) } AS relationCount
CALL {
  WITH e
  MATCH (e)-[r]-(:Entity)
  WITH r ORDER BY coalesce(r.since, ''), r.id
  WITH type(r) AS group, collect(r) AS listed
  WITH size(listed) AS total, listed[0..$groupSize] AS page
  UNWIND range(0, size(page) - 1) AS i
  WITH total, i, page[i] AS r
  WITH total, i, r, startNode(r) AS x, endNode(r) AS y
  OPTIONAL MATCH (s:Entity {slug: r.software})
  RETURN total, i, ${RELATION_COLUMNS}
}
WITH e, relationCount, total, i, type, props, from, to, software ORDER BY type, i
RETURN e {.slug, .name, .kind, .aliases, .summary, .url, .category, .location} AS entity, relationCount,
       collect({total: total, type: type, props: props, from: from, to: to, software: software}) AS rows`,
      params: { slug, groupSize: GROUP_SIZE },
      shape: ([row]) => {
        if (!row) return { entity: null };
        const e = row.entity as Row;
        if (e.kind !== 'ORGANISATION') throw new Error(`the panel's floor reads organisations only, not ${e.kind}`);
        const groups = new Map<unknown, { type: unknown; total: number; relations: unknown[] }>();
        for (const r of row.rows as Row[]) {
          const group = groups.get(r.type) ?? { type: r.type, total: Number(r.total), relations: [] };
          groups.set(r.type, group);
          group.relations.push(relationFields(r));
        }
        const rank = (type: unknown) => RELATION_TYPE_NAMES.indexOf(type as RelationType);
        return {
          entity: {
            id: globalId(TYPENAMES.ORGANISATION, String(e.slug)),
            slug: e.slug,
            name: e.name,
            kind: e.kind,
            aliases: e.aliases ?? [],
            summary: e.summary,
            url: e.url,
            relations: { totalCount: row.relationCount },
            relationGroups: [...groups.values()]
              .sort((a, b) => rank(a.type) - rank(b.type))
              .map((g) => ({
                type: g.type,
                totalCount: g.total,
                relations: {
                  pageInfo: {
                    hasNextPage: g.total > GROUP_SIZE,
                    endCursor: Buffer.from(`cursor:${g.relations.length - 1}`).toString('base64url'),
                  },
                  edges: g.relations.map((node) => ({ node })),
                },
              })),
            category: e.category,
            location: e.location,
          },
        };
      },
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

function focusedGraph(key: string, focus: string, how: { mixed: boolean; probe?: boolean }): BenchQuery {
  return {
    key,
    title: `graph(focus: "${focus}", depth: 2)`,
    ...how,
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
  };
}

/**
 * When a relation holds (model/validity.ts), written out: over its own [since, until], open
 * ends open; an end it lacks is the year of the event at either end, if any; with no dates at all,
 * the event's year, or else the report's year only.
 */
function yearGraph(activeIn: number): BenchQuery {
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
  };
}

function path(from: string, to: string): BenchQuery {
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
  };
}

function sortedBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Floor rows as plain JavaScript (driver Integers → numbers), as the API's mapping does. */
export const nativeRow = (record: { toObject(): Row }): Row => toNative(record.toObject()) as Row;
