/**
 * The public GraphQL contract, against the real Neo4j and the real seed data.
 */
import { describe, expect, it } from 'vitest';
import { createContext } from '../api/context.js';
import { findRelations, relationsByKeys } from '../api/data/relations.js';
import { relationField } from '../schema/whole-relation.js';
import { graphqlClient } from './support/graphql.js';
import { useTestDatabase } from './support/neo4j.js';

const db = useTestDatabase();
const api = graphqlClient(db);

describe('the questions staff ask', () => {
  it('who do we host a PeerTube instance for? (one query)', async () => {
    const { data, errors } = await api.request(`{
      relations(types: [HOSTING], from: "framasoft", software: "peertube") {
        totalCount
        edges { node { type from { slug } to { slug name } software { slug name } sources { section quote } } }
      }
    }`);
    expect(errors).toBeUndefined();
    const hosted = data!.relations.edges.map((e: any) => e.node);
    expect(hosted.length).toBe(data!.relations.totalCount);
    expect(hosted.map((r: any) => r.to.slug)).toEqual(expect.arrayContaining(['imagotv', 'free-software-foundation']));
    for (const relation of hosted) {
      expect(relation).toMatchObject({ type: 'HOSTING', from: { slug: 'framasoft' }, software: { slug: 'peertube' } });
      expect(relation.sources.length).toBeGreaterThan(0);
    }
  });

  it('accepts the software by name as well as by slug', async () => {
    const bySlug = await api.request('{ relations(types: [HOSTING], software: "peertube") { totalCount } }');
    const byName = await api.request('{ relations(types: [HOSTING], software: "PeerTube") { totalCount } }');
    expect(byName.data!.relations.totalCount).toBe(bySlug.data!.relations.totalCount);
    expect(bySlug.data!.relations.totalCount).toBeGreaterThan(0);
  });
});

describe('entity and node', () => {
  it('reads an organisation with its kind-specific fields', async () => {
    const { data } = await api.request(`{
      entity(slug: "framasoft") { id slug name kind aliases summary ... on Organisation { category } }
    }`);
    expect(data!.entity).toMatchObject({
      slug: 'framasoft',
      name: 'Framasoft',
      kind: 'ORGANISATION',
      category: 'association',
    });
  });

  it('returns null for an unknown slug and refuses a malformed one', async () => {
    expect((await api.request('{ entity(slug: "no-such-entity") { name } }')).data!.entity).toBeNull();
    const bad = await api.request('{ entity(slug: "Not A Slug") { name } }');
    expect(bad.errors![0]!.extensions!.code).toBe('INVALID_ARGUMENT');
    expect(bad.errors![0]!.message).toContain('slug');
  });

  it('refetches entities and relations by global id', async () => {
    const { data } = await api.request(`{
      entity(slug: "picasoft") { id relations(first: 1) { edges { node { id relationId } } } }
    }`);
    const entityId = data!.entity.id;
    const relation = data!.entity.relations.edges[0].node;
    const again = await api.request(
      `query($a: ID!, $b: ID!) { a: node(id: $a) { id ... on Entity { slug } } b: node(id: $b) { id ... on Relation { relationId } } }`,
      { a: entityId, b: relation.id },
    );
    expect(again.data!.a).toEqual({ id: entityId, slug: 'picasoft' });
    expect(again.data!.b).toEqual({ id: relation.id, relationId: relation.relationId });
  });

  it('lists relations by direction and type, and neighbours', async () => {
    const { data } = await api.request(`{
      entity(slug: "chatons") {
        incoming: relations(direction: INCOMING, types: [MEMBERSHIP], first: 100) { totalCount edges { node { to { slug } type } } }
        outgoing: relations(direction: OUTGOING) { edges { node { from { slug } } } }
        neighbours(first: 5) { totalCount edges { node { slug } } }
      }
    }`);
    const incoming = data!.entity.incoming;
    expect(incoming.totalCount).toBeGreaterThanOrEqual(5);
    for (const e of incoming.edges) expect(e.node).toMatchObject({ to: { slug: 'chatons' }, type: 'MEMBERSHIP' });
    for (const e of data!.entity.outgoing.edges) expect(e.node.from.slug).toBe('chatons');
    expect(data!.entity.neighbours.edges).toHaveLength(5);
    expect(data!.entity.neighbours.totalCount).toBeGreaterThan(5);
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
    const { data, errors } = await api.request(
      'query($text: String!) { search(text: $text) { edges { node { slug } } } }',
      { text },
    );
    expect(errors).toBeUndefined();
    expect(data!.search.edges[0]?.node.slug).toBe(slug);
  });

  it('ranks the exact name first and filters by kind', async () => {
    const { data } = await api.request(
      '{ search(text: "PeerTube", kinds: [PROJECT]) { edges { node { slug kind } } } }',
    );
    expect(data!.search.edges[0].node.slug).toBe('peertube');
    for (const e of data!.search.edges) expect(e.node.kind).toBe('PROJECT');
  });

  it('treats query syntax and injection attempts as plain text', async () => {
    for (const text of ['"framasoft" OR *', "') DETACH DELETE n //", 'name:framasoft~', '\\', '***']) {
      const { errors } = await api.request('query($text: String!) { search(text: $text) { totalCount } }', { text });
      expect(errors).toBeUndefined();
    }
    const { data } = await api.request('{ entity(slug: "framasoft") { name } }');
    expect(data!.entity.name).toBe('Framasoft');
  });
});

