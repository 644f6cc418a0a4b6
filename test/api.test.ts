/**
 * The public GraphQL contract, against the real Neo4j and the real seed data.
 *
 * Known answers are pinned from the report (through the seed files), never from the code under test.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RELATION_ORDER } from '../api/db/cypher-fragments.js';
import { findRelations } from '../api/db/relations.js';
import { createContext } from '../schema/context.js';
import { relationField } from '../schema/whole-relation.js';
import { expectData, expectError, type GraphQLResponse, graphqlClient } from './support/graphql.js';
import { PICASOFT_VIEW } from './support/known-answers.js';
import { useTestDatabase } from './support/neo4j.js';
import { readSeedYaml } from './support/seed-yaml.js';

const db = useTestDatabase();
const api = graphqlClient(db);

/** Framasoft's PeerTube clients, as the report names them (seeds/network-*.yaml). */
const PEERTUBE_CLIENTS = ['datagueule', 'free-software-foundation', 'imagotv', 'thinkerview'];
/** The members of CHATONS (seeds/network-rhizomes.yaml). */
const CHATONS_MEMBERS = ['anancus', 'cemea', 'clomut', 'facil', 'picasoft', 'reseau-koumbit', 'stemy'];
/** Every entity related to CHATONS, in either direction: Framasoft initiated it and funds its coordination. */
const CHATONS_NEIGHBOURS = [
  ...CHATONS_MEMBERS,
  'framasoft',
  'angie-gaudion',
  'charte-du-collectif-chatons',
  'chatons-org',
  'entraide-chatons-org',
  'liste-de-conformite-a-la-charte',
  'litiere',
  'stats-chatons-org',
].sort();
/** Framasoft's relations, in both directions: the biggest list of the seed graph. */
const FRAMASOFT_RELATIONS = 225;
/** The MEMBERSHIP relations of the whole graph. */
const MEMBERSHIPS = 33;
/** Picasoft and its neighbours one hop away, and the relations among them. */
const PICASOFT_RELATIONS = [...PICASOFT_VIEW.relations];

describe('the questions staff ask', () => {
  it('who do we host a PeerTube instance for? (one query)', async () => {
    const data = expectData(
      await api.request(`{
      relations(types: [HOSTING], from: "framasoft", software: "peertube") {
        totalCount
        edges { node { type from { slug } to { slug name } software { slug name } sources { section quote } } }
      }
    }`),
    );
    const hosted = data.relations.edges.map((e: any) => e.node);
    expect(data.relations.totalCount).toBe(PEERTUBE_CLIENTS.length);
    expect(hosted.map((r: any) => r.to.slug).sort()).toEqual(PEERTUBE_CLIENTS);
    for (const relation of hosted) {
      expect(relation).toMatchObject({ type: 'HOSTING', from: { slug: 'framasoft' }, software: { slug: 'peertube' } });
      expect(relation.sources.length).toBeGreaterThan(0);
    }
  });

  it('accepts the software by name as well as by slug', async () => {
    const bySlug = expectData(
      await api.request('{ relations(types: [HOSTING], software: "peertube") { totalCount } }'),
    );
    const byName = expectData(
      await api.request('{ relations(types: [HOSTING], software: "PeerTube") { totalCount } }'),
    );
    // Every PeerTube hosting of the report is Framasoft's.
    expect(bySlug.relations.totalCount).toBe(PEERTUBE_CLIENTS.length);
    expect(byName.relations.totalCount).toBe(PEERTUBE_CLIENTS.length);
  });
});

