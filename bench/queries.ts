/**
 * The benchmark's questions, each as the GraphQL operation a client sends and, beside it, the
 * hand-written Cypher a developer would write to fetch the same data with neo4j-driver (the
 * floor). The floor's rows are shaped into exactly the GraphQL `data` object, so the two answers
 * are compared before anything is timed: a floor that fetched less would flatter nothing.
 *
 * The GraphQL texts are the ones real clients send: the map's operations, imported from
 * viz/src/queries.ts so that the bench asks what the map asks (its views: map-queries.ts), the
 * saved operations (api/http/example-operations.ts) and the entity page of the issue. This file
 * also holds what the floors share.
 */
import { toNative } from '../api/db/database.js';
import { searchWords } from '../api/db/entities.js';
import { nameKey } from '../api/db/records/write.js';
import { FULLTEXT_INDEX } from '../api/db/schema-setup.js';
import { KIND_LABELS, RELATION_TYPE_NAMES, type RelationType } from '../model/vocabulary.js';
import { documentOf, ENTITY, GROUP_SIZE } from '../viz/src/queries.js';

export type Row = Record<string, unknown>;

/**
 * A question as @neo4j/graphql (the peer, peer.ts) is asked it, and how its answer becomes
 * Archipel's `data`, to be compared before timing; or why the peer cannot ask it equivalently.
 */
export type PeerQuestion =
  | { query: string; variables: Record<string, unknown>; shape: (data: unknown) => unknown }
  | { cannot: string };

export interface BenchQuery {
  key: string;
  title: string;
  graphql: { query: string; variables: Record<string, unknown> };
  floor: { cypher: string; params: Record<string, unknown>; shape: (rows: Row[]) => unknown };
  /** Put both answers in this form before comparing them (e.g. sets whose order is not specified). */
  canonical?: (data: unknown) => unknown;
  /** Part of the mixed load run. */
  mixed: boolean;
  peer: PeerQuestion;
}

/** Floor rows as plain JavaScript (driver Integers → numbers), as the API's mapping does. */
export const nativeRow = (record: { toObject(): Row }): Row => toNative(record.toObject()) as Row;

/** Pothos' Relay global id: base64 of `Typename:localId`. */
export const globalId = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString('base64');

export const sources = (sections: unknown, quotes: unknown) =>
  ((sections as string[] | null) ?? []).map((section, i) => ({ section, quote: (quotes as string[])[i] ?? '' }));

/** The stable relation order of every list in the API (`relationOrder`'s default, api/db/cypher-fragments.ts). */
export const ORDER = (r: string) => `type(${r}), coalesce(${r}.since, ''), ${r}.id`;

/**
 * What RelationFields (viz/src/queries.ts) reads of a relation `r`, its ends `x` and `y` and its
 * software `s` (OPTIONAL MATCH on `r.software`), as RETURN columns for `relationFields` to shape.
 */
export const RELATION_COLUMNS = `type(r) AS type, r {.id, .role, .resource, .since, .until, .amount, .currency, .period,
       .description, .note, .sourceSections, .sourceQuotes} AS props,
       x {.slug, .name, .kind, .date} AS from, y {.slug, .name, .kind, .date} AS to, s {.slug, .name} AS software`;

/** An end as RelationFields selects it: an event's date comes with it. */
const endFields = (end: Row) => {
  const { date, ...stub } = end;
  return end.kind === 'EVENT' ? { ...stub, date: date ?? '' } : stub;
};

/** A relation as RelationFields selects it, from the RELATION_COLUMNS of a row. */
export function relationFields(row: Row) {
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
    // Stored as the seed's word (`per-year`), shown as the enum's name (`PER_YEAR`).
    period: typeof p.period === 'string' ? p.period.toUpperCase().replace(/-/g, '_') : null,
    description: p.description,
    note: p.note,
    software: row.software,
    from: endFields(row.from as Row),
    to: endFields(row.to as Row),
    sources: sources(p.sourceSections, p.sourceQuotes),
  };
}

export function sortedBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The GraphQL type name of an entity kind (its Neo4j label). */
export const typename = (kind: unknown) => KIND_LABELS[kind as keyof typeof KIND_LABELS];

/** Calibration: the fixed cost of one GraphQL request over HTTP versus one Bolt round trip. */
export function noop(): BenchQuery {
  return {
    key: 'q0-noop',
    title: '{ __typename } (calibration: no data)',
    mixed: false,
    graphql: { query: '{ __typename }', variables: {} },
    floor: { cypher: 'RETURN 1 AS one', params: {}, shape: () => ({ __typename: 'Query' }) },
    peer: { query: '{ __typename }', variables: {}, shape: (data) => data },
  };
}

/**
 * The relations a peer's `<field>Connection` of the organisation `$from` lists, as Archipel's
 * top-level `relations` list gives them, each edge shaped by `node`.
 */
function peerRelationPage(field: string, node: (edge: { node: Row; properties: Row }) => unknown) {
  return (data: unknown) => {
    const [organisation] = (data as { organisations: Row[] }).organisations;
    const page = organisation?.[field] as { totalCount: number; edges: { node: Row; properties: Row }[] } | undefined;
    return {
      relations: { totalCount: page?.totalCount ?? 0, edges: (page?.edges ?? []).map((e) => ({ node: node(e) })) },
    };
  };
}

/**
 * Who `hub` hosts an instance of `software` for, by start date (undated last): the order both
 * Archipel (`orderBy: {field: SINCE}`) and the peer (`sort` on the relationship's properties, where
 * Neo4j puts missing values last) can ask for.
 */