describe('relations, activeIn, path and graph', () => {
  it('keeps relations active in a year (open ends are open)', async () => {
    const { data } = await api.request(`{
      all: relations(types: [HOSTING], from: "framasoft", first: 100) { totalCount edges { node { since until } } }
      in2014: relations(types: [HOSTING], from: "framasoft", activeIn: 2014, first: 100) { totalCount edges { node { since until } } }
    }`);
    expect(data!.in2014.totalCount).toBeLessThan(data!.all.totalCount);
    for (const { node } of data!.in2014.edges) {
      if (node.since) expect(Number(node.since.slice(0, 4))).toBeLessThanOrEqual(2014);
      if (node.until) expect(Number(node.until.slice(0, 4))).toBeGreaterThanOrEqual(2014);
    }
  });

  it('finds the shortest path, or null', async () => {
    const { data } = await api.request(
      '{ path(from: "picasoft", to: "wikimedia-france") { from { slug } to { slug } } }',
    );
    expect(data!.path.length).toBeGreaterThanOrEqual(1);
    expect(data!.path.length).toBeLessThanOrEqual(4);
    const ends = data!.path.flatMap((r: any) => [r.from.slug, r.to.slug]);
    expect(ends).toContain('picasoft');
    expect(ends).toContain('wikimedia-france');
    const none = await api.request('{ path(from: "picasoft", to: "wikimedia-france", maxLength: 1) { type } }');
    expect(none.data!.path).toBeNull();
    const unknown = await api.request('{ path(from: "picasoft", to: "nowhere") { type } }');
    expect(unknown.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });

  it('returns the map view in one request, whole or around a focus', async () => {
    const whole = await api.request('{ graph { nodes { slug } edges { from { slug } to { slug } } } }');
    expect(api.lastRoundTrips).toBe(1);
    const slugs = new Set(whole.data!.graph.nodes.map((n: any) => n.slug));
    expect(slugs.has('framasoft')).toBe(true);
    for (const e of whole.data!.graph.edges) {
      expect(slugs.has(e.from.slug) && slugs.has(e.to.slug)).toBe(true);
    }
    const focused = await api.request(
      '{ graph(focus: "picasoft", depth: 1) { nodes { slug } edges { from { slug } to { slug } } } }',
    );
    const near = focused.data!.graph.nodes.map((n: any) => n.slug);
    expect(near).toContain('picasoft');
    expect(near.length).toBeLessThan(slugs.size);
    const byKind = await api.request('{ graph(kinds: [ORGANISATION]) { nodes { kind } } }');
    for (const n of byKind.data!.graph.nodes) expect(n.kind).toBe('ORGANISATION');
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
    let total = 0;
    for (let i = 0; i < 50; i++) {
      const { data } = await page(after);
      const connection = data!.relations;
      total = connection.totalCount;
      seen.push(...connection.edges.map((e: any) => e.node.relationId));
      expect(connection.pageInfo.hasPreviousPage).toBe(i > 0);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('returns an empty last page past the end', async () => {
    const first = await page();
    const total = first.data!.relations.totalCount;
    const lastCursor = Buffer.from(`cursor:${total - 1}`).toString('base64url');
    const { data } = await page(lastCursor);
    expect(data!.relations.edges).toEqual([]);
    expect(data!.relations.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a bad cursor and a page above 100 with clear errors', async () => {
    const bad = await page('not-a-cursor');
    expect(bad.errors![0]).toMatchObject({ extensions: { code: 'INVALID_ARGUMENT', argument: 'after' } });
    const big = await api.request('{ relations(first: 101) { totalCount } }');
    expect(big.errors![0]!.extensions!.code).toBe('INVALID_ARGUMENT');
    expect(big.errors![0]!.message).toMatch(/at most 100/);
    const atLimit = await api.request('{ relations(first: 100) { edges { cursor } } }');
    expect(atLimit.data!.relations.edges).toHaveLength(100);
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
    const { errors } = await api.request(query);
    expect(errors![0]!.extensions!.code).toBe(code);
    expect(errors![0]!.message).toMatch(message);
  });

  it('rejects an unknown relation type as a validation error', async () => {
    const response = await api.yoga.fetch('http://archipel.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ relations(types: [FRIENDS]) { totalCount } }' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string }[] };
    expect(body.errors[0]!.message).toMatch(/FRIENDS/);
  });
});

describe('batching: one Cypher round trip per level', () => {
  it('a 3-level nested query over many entities costs one query per level', async () => {
    const { data, errors } = await api.request(`{
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
    }`);
    expect(errors).toBeUndefined();
    const parents = new Set(data!.relations.edges.map((e: any) => e.node.from.name));
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
    const { data } = await api.request(
      `query($id: ID!) { node(id: $id) { ... on Entity { ${relationsSelection(args)} } } }`,
      {
        id: Buffer.from(`Organisation:${slug}`).toString('base64'),
      },
    );
    return data?.node?.relations;
  }

  it('reads the entity page (entity → relations → to → relations) in one round trip, as each list alone', async () => {
    const { data, errors } = await api.request(`{
      entity(slug: "framasoft") {
        relations(first: 20) { edges { node { type from { slug name } to { slug name ${relationsSelection('first: 5')} } } } }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(api.lastRoundTrips).toBe(1);
    const ends = data!.entity.relations.edges.map((e: any) => e.node.to);
    expect(ends.length).toBe(20);
    let compared = 0;
    for (const end of ends.slice(0, 8)) {
      const kindOf = await api.request(`{ entity(slug: "${end.slug}") { __typename } }`);
      if (kindOf.data!.entity.__typename !== 'Organisation') continue;
      expect(end.relations).toEqual(await alone(end.slug, 'first: 5'));
      compared++;
    }
    expect(compared).toBeGreaterThan(2);
  });

  it('follows aliases, directions, filters and three levels, still in one round trip', async () => {
    const { data, errors } = await api.request(`{
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
    }`);
    expect(errors).toBeUndefined();
    expect(api.lastRoundTrips).toBe(1);
    expect(data!.entity.out.edges.length).toBeGreaterThan(0);
    let compared = 0;
    for (const { node } of data!.entity.in.edges) {
      const kindOf = await api.request(`{ entity(slug: "${node.from.slug}") { __typename } }`);
      if (kindOf.data!.entity.__typename !== 'Organisation') continue;
      expect(node.from.relations).toEqual(await alone(node.from.slug, 'first: 2'));
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
  });

  it("reports a nested list's bad argument at its path, as when read alone", async () => {
    const { data, errors } = await api.request(`{
      entity(slug: "picasoft") { name relations(first: 2) { edges { node { to { slug relations(first: 1000) { totalCount } } } } } }
    }`);
    expect(errors![0]!.extensions!.code).toBe('INVALID_ARGUMENT');
    expect(errors![0]!.message).toMatch(/first/);
    expect(errors![0]!.path).toEqual(['entity', 'relations', 'edges', 0, 'node', 'to', 'relations']);
    // Non-null fields up to the entity: the error empties the nearest nullable one.
    expect(data!.entity).toBeNull();
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
    const counted = await relationsOfFramasoft('totalCount');
    const total = counted.data!.entity.relations.totalCount;
    expect(total).toBeGreaterThan(100);
    expect(api.lastStatements.at(-1)).toMatch(/COUNT \{/);

    const slugs: string[] = [];
    let after: string | undefined;
    for (;;) {
      const { data, errors } = await relationsOfFramasoft(
        'edges { node { relationId } } pageInfo { hasNextPage endCursor }',
        after,
      );
      expect(errors).toBeUndefined();
      expect(api.lastStatements.at(-1)).not.toMatch(/COUNT \{/);
      const page = data!.entity.relations;
      slugs.push(...page.edges.map((e: any) => e.node.relationId));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(slugs.length).toBe(total);
    expect(new Set(slugs).size).toBe(total);
  });

  it('counts a list filtered on properties in the same pass as its page', async () => {
    const hosting = (selection: string, after?: string) =>
      api.request(
        `query($after: String) { relations(types: [HOSTING], software: "peertube", activeIn: 2020, first: 3, after: $after) { ${selection} } }`,
        { after },
      );
    const ids = 'edges { node { relationId } } pageInfo { hasNextPage endCursor }';
    const counted = await hosting(`totalCount ${ids}`);
    expect(counted.errors).toBeUndefined();
    expect(api.lastStatements[0]).toMatch(/AS listed/);
    expect(api.lastStatements[0]).not.toMatch(/COUNT \{/);
    const uncounted = await hosting(ids);
    expect(api.lastStatements[0]).not.toMatch(/AS listed/);
    expect(counted.data!.relations.edges).toEqual(uncounted.data!.relations.edges);

    const all: string[] = [];
    let after: string | undefined;
    for (;;) {
      const { data } = await hosting(`totalCount ${ids}`, after);
      expect(data!.relations.totalCount).toBe(counted.data!.relations.totalCount);
      all.push(...data!.relations.edges.map((e: any) => e.node.relationId));
      if (!data!.relations.pageInfo.hasNextPage) break;
      after = data!.relations.pageInfo.endCursor;
    }
    expect(all.length).toBe(counted.data!.relations.totalCount);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThan(3);
  });

  it('follows fragments and @include to decide what to read', async () => {
    const query = `query($withTotal: Boolean!, $withSources: Boolean!) {
      relations(types: [HOSTING], from: "framasoft") { count: totalCount @include(if: $withTotal) ...Page }
    }
    fragment Page on RelationConnection { edges { node { ... on Relation { sources @include(if: $withSources) { quote } } } } }`;
    const plain = await api.request(query, { withTotal: false, withSources: false });
    expect(plain.errors).toBeUndefined();
    expect(api.lastStatements[0]).not.toMatch(/sourceQuotes|COUNT \{/);
    const full = await api.request(query, { withTotal: true, withSources: true });
    expect(full.errors).toBeUndefined();
    expect(api.lastStatements[0]).toMatch(/sourceQuotes/);
    expect(api.lastStatements[0]).toMatch(/COUNT \{/);
    expect(api.lastRoundTrips).toBe(1);
    expect(full.data!.relations.count).toBe(full.data!.relations.edges.length);
    for (const edge of full.data!.relations.edges) expect(edge.node.sources.length).toBeGreaterThan(0);
  });

  it('loads what a list did not fetch of its entities in one batched round trip', async () => {
    const { data, errors } = await api.request(`{
      relations(types: [MEMBERSHIP], first: 50) {
        edges { node { to { slug name summary aliases ... on Organisation { location } } } }
      }
    }`);
    expect(errors).toBeUndefined();
    // The list, then one load of every end whose summary, aliases or location were asked for.
    expect(api.lastRoundTrips).toBe(2);
    const picasoft = data!.relations.edges.map((e: any) => e.node.to).find((to: any) => to.slug !== 'framasoft');
    const direct = await api.request(
      `{ entity(slug: "${picasoft.slug}") { slug name summary aliases ... on Organisation { location } } }`,
    );
    expect(picasoft).toEqual(direct.data!.entity);
  });

  it('reads the sources of relations fetched without them when asked (the map view)', async () => {
    const { data, errors } = await api.request(`{
      graph(focus: "picasoft", depth: 1) { edges { id sources { section quote } } }
    }`);
    expect(errors).toBeUndefined();
    expect(api.lastRoundTrips).toBe(2);
    const edges = data!.graph.edges;
    expect(edges.length).toBeGreaterThan(3);
    const one = await api.request(
      `query($id: ID!) { node(id: $id) { ... on Relation { sources { section quote } } } }`,
      { id: edges[0].id },
    );
    expect(edges[0].sources).toEqual(one.data!.node.sources);
    for (const edge of edges) expect(edge.sources.length).toBeGreaterThan(0);
  });

  it('reads only the relation properties selected, and answers the same as a whole read', async () => {
    const fields = 'id relationId type role software { slug } resource since until amount currency description version';
    const slim = await relationsOfFramasoft('edges { node { type to { slug name } } }');
    expect(slim.errors).toBeUndefined();
    expect(api.lastStatements.at(-1)).toMatch(/props: r0 \{\.id\}/);
    expect(api.lastStatements.at(-1)).not.toMatch(/r0\.(description|role|version|internalNotes)/);
    // Of the ends, only the one selected is read beyond its slug.
    expect(api.lastStatements.at(-1)).toMatch(
      /from: [\w()]+\.slug, to: \{slug: [\w()]+\.slug, name: [\w()]+\.name, kind/,
    );
    const bothEnds = await relationsOfFramasoft('edges { node { from { name } to { name } } }');
    const fromEnd = await relationsOfFramasoft('edges { node { from { name } } }');
    expect(fromEnd.data!.entity.relations.edges).toEqual(
      bothEnds.data!.entity.relations.edges.map(({ node }: any) => ({ node: { from: node.from } })),
    );
    expect(api.lastRoundTrips).toBe(1);

    // Staff fields a list read are answered from it, without loading the whole relations.
    const versioned = await relationsOfFramasoft('edges { node { version } }');
    expect(versioned.errors).toBeUndefined();
    expect(api.lastRoundTrips).toBe(1); // the entity with its relations

    const described = await relationsOfFramasoft('edges { node { description } }');
    expect(described.errors).toBeUndefined();
    expect(api.lastStatements.at(-1)).toMatch(/\.description/);
    expect(api.lastStatements.at(-1)).not.toMatch(/\.role|\.amount/);

    const listed = await relationsOfFramasoft(`edges { node { ${fields} } }`);
    expect(listed.errors).toBeUndefined();
    for (const { node } of listed.data!.entity.relations.edges.slice(0, 8)) {
      const one = await api.request(`query($id: ID!) { node(id: $id) { ... on Relation { ${fields} } } }`, {
        id: node.id,
      });
      expect(node).toEqual(one.data!.node);
    }
  });

  it('loads a relation field a list did not read from the whole relation, batched', async () => {
    const { page: listed } = await findRelations(db, {
      types: ['HOSTING'],
      from: 'framasoft',
      to: null,
      software: 'peertube',
      activeIn: null,
      offset: 0,
      limit: 20,
      needs: { totalCount: false, fields: ['to'] },
      nested: [],
    });
    expect(listed.items.length).toBeGreaterThan(1);
    for (const relation of listed.items) {
      expect(relation).toHaveProperty('partial', true);
      expect(relation).not.toHaveProperty('description');
    }
    const ctx = createContext(db);
    const descriptions = await Promise.all(listed.items.map((r) => relationField(r, 'description', ctx)));
    const wholes = await relationsByKeys(db, listed.items);
    expect(descriptions).toEqual(wholes.map((w) => w!.description));
    expect(descriptions.some((d) => d)).toBe(true);
    expect(ctx.queries.length).toBe(1);
  });
});