describe('entity and node', () => {
  it('reads an organisation with its kind-specific fields', async () => {
    const data = expectData(
      await api.request(`{
      entity(slug: "framasoft") { id slug name kind aliases summary ... on Organisation { category } }
    }`),
    );
    expect(data.entity).toMatchObject({
      slug: 'framasoft',
      name: 'Framasoft',
      kind: 'ORGANISATION',
      category: 'association',
    });
  });

  it('returns null for an unknown slug and refuses a malformed one', async () => {
    expect(expectData(await api.request('{ entity(slug: "no-such-entity") { name } }'))).toEqual({ entity: null });
    expectError(await api.request('{ entity(slug: "Not A Slug") { name } }'), 'INVALID_ARGUMENT', /slug/, ['entity']);
  });

  it('refetches entities and relations by global id', async () => {
    const data = expectData(
      await api.request(`{
      entity(slug: "picasoft") { id relations(first: 1) { edges { node { id relationId } } } }
    }`),
    );
    const entityId = data.entity.id;
    expect(data.entity.relations.edges).toHaveLength(1);
    const relation = data.entity.relations.edges[0].node;
    const again = expectData(
      await api.request(
        `query($a: ID!, $b: ID!) { a: node(id: $a) { id ... on Entity { slug } } b: node(id: $b) { id ... on Relation { relationId } } }`,
        { a: entityId, b: relation.id },
      ),
    );
    expect(again.a).toEqual({ id: entityId, slug: 'picasoft' });
    expect(again.b).toEqual({ id: relation.id, relationId: relation.relationId });
    expect(PICASOFT_RELATIONS).toContain(relation.relationId);
  });

  it('lists relations by direction and type, and neighbours', async () => {
    const data = expectData(
      await api.request(`{
      entity(slug: "chatons") {
        incoming: relations(direction: INCOMING, types: [MEMBERSHIP], first: 100) { totalCount edges { node { from { slug } to { slug } type } } }
        outgoing: relations(direction: OUTGOING) { totalCount edges { node { relationId from { slug } } } }
        neighbours(first: 5) { totalCount edges { node { slug } } }
      }
    }`),
    );
    const { incoming, outgoing, neighbours } = data.entity;
    expect(incoming.totalCount).toBe(CHATONS_MEMBERS.length);
    expect(incoming.edges.map((e: any) => e.node.from.slug).sort()).toEqual(CHATONS_MEMBERS);
    for (const e of incoming.edges) expect(e.node).toMatchObject({ to: { slug: 'chatons' }, type: 'MEMBERSHIP' });
    expect(outgoing.totalCount).toBe(6);
    expect(outgoing.edges.map((e: any) => e.node.relationId).sort()).toEqual([
      'authored--chatons--charte-du-collectif-chatons',
      'develops--chatons--chatons-org',
      'develops--chatons--entraide-chatons-org',
      'develops--chatons--liste-de-conformite-a-la-charte',
      'develops--chatons--litiere',
      'develops--chatons--stats-chatons-org',
    ]);
    for (const e of outgoing.edges) expect(e.node.from.slug).toBe('chatons');
    expect(neighbours.totalCount).toBe(CHATONS_NEIGHBOURS.length);
    expect(neighbours.edges).toHaveLength(5);
    for (const e of neighbours.edges) expect(CHATONS_NEIGHBOURS).toContain(e.node.slug);
  });
});

describe('search', () => {
  it.each([
    ['wikimedia', 'wikimedia-france'],
    ['cemea', 'cemea'],
    ['CÉMÉA', 'cemea'],
    ['picaso', 'picasoft'],
    ['FPH', 'fondation-charles-leopold-meyer-pour-le-progres-de-l-homme'],
  ])('"%s" finds %s first (case, accents, prefixes, aliases)', async (text, slug) => {
    const data = expectData(
      await api.request('query($text: String!) { search(text: $text) { edges { node { slug } } } }', { text }),
    );
    expect(data.search.edges[0]?.node.slug).toBe(slug);
  });

  it('ranks the exact name first and filters by kind', async () => {
    const data = expectData(
      await api.request('{ search(text: "PeerTube", kinds: [PROJECT]) { edges { node { slug kind } } } }'),
    );
    expect(data.search.edges[0].node.slug).toBe('peertube');
    for (const e of data.search.edges) expect(e.node.kind).toBe('PROJECT');
    const all = expectData(await api.request('{ search(text: "PeerTube") { edges { node { kind } } } }'));
    expect(all.search.edges.some((e: any) => e.node.kind !== 'PROJECT')).toBe(true);
  });

  it('treats query syntax and injection attempts as plain text', async () => {
    const count = (text: string) =>
      api.request('query($text: String!) { search(text: $text) { totalCount } }', { text });
    for (const text of ["') DETACH DELETE n //", 'name:framasoft~', '\\', '***']) {
      expect(expectData(await count(text)).search.totalCount).toBe(0);
    }
    // Quotes and OR are no operators: the words alone find the same.
    expect(expectData(await count('"framasoft" OR *'))).toEqual(expectData(await count('framasoft OR')));
    const [entities] = await db.read('MATCH (e:Entity) RETURN count(e) AS n', {}, (r) => Number(r.get('n')));
    expect(entities).toBe(301);
  });
});