export function hosting(hub: string, software: string): BenchQuery {
  return {
    key: 'q1-hosting',
    title: `relations(types: [HOSTING], from: "${hub}", software: "${software}", orderBy: {field: SINCE})`,
    mixed: true,
    graphql: {
      query: `query PeerTubeHosting($from: String!, $software: String!) {
  relations(types: [HOSTING], from: $from, software: $software, orderBy: { field: SINCE }) {
    totalCount
    edges { node { to { name slug } since until description sources { section quote } } }
  }
}`,
      variables: { from: hub, software },
    },
    floor: {
      cypher: `MATCH (:Entity {slug: $from})-[r:HOSTING]->(b:Entity)
WHERE r.software = $software
WITH r, b ORDER BY r.since IS NULL, r.since, r.id
WITH collect({to: b {.name, .slug}, since: r.since, until: r.until, description: r.description,
              sections: r.sourceSections, quotes: r.sourceQuotes}) AS rows
RETURN size(rows) AS total, rows[0..20] AS page`,
      params: { from: hub, software },
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
    peer: {
      query: `query PeerTubeHosting($from: String!, $software: String!) {
  organisations(where: { slug: { eq: $from } }) {
    hostsConnection(
      where: { edge: { software: { eq: $software } } }
      sort: [{ edge: { since: ASC } }, { edge: { id: ASC } }]
      first: 20
    ) {
      totalCount
      edges { node { name slug } properties { since until description sourceSections sourceQuotes } }
    }
  }
}`,
      variables: { from: hub, software },
      shape: peerRelationPage('hostsConnection', ({ node, properties: p }) => ({
        to: node,
        since: p.since,
        until: p.until,
        description: p.description,
        sources: sources(p.sourceSections, p.sourceQuotes),
      })),
    },
  };
}

/** `hub`'s partners (ARCHIPELAGO relations it starts), by the partner's name, all of them on one page. */
export function partners(hub: string): BenchQuery {
  return {
    key: 'q1b-partners',
    title: `relations(types: [ARCHIPELAGO], from: "${hub}", orderBy: {field: NAME}, first: ${PARTNER_PAGE})`,
    mixed: true,
    graphql: {
      query: `query Partners($from: String!) {
  relations(types: [ARCHIPELAGO], from: $from, orderBy: { field: NAME }, first: ${PARTNER_PAGE}) {
    totalCount
    edges { node { to { slug name kind } since until description } }
  }
}`,
      variables: { from: hub },
    },
    floor: {
      cypher: `MATCH (:Entity {slug: $from})-[r:ARCHIPELAGO]->(b:Entity)
WITH r, b ORDER BY b.nameKey, r.id
WITH collect({to: b {.slug, .name, .kind}, since: r.since, until: r.until, description: r.description}) AS rows
RETURN size(rows) AS total, rows[0..$first] AS page`,
      params: { from: hub, first: PARTNER_PAGE },
      shape: ([row]) => ({
        relations: {
          totalCount: row?.total ?? 0,
          edges: ((row?.page as Row[]) ?? []).map((node) => ({ node })),
        },
      }),
    },
    peer: {
      query: `query Partners($from: String!) {
  organisations(where: { slug: { eq: $from } }) {
    partnersConnection(sort: [{ node: { nameKey: ASC } }, { edge: { id: ASC } }], first: ${PARTNER_PAGE}) {
      totalCount
      edges { node { slug name kind } properties { since until description } }
    }
  }
}`,
      variables: { from: hub },
      shape: peerRelationPage('partnersConnection', ({ node, properties: p }) => ({
        to: node,
        since: p.since,
        until: p.until,
        description: p.description,
      })),
    },
  };
}

/** Page size of the partner list: all of framasoft's partners at seed size. */
const PARTNER_PAGE = 50;

export function entityPage(key: string, slug: string): BenchQuery {
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
    peer: {
      cannot:
        'one list of every relation type, both directions, in one order: @neo4j/graphql has a field per relationship type and direction and no list across them',
    },
  };
}

/**
 * The map's entity panel (viz/src/queries.ts ENTITY): every relation type with its count and
 * first GROUP_SIZE relations. Asked of an organisation: a software's panel also lists its hosted
 * instances, which this floor does not read.
 */
export function entityPanel(key: string, slug: string): BenchQuery {
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
            id: globalId(typename('ORGANISATION'), String(e.slug)),
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
    peer: {
      cannot:
        "each type's group merges both directions, and each relation's software is the entity whose slug it stores: @neo4j/graphql has a field per type and direction, and no join on a property",
    },
  };
}

export function search(text: string): BenchQuery {
  const lucene = searchWords(text)
    .map((w) => `(${w} OR ${w}*)`)
    .join(' AND ');
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
      params: { index: FULLTEXT_INDEX, lucene, key: nameKey(text) },
      shape: (rows) => ({ search: { edges: rows.map((node) => ({ node })) } }),
    },
    // Through the same full-text index and Lucene query; the peer sorts by score only (no rank for
    // an exact name), so it answers the same entities only when the score puts them first anyway.
    peer: {
      query: `query Search($phrase: String!) {
  entitiesByText(phrase: $phrase, sort: [{ score: DESC }, { node: { name: ASC } }], first: 10) {
    edges { node { slug name kind } }
  }
}`,
      variables: { phrase: lucene },
      shape: (data) => ({
        search: { edges: (data as { entitiesByText: { edges: unknown[] } }).entitiesByText.edges },
      }),
    },
    // Entities with equal rank, score and name may come in either order.
    canonical: (data) =>
      sortedBy((data as { search: { edges: { node: Row }[] } }).search.edges, (e) => String(e.node.slug)),
  };
}