// The time model (activeIn, startedIn, endedIn) and path are pinned in test/answers.test.ts.
describe('graph', () => {
  it('returns the whole map in one request: every relation, its ends and the software they run', async () => {
    const whole = expectData(
      await api.request('{ graph { nodes { slug } edges { relationId from { slug } to { slug } } } }'),
    );
    expect(api.lastRoundTrips).toBe(1);
    // Counted independently: the ends of every relation, plus the software of the hostings.
    const [expected] = await db.read(
      `MATCH (a:Entity)-[r]->(b:Entity)
       WITH collect(a) + collect(b) AS ends, count(r) AS relations,
            [s IN collect(r.software) WHERE s IS NOT NULL] AS software
       UNWIND ends AS n
       WITH relations, software, collect(DISTINCT n.slug) AS slugs
       RETURN relations, slugs + [s IN software WHERE NOT s IN slugs] AS all`,
      {},
      (r) => ({ relations: Number(r.get('relations')), slugs: new Set(r.get('all') as string[]) }),
    );
    expect(whole.graph.edges).toHaveLength(428);
    expect(whole.graph.edges).toHaveLength(expected!.relations);
    expect(whole.graph.nodes.map((n: any) => n.slug).sort()).toEqual([...expected!.slugs].sort());
    expect(whole.graph.nodes).toHaveLength(300);
    const slugs = new Set(whole.graph.nodes.map((n: any) => n.slug));
    for (const e of whole.graph.edges) expect(slugs.has(e.from.slug) && slugs.has(e.to.slug)).toBe(true);
  });

  it('around a focus: Picasoft and its three neighbours, and the eight relations among them', async () => {
    const focused = expectData(
      await api.request('{ graph(focus: "picasoft", depth: 1) { nodes { slug } edges { relationId } } }'),
    );
    expect(focused.graph.nodes.map((n: any) => n.slug).sort()).toEqual(['chatons', 'framasoft', 'picasoft', 'resolu']);
    expect(focused.graph.edges.map((e: any) => e.relationId).sort()).toEqual(PICASOFT_RELATIONS);
  });

  it('kinds keeps every relation with at least one end of those kinds, and both its ends', async () => {
    const byKind = expectData(
      await api.request('{ graph(kinds: [PERSON]) { nodes { slug kind } edges { from { slug } to { slug } } } }'),
    );
    const [count] = await db.read(
      "MATCH (a:Entity)-[r]->(b:Entity) WHERE a.kind = 'PERSON' OR b.kind = 'PERSON' RETURN count(r) AS n",
      {},
      (r) => Number(r.get('n')),
    );
    expect(byKind.graph.edges).toHaveLength(count!);
    expect(count).toBeGreaterThan(0);
    const kindOf = new Map(byKind.graph.nodes.map((n: any) => [n.slug, n.kind]));
    for (const e of byKind.graph.edges) {
      expect([kindOf.get(e.from.slug), kindOf.get(e.to.slug)]).toContain('PERSON');
    }
    expect(new Set(kindOf.values())).toContain('ORGANISATION');
  });
});
describe('pagination', () => {
  const page = (after?: string) =>
    api.request(
      'query($after: String) { relations(types: [MEMBERSHIP], first: 10, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { relationId } } } }',
      { after },
    );

  it('walks every page from first to last without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    let connection: any;
    for (let i = 0; i < 10; i++) {
      connection = expectData(await page(after)).relations;
      expect(connection.totalCount).toBe(MEMBERSHIPS);
      seen.push(...connection.edges.map((e: any) => e.node.relationId));
      expect(connection.pageInfo.hasPreviousPage).toBe(i > 0);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(connection.pageInfo.hasNextPage).toBe(false);
    expect(seen).toHaveLength(MEMBERSHIPS);
    expect(new Set(seen).size).toBe(MEMBERSHIPS);
    const memberships = readSeedYaml().relations.filter((r) => r.type === 'MEMBERSHIP');
    expect(seen.sort()).toEqual(memberships.map((r) => r.id).sort());
  });

  it('returns an empty last page past the end', async () => {
    const lastCursor = Buffer.from(`cursor:${MEMBERSHIPS - 1}`).toString('base64url');
    const data = expectData(await page(lastCursor));
    expect(data.relations.edges).toEqual([]);
    expect(data.relations.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a bad cursor and a page above 100 with clear errors', async () => {
    const bad = expectError(await page('not-a-cursor'), 'INVALID_ARGUMENT', /after/, ['relations']);
    expect(bad.extensions).toMatchObject({ argument: 'after' });
    expectError(await api.request('{ relations(first: 101) { totalCount } }'), 'INVALID_ARGUMENT', /at most 100/, [
      'relations',
    ]);
    const atLimit = expectData(await api.request('{ relations(first: 100) { edges { cursor } } }'));
    expect(atLimit.relations.edges).toHaveLength(100);
  });
});

describe('bad arguments get clear errors, never a 500', () => {
  it.each([
    ['{ relations(from: "nobody") { totalCount } }', 'NOT_FOUND', /nobody/],
    ['{ relations(software: "peertub") { totalCount } }', 'NOT_FOUND', /peertub/],
    ['{ relations(activeIn: 20) { totalCount } }', 'INVALID_ARGUMENT', /year/],
    ['{ graph(focus: "framasoft", depth: 9) { nodes { slug } } }', 'INVALID_ARGUMENT', /depth/],
    ['{ graph(focus: "nobody") { nodes { slug } } }', 'NOT_FOUND', /nobody/],
    ['{ path(from: "framasoft", to: "picasoft", maxLength: 0) { type } }', 'INVALID_ARGUMENT', /maxLength/],
    ['{ search(text: "   ") { totalCount } }', 'INVALID_ARGUMENT', /text/],
  ])('%s → %s', async (query, code, message) => {
    const response = await api.request(query);
    expectError(response, code, message);
    // The field in error is null (the whole answer, for a non-null one).
    expect(Object.values(response.data ?? {})).toEqual(response.data ? [null] : []);
  });

  it('rejects an unknown relation type as a validation error', async () => {
    const response = await api.yoga.fetch('http://archipel.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ relations(types: [FRIENDS]) { totalCount } }' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as GraphQLResponse;
    expectError(body, 'GRAPHQL_VALIDATION_FAILED', /^Value "FRIENDS" does not exist in "RelationType" enum\.$/);
    expect(body.data).toBeUndefined();
  });
});

describe('batching: one Cypher round trip per level', () => {
  it('a 3-level nested query over many entities costs one query per level', async () => {
    const data = expectData(
      await api.request(`{
      relations(types: [MEMBERSHIP], first: 50) {
        edges { node {
          from {
            name
            relations(first: 10) { edges { node {
              to { name neighbours(first: 3) { totalCount } }
            } } }
          }
        } }
      }
    }`),
    );
    expect(data.relations.edges).toHaveLength(MEMBERSHIPS);
    const parents = new Set(data.relations.edges.map((e: any) => e.node.from.name));
    expect(parents.size).toBeGreaterThan(10);
    // The relations with the relation lists of every `from` (read in the same statement), then
    // the neighbours of every `to` (one batch). Relation lists bring their ends along.
    expect(api.lastRoundTrips).toBe(2);
  });
});

describe('nested relation lists are read with the list around them', () => {
  const relationsSelection = (args: string) =>
    `relations(${args}) { totalCount edges { node { type since from { slug } to { slug name } } } }`;

  /** The same list read alone, through `node` (no list around it). */
  async function alone(slug: string, args: string) {
    const data = expectData(
      await api.request(`query($id: ID!) { node(id: $id) { ... on Entity { ${relationsSelection(args)} } } }`, {
        id: Buffer.from(`Organisation:${slug}`).toString('base64'),
      }),
    );
    expect(data.node, slug).not.toBeNull();
    return data.node.relations;
  }

  async function kindOf(slug: string): Promise<string> {
    return expectData(await api.request(`{ entity(slug: "${slug}") { __typename } }`)).entity.__typename;
  }

  it('reads the entity page (entity → relations → to → relations) in one round trip, as each list alone', async () => {
    const data = expectData(
      await api.request(`{
      entity(slug: "framasoft") {
        relations(first: 20) { edges { node { type from { slug name } to { slug name ${relationsSelection('first: 5')} } } } }
      }
    }`),
    );
    expect(api.lastRoundTrips).toBe(1);
    const ends = data.entity.relations.edges.map((e: any) => e.node.to);
    expect(ends.length).toBe(20);
    let compared = 0;
    for (const end of ends.slice(0, 8)) {
      if ((await kindOf(end.slug)) !== 'Organisation') continue;
      expect(end.relations).toEqual(await alone(end.slug, 'first: 5'));
      compared++;
    }
    expect(compared).toBeGreaterThan(2);
  });

  it('follows aliases, directions, filters and three levels, still in one round trip', async () => {
    const data = expectData(
      await api.request(`{
      entity(slug: "picasoft") {
        out: relations(direction: OUTGOING, first: 3) { edges { node { to { slug
          relations(types: [MEMBERSHIP], direction: INCOMING, first: 2) { edges { node { from { slug
            relations(first: 2) { totalCount edges { node { type } } }
          } } } }
        } } } }
        in: relations(direction: INCOMING, activeIn: 2020) { totalCount edges { node { from { slug
          ${relationsSelection('first: 2')}
        } } } }
      }
    }`),
    );
    expect(api.lastRoundTrips).toBe(1);
    // Picasoft's outgoing relations: to CHATONS (members) and to Résolu.
    expect(data.entity.out.edges.map((e: any) => e.node.to.slug).sort()).toEqual(['chatons', 'resolu']);
    const chatons = data.entity.out.edges.find((e: any) => e.node.to.slug === 'chatons').node.to;
    expect(chatons.relations.edges).toHaveLength(2);
    for (const { node } of chatons.relations.edges) expect(CHATONS_MEMBERS).toContain(node.from.slug);
    expect(data.entity.in.edges.length).toBeGreaterThan(0);
    let compared = 0;
    for (const { node } of data.entity.in.edges) {
      if ((await kindOf(node.from.slug)) !== 'Organisation') continue;
      expect(node.from.relations).toEqual(await alone(node.from.slug, 'first: 2'));
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
  });

  it("reports a nested list's bad argument at its path, as when read alone", async () => {
    const response = await api.request(`{
      entity(slug: "picasoft") { name relations(first: 2) { edges { node { to { slug relations(first: 1000) { totalCount } } } } } }
    }`);
    // The compiled run reports the error of each listed end (edges 0 and 1); graphql-js only the first.
    const at = (edge: number) => ['entity', 'relations', 'edges', edge, 'node', 'to', 'relations'];
    expect(response.errors?.map((e) => e.path)).toEqual([at(0), at(1)]);
    expectError({ errors: response.errors?.slice(0, 1) }, 'INVALID_ARGUMENT', /first/, at(0));
    expectError({ errors: response.errors?.slice(1) }, 'INVALID_ARGUMENT', /first/, at(1));
    // Non-null fields up to the entity: the error empties the nearest nullable one.
    expect(response.data).toEqual({ entity: null });
  });
});

describe('lists read only what the client selects', () => {
  const relationsOfFramasoft = (selection: string, after?: string) =>
    api.request(
      `query($after: String) { entity(slug: "framasoft") { relations(first: 30, after: $after) { ${selection} } } }`,
      {
        after,
      },
    );

  it('pages the same with and without totalCount; only a selected totalCount counts the whole list', async () => {
    const counted = expectData(await relationsOfFramasoft('totalCount'));
    expect(counted.entity.relations.totalCount).toBe(FRAMASOFT_RELATIONS);
    expect(api.lastStatements.at(-1)).toMatch(/COUNT \{/);

    const ids: string[] = [];
    let after: string | undefined;
    let page: any;
    for (let i = 0; i < 10; i++) {
      page = expectData(
        await relationsOfFramasoft('edges { node { relationId } } pageInfo { hasNextPage endCursor }', after),
      ).entity.relations;
      expect(api.lastStatements.at(-1)).not.toMatch(/COUNT \{/);
      ids.push(...page.edges.map((e: any) => e.node.relationId));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(ids.length).toBe(FRAMASOFT_RELATIONS);
    expect(new Set(ids).size).toBe(FRAMASOFT_RELATIONS);
    const seeds = readSeedYaml().relations.filter((r) => r.from === 'framasoft' || r.to === 'framasoft');
    expect(ids.sort()).toEqual(seeds.map((r) => r.id).sort());
  });

  it('counts a list filtered on properties in the same pass as its page', async () => {
    const hosting = (selection: string, after?: string) =>
      api.request(
        `query($after: String) { relations(types: [HOSTING], software: "peertube", activeIn: 2020, first: 3, after: $after) { ${selection} } }`,
        { after },
      );
    const ids = 'edges { node { relationId } } pageInfo { hasNextPage endCursor }';
    const counted = expectData(await hosting(`totalCount ${ids}`));
    expect(api.lastStatements[0]).toMatch(/AS listed/);
    expect(api.lastStatements[0]).not.toMatch(/COUNT \{/);
    // The four PeerTube hostings all run in 2020.
    expect(counted.relations.totalCount).toBe(PEERTUBE_CLIENTS.length);
    const uncounted = expectData(await hosting(ids));
    expect(api.lastStatements[0]).not.toMatch(/AS listed/);
    expect(counted.relations.edges).toEqual(uncounted.relations.edges);

    const all: string[] = [];
    let after: string | undefined;
    let page: any;
    for (let i = 0; i < 10; i++) {
      page = expectData(await hosting(`totalCount ${ids}`, after)).relations;
      expect(page.totalCount).toBe(PEERTUBE_CLIENTS.length);
      all.push(...page.edges.map((e: any) => e.node.relationId));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(all.sort()).toEqual(PEERTUBE_CLIENTS.map((client) => `hosting--framasoft--${client}--peertube`));
  });

  it('follows fragments and @include to decide what to read', async () => {
    const query = `query($withTotal: Boolean!, $withSources: Boolean!) {
      relations(types: [HOSTING], from: "framasoft") { count: totalCount @include(if: $withTotal) ...Page }
    }
    fragment Page on RelationConnection { edges { node { ... on Relation { sources @include(if: $withSources) { quote } } } } }`;
    const plain = expectData(await api.request(query, { withTotal: false, withSources: false }));
    expect(api.lastStatements[0]).not.toMatch(/sourceQuotes|COUNT \{/);
    expect(plain.relations).toEqual({ edges: Array.from({ length: 10 }, () => ({ node: {} })) });
    const full = expectData(await api.request(query, { withTotal: true, withSources: true }));
    expect(api.lastStatements[0]).toMatch(/sourceQuotes/);
    expect(api.lastStatements[0]).toMatch(/COUNT \{/);
    expect(api.lastRoundTrips).toBe(1);
    // Framasoft's ten HOSTING relations.
    expect(full.relations.count).toBe(10);
    expect(full.relations.edges).toHaveLength(10);
    for (const edge of full.relations.edges) expect(edge.node.sources.length).toBeGreaterThan(0);
  });

  it('loads what a list did not fetch of its entities in one batched round trip', async () => {
    const data = expectData(
      await api.request(`{
      relations(types: [MEMBERSHIP], first: 50) {
        edges { node { to { slug name summary aliases ... on Organisation { location } } } }
      }
    }`),
    );
    // The list, then one load of every end whose summary, aliases or location were asked for.
    expect(api.lastRoundTrips).toBe(2);
    const end = data.relations.edges.map((e: any) => e.node.to).find((to: any) => to.slug === 'chatons');
    const direct = expectData(
      await api.request('{ entity(slug: "chatons") { slug name summary aliases ... on Organisation { location } } }'),
    );
    expect(end).toEqual(direct.entity);
    expect(end.summary).toBeTruthy();
  });

  it('reads the sources of relations fetched without them when asked (the map view)', async () => {
    const data = expectData(
      await api.request(`{
      graph(focus: "picasoft", depth: 1) { edges { id relationId sources { section quote } } }
    }`),
    );
    // Read with the view itself when selected, not loaded again relation by relation.
    expect(api.lastRoundTrips).toBe(1);
    const edges = data.graph.edges;
    expect(edges.map((e: any) => e.relationId).sort()).toEqual(PICASOFT_RELATIONS);
    const one = expectData(
      await api.request(`query($id: ID!) { node(id: $id) { ... on Relation { sources { section quote } } } }`, {
        id: edges[0].id,
      }),
    );
    expect(edges[0].sources).toEqual(one.node.sources);
    for (const edge of edges) expect(edge.sources.length).toBeGreaterThan(0);
  });

  it('reads only the relation properties selected, and answers the same as a whole read', async () => {
    const fields = 'id relationId type role software { slug } resource since until amount currency description version';
    expectData(await relationsOfFramasoft('edges { node { type to { slug name } } }'));
    expect(api.lastStatements.at(-1)).toMatch(/props: r0 \{\.id\}/);
    expect(api.lastStatements.at(-1)).not.toMatch(/r0\.(description|role|version|internalNotes)/);
    // Of the ends, only the one selected is read beyond its slug.
    expect(api.lastStatements.at(-1)).toMatch(
      /from: [\w()]+\.slug, to: \{slug: [\w()]+\.slug, name: [\w()]+\.name, kind/,
    );
    const bothEnds = expectData(await relationsOfFramasoft('edges { node { from { name } to { name } } }'));
    const fromEnd = expectData(await relationsOfFramasoft('edges { node { from { name } } }'));
    expect(fromEnd.entity.relations.edges).toHaveLength(30);
    expect(fromEnd.entity.relations.edges).toEqual(
      bothEnds.entity.relations.edges.map(({ node }: any) => ({ node: { from: node.from } })),
    );
    expect(api.lastRoundTrips).toBe(1);

    // Staff fields a list read are answered from it, without loading the whole relations.
    expectData(await relationsOfFramasoft('edges { node { version } }'));
    expect(api.lastRoundTrips).toBe(1); // the entity with its relations

    expectData(await relationsOfFramasoft('edges { node { description } }'));
    expect(api.lastStatements.at(-1)).toMatch(/\.description/);
    expect(api.lastStatements.at(-1)).not.toMatch(/\.role|\.amount/);

    const listed = expectData(await relationsOfFramasoft(`edges { node { ${fields} } }`));
    expect(listed.entity.relations.edges).toHaveLength(30);
    for (const { node } of listed.entity.relations.edges.slice(0, 8)) {
      const one = expectData(
        await api.request(`query($id: ID!) { node(id: $id) { ... on Relation { ${fields} } } }`, { id: node.id }),
      );
      expect(node).toEqual(one.node);
    }
  });

  it('loads a relation field a list did not read from the whole relation, batched', async () => {
    const { page: listed } = await findRelations(db, {
      types: ['HOSTING'],
      from: 'framasoft',
      to: null,
      software: 'peertube',
      activeIn: null,
      startedIn: null,
      endedIn: null,
      order: DEFAULT_RELATION_ORDER,
      offset: 0,
      limit: 20,
      needs: { totalCount: false, fields: ['to'] },
      nested: [],
    });
    expect(listed.items).toHaveLength(PEERTUBE_CLIENTS.length);
    for (const relation of listed.items) {
      expect(relation).toHaveProperty('partial', true);
      expect(relation).not.toHaveProperty('description');
    }
    const ctx = createContext(db);
    const descriptions = await Promise.all(listed.items.map((r) => relationField(r, 'description', ctx)));
    expect(ctx.queries.length).toBe(1);
    // The descriptions the seed files give, read without the loader's reader.
    const seeded = new Map(readSeedYaml().relations.map((r) => [r.id, r.description]));
    expect(descriptions).toEqual(listed.items.map((r) => seeded.get(r.id)));
    expect(descriptions.sort()).toEqual([
      "Hébergement de vidéos de la FSF sur Framatube, l'instance PeerTube de Framasoft.",
      "Hébergement et maintenance gracieuse de l'instance PeerTube.",
      "Hébergement et maintenance gracieuse de l'instance PeerTube.",
      "Serveur et ressources humaines pour l'installation, la configuration et la maintenance d'une instance PeerTube robuste, capable d'absorber la diffusion face à un public important.",
    ]);
  });
});
