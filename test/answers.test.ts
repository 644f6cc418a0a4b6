/**
 * Complete and correct answers to the questions staff ask, against the real Neo4j and the real
 * seed data. Every expected value is a literal read from the report's dataset (seeds/*.yaml),
 * never computed by the code under test.
 */
import { describe, expect, it } from 'vitest';
import { isActiveIn, validity } from '../model/validity.js';
import { expectData as dataOf, expectError, graphqlClient } from './support/graphql.js';
import { useTestDatabase } from './support/neo4j.js';

const db = useTestDatabase();
const api = graphqlClient(db);

const slugsOf = (edges: { node: { slug: string } }[]) => edges.map((e) => e.node.slug).sort();
const pairs = (relations: { from: { slug: string }; to: { slug: string } }[]) =>
  relations.map((r) => `${r.from.slug}>${r.to.slug}`).sort();

describe("an entity's page lists every relation it has", () => {
  it("Framasoft's page groups all 225 relations by type, La Nef and Thinkerview included", async () => {
    const data = dataOf(
      await api.request(`{
        entity(slug: "framasoft") {
          relations { totalCount }
          relationGroups(first: 100) {
            type totalCount
            relations { pageInfo { hasNextPage } edges { node { type from { slug } to { slug name } } } }
          }
        }
      }`),
    );
    const groups = data.entity.relationGroups as {
      type: string;
      totalCount: number;
      relations: { pageInfo: { hasNextPage: boolean }; edges: { node: any }[] };
    }[];
    expect(data.entity.relations.totalCount).toBe(225);
    expect(Object.fromEntries(groups.map((g) => [g.type, g.totalCount]))).toEqual({
      RHIZOME: 5,
      ARCHIPELAGO: 39,
      FRIENDSHIP_CONVENTION: 2,
      SUPPORT_CONVENTION: 2,
      HOSTING: 11,
      FUNDING: 11,
      MEMBERSHIP: 9,
      COLLABORATION: 9,
      WORKS_FOR: 8,
      CONTRACTS_FOR: 9,
      DEVELOPS: 30,
      CONTRIBUTES_TO: 8,
      AUTHORED: 6,
      PUBLISHES: 2,
      PART_OF: 3,
      ORGANISES: 7,
      SPEAKS_AT: 3,
      INTERVIEWS: 46,
      SIGNS: 6,
      USES: 9,
    });
    // Every group is whole at 100 per group: the relations listed add up to the total.
    const listed = groups.flatMap((g) => g.relations.edges.map((e) => e.node));
    expect(listed).toHaveLength(225);
    for (const group of groups) {
      expect(group.relations.pageInfo.hasNextPage).toBe(false);
      for (const { node } of group.relations.edges) expect(node.type).toBe(group.type);
    }
    const names = (type: string) =>
      groups
        .find((g) => g.type === type)!
        .relations.edges.map((e) => (e.node.from.slug === 'framasoft' ? e.node.to.name : e.node.from.slug));
    expect(names('SUPPORT_CONVENTION')).toContain('La Nef');
    expect(names('HOSTING')).toContain('Thinkerview');
  });

  it('a group goes on from its end cursor with relations(types:), with no gap or repeat', async () => {
    const first = dataOf(
      await api.request(`{
        entity(slug: "framasoft") {
          relationGroups(first: 20) { type totalCount relations { pageInfo { hasNextPage endCursor } edges { node { relationId } } } }
        }
      }`),
    );
    const interviews = first.entity.relationGroups.find((g: any) => g.type === 'INTERVIEWS');
    expect(interviews.totalCount).toBe(46);
    expect(interviews.relations.edges).toHaveLength(20);
    expect(interviews.relations.pageInfo.hasNextPage).toBe(true);
    const rest = dataOf(
      await api.request(
        `query($after: String) { entity(slug: "framasoft") { relations(types: [INTERVIEWS], first: 100, after: $after) { edges { node { relationId } } } } }`,
        { after: interviews.relations.pageInfo.endCursor },
      ),
    );
    const ids = [
      ...interviews.relations.edges.map((e: any) => e.node.relationId),
      ...rest.entity.relations.edges.map((e: any) => e.node.relationId),
    ];
    expect(ids).toHaveLength(46);
    expect(new Set(ids).size).toBe(46);
  });

  it('an entity with no relation has no group, and no error', async () => {
    const data = dataOf(await api.request('{ entity(slug: "yeswiki") { relationGroups { type } } }'));
    expect(data.entity.relationGroups).toEqual([]);
  });
});

describe('software is a first-class end', () => {
  it('who do we host an Etherpad instance for? (from the software’s page)', async () => {
    const data = dataOf(
      await api.request(`{
        entity(slug: "etherpad") {
          ... on Project { hostedInstances { totalCount edges { node { type since from { slug } to { slug } software { slug } } } } }
        }
      }`),
    );
    const instances = data.entity.hostedInstances;
    expect(instances.totalCount).toBe(2);
    expect(pairs(instances.edges.map((e: any) => e.node))).toEqual([
      'framasoft>sesamath',
      'framasoft>wikimedia-france',
    ]);
    for (const { node } of instances.edges) {
      expect(node).toMatchObject({ type: 'HOSTING', since: '2014', software: { slug: 'etherpad' } });
    }
  });

  it('PeerTube’s page lists the four PeerTube instances Framasoft hosts', async () => {
    const data = dataOf(
      await api.request(
        '{ entity(slug: "peertube") { ... on Project { hostedInstances { totalCount edges { node { from { slug } to { slug } } } } } } }',
      ),
    );
    expect(data.entity.hostedInstances.totalCount).toBe(4);
    expect(pairs(data.entity.hostedInstances.edges.map((e: any) => e.node))).toEqual([
      'framasoft>datagueule',
      'framasoft>free-software-foundation',
      'framasoft>imagotv',
      'framasoft>thinkerview',
    ]);
  });

  it('a project that is not hosted software has no instances, and no error', async () => {
    const data = dataOf(
      await api.request(
        '{ entity(slug: "degooglisons-internet") { ... on Project { hostedInstances { totalCount edges { cursor } } } } }',
      ),
    );
    expect(data.entity.hostedInstances).toEqual({ totalCount: 0, edges: [] });
  });

  it('the whole map draws Etherpad and BigBlueButton through the hostings that run them', async () => {
    const data = dataOf(
      await api.request('{ graph(types: [HOSTING]) { nodes { slug } edges { relationId software { slug } } } }'),
    );
    const nodes = data.graph.nodes.map((n: any) => n.slug);
    for (const software of ['etherpad', 'bigbluebutton', 'peertube']) expect(nodes).toContain(software);
    expect(nodes).not.toContain('yeswiki');
    expect(data.graph.edges).toHaveLength(11);
  });

  it('the map focused on Etherpad shows who hosts it for whom', async () => {
    const data = dataOf(
      await api.request(
        '{ graph(focus: "etherpad", depth: 1, types: [HOSTING]) { nodes { slug } edges { from { slug } to { slug } software { slug } } } }',
      ),
    );
    expect(data.graph.nodes.map((n: any) => n.slug).sort()).toEqual([
      'etherpad',
      'framasoft',
      'sesamath',
      'wikimedia-france',
    ]);
    expect(pairs(data.graph.edges)).toEqual(['framasoft>sesamath', 'framasoft>wikimedia-france']);
  });
});

describe('path tells the truth', () => {
  it('answers null, without an error, when no chain exists within maxLength', async () => {
    const response = await api.request(
      '{ path(from: "picasoft", to: "wikimedia-france", maxLength: 1) { relationId } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ path: null });
  });

  it('answers null, without an error, for an entity with no relation at all (Etherpad)', async () => {
    const response = await api.request('{ path(from: "etherpad", to: "framasoft", maxLength: 6) { relationId } }');
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ path: null });
  });

  it('answers a chain of length 0 for the same entity', async () => {
    const data = dataOf(await api.request('{ path(from: "framasoft", to: "framasoft") { relationId } }'));
    expect(data.path).toEqual([]);
  });

  it('finds the shortest chain: Picasoft and Wikimédia France are two steps apart', async () => {
    const data = dataOf(
      await api.request('{ path(from: "picasoft", to: "wikimedia-france") { from { slug } to { slug } } }'),
    );
    expect(data.path).toHaveLength(2);
    const ends = data.path.flatMap((r: any) => [r.from.slug, r.to.slug]);
    expect(ends).toContain('picasoft');
    expect(ends).toContain('wikimedia-france');
  });

  it('lists every tied shortest chain, and can avoid the hub', async () => {
    const data = dataOf(
      await api.request(`{
        all: paths(from: "picasoft", to: "framabook", first: 20) { length relations { from { slug } to { slug } } }
        avoiding: paths(from: "picasoft", to: "framabook", avoid: ["framasoft"], first: 20) { length relations { from { slug } to { slug } } }
        longer: path(from: "picasoft", to: "arthur-duval", avoid: ["framasoft"]) { from { slug } to { slug } }
        hubOnly: path(from: "picasoft", to: "wikimedia-france", avoid: ["framasoft"], maxLength: 6) { relationId }
      }`),
    );
    const through = (path: { relations: { from: { slug: string }; to: { slug: string } }[] }) =>
      [...new Set(path.relations.flatMap((r) => [r.from.slug, r.to.slug]))]
        .filter((slug) => slug !== 'picasoft' && slug !== 'framabook')
        .join();
    // Picasoft reaches Framabook in two steps, through Framasoft (several relations) or through RÉSOLU.
    expect(data.all.length).toBeGreaterThan(1);
    for (const path of data.all) expect(path.length).toBe(2);
    expect(new Set(data.all.map(through))).toEqual(new Set(['framasoft', 'resolu']));
    expect(data.avoiding.length).toBeGreaterThan(0);
    for (const path of data.avoiding) {
      expect(path.length).toBe(2);
      expect(through(path)).toBe('resolu');
    }
    // Without the hub, Arthur Duval is three steps away, through CHATONS.
    expect(data.longer).toHaveLength(3);
    expect(data.longer.flatMap((r: any) => [r.from.slug, r.to.slug])).not.toContain('framasoft');
    // Wikimédia France's only ties are with Framasoft.
    expect(data.hubOnly).toBeNull();
  });

  it('refuses an unknown slug with NOT_FOUND naming it, and a maxLength over 6', async () => {
    const unknown = await api.request('{ path(from: "picasoft", to: "nowhere") { relationId } }');
    expectError(unknown, 'NOT_FOUND', /"nowhere"/, ['path']);
    expect(unknown.data?.path).toBeNull();
    const tooLong = await api.request('{ path(from: "picasoft", to: "framasoft", maxLength: 7) { relationId } }');
    expectError(tooLong, 'INVALID_ARGUMENT', /maxLength/, ['path']);
    const six = dataOf(await api.request('{ path(from: "picasoft", to: "framasoft", maxLength: 6) { relationId } }'));
    expect(six.path).toHaveLength(1);
  });
});

describe('the time model matches the report', () => {
  it('2014 shows no event of 2020: no ORGANISES relation holds in 2014, all 20 hold in 2020', async () => {
    const data = dataOf(
      await api.request(`{
        in2014: relations(types: [ORGANISES], activeIn: 2014) { totalCount }
        in2020: relations(types: [ORGANISES], activeIn: 2020) { totalCount }
        all: relations(types: [ORGANISES]) { totalCount }
      }`),
    );
    expect(data).toEqual({ in2014: { totalCount: 0 }, in2020: { totalCount: 20 }, all: { totalCount: 20 } });
  });

  it('which of our hostings ran in 2014? Etherpad for Sésamath and Wikimédia France', async () => {
    const data = dataOf(
      await api.request(`{
        relations(types: [HOSTING], from: "framasoft", activeIn: 2014) { totalCount edges { node { to { slug } since } } }
      }`),
    );
    expect(data.relations.totalCount).toBe(2);
    expect(data.relations.edges.map((e: any) => e.node.to.slug).sort()).toEqual(['sesamath', 'wikimedia-france']);
  });

  it('the whole map in 2014 holds no event and no undated relation', async () => {
    const data = dataOf(await api.request('{ graph(activeIn: 2014) { nodes { slug kind } edges { since until } } }'));
    expect(data.graph.nodes.filter((n: any) => n.kind === 'EVENT')).toEqual([]);
    expect(data.graph.edges.length).toBeGreaterThan(0);
    for (const edge of data.graph.edges) expect(edge.since ?? edge.until).not.toBeNull();
  });

  it('what ended in 2020? the thirteen endings the report dates', async () => {
    const data = dataOf(
      await api.request(
        '{ relations(endedIn: 2020, orderBy: {field: UNTIL}) { totalCount edges { node { type from { slug } to { slug } until } } } }',
      ),
    );
    expect(data.relations.totalCount).toBe(13);
    expect(data.relations.edges.map((e: any) => `${e.node.type} ${e.node.from.slug}>${e.node.to.slug}`).sort()).toEqual(
      [
        'ARCHIPELAGO framasoft>fondation-free',
        'ARCHIPELAGO framasoft>imagotv',
        'DEVELOPS framasoft>framanews',
        'DEVELOPS framasoft>framastory',
        'FUNDING ddjscs-du-rhone>framasoft',
        'FUNDING debian>peertube',
        'FUNDING donateur-ices-de-framasoft>framasoft',
        'FUNDING donateur-ices-de-framasoft>peertube',
        'FUNDING fondation-charles-leopold-meyer-pour-le-progres-de-l-homme>framasoft',
        'FUNDING framasoft>pytition',
        'HOSTING framasoft>imagotv',
        'WORKS_FOR arthur-duval>framasoft',
        'WORKS_FOR theo>framasoft',
      ],
    );
    const untils = data.relations.edges.map((e: any) => e.node.until);
    expect(untils).toEqual([...untils].sort());
  });

  it('what started in 2020 on Framasoft’s hostings? OpenStreetMap, the FSF, Metacartes, Contribulle', async () => {
    const data = dataOf(
      await api.request(
        '{ entity(slug: "framasoft") { relations(types: [HOSTING], startedIn: 2020) { totalCount edges { node { to { slug } } } } } }',
      ),
    );
    expect(data.entity.relations.totalCount).toBe(4);
    expect(data.entity.relations.edges.map((e: any) => e.node.to.slug).sort()).toEqual([
      'contribulle',
      'free-software-foundation',
      'metacartes',
      'openstreetmap',
    ]);
  });

  it('the Cypher filter and the shared time model agree on every relation and year', async () => {
    const rows = await db.read(
      `MATCH (a:Entity)-[r]->(b:Entity) RETURN r.id AS id, type(r) AS type, r.since AS since, r.until AS until,
              coalesce(a.date, b.date) AS eventDate`,
      {},
      (r) => ({
        key: `${r.get('type')}:${r.get('id')}`,
        since: r.get('since') as string | null,
        until: r.get('until') as string | null,
        eventDate: r.get('eventDate') as string | null,
      }),
    );
    expect(rows).toHaveLength(428);
    for (const year of [2014, 2019, 2020, 2021]) {
      const data = dataOf(
        await api.request('query($y: Int) { relations(activeIn: $y, first: 100) { totalCount } }', { y: year }),
      );
      const expected = rows.filter((row) => isActiveIn(validity(row, row.eventDate), year)).length;
      expect(data.relations.totalCount, `year ${year}`).toBe(expected);
    }
  });
});

describe('other tools get a code with every refusal', () => {
  it('a malformed global id is INVALID_ARGUMENT naming the id, not an uncoded error', async () => {
    const response = await api.request('{ node(id: "xyz") { id } }');
    expectError(response, 'INVALID_ARGUMENT', /id.*"xyz"/, ['node']);
    expect(response.data).toEqual({ node: null });
    // Well formed, but of a type that has no ids ("Foo:bar").
    const unknownType = await api.request('query($id: ID!) { node(id: $id) { id } }', {
      id: Buffer.from('Foo:bar').toString('base64'),
    });
    expectError(unknownType, 'INVALID_ARGUMENT', /not an id returned by this API/, ['node']);
  });

  it('first is 1 to 100, as documented: 0 and 101 are refused, 1 and 100 answer', async () => {
    for (const first of [0, 101]) {
      const response = await api.request('query($first: Int) { entities(first: $first) { totalCount } }', { first });
      expectError(response, 'INVALID_ARGUMENT', /first/, ['entities']);
    }
    for (const first of [1, 100]) {
      const data = dataOf(
        await api.request('query($first: Int) { entities(first: $first) { edges { cursor } } }', { first }),
      );
      expect(data.entities.edges).toHaveLength(first);
    }
  });
});

describe('lists other tools can enumerate and sort', () => {
  it('entities(…) enumerates all 301 entities by name, with exact totals per kind', async () => {
    const data = dataOf(
      await api.request(`{
        all: entities(first: 1) { totalCount }
        software: entities(kinds: [PROJECT], categories: ["software"], first: 100) { totalCount edges { node { slug } } }
        top: entities(orderBy: {field: RELATIONS, direction: DESC}, first: 2) { edges { node { slug } } }
      }`),
    );
    expect(data.all.totalCount).toBe(301);
    expect(data.software.edges).toHaveLength(data.software.totalCount);
    for (const slug of ['peertube', 'etherpad', 'bigbluebutton', 'yeswiki', 'mobilizon']) {
      expect(slugsOf(data.software.edges)).toContain(slug);
    }
    expect(data.top.edges[0].node.slug).toBe('framasoft');
  });

  it('walks every entity page without gap or repeat', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const data: any = dataOf(
        await api.request(
          'query($after: String) { entities(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { slug } } } }',
          { after },
        ),
      );
      seen.push(...data.entities.edges.map((e: any) => e.node.slug));
      if (!data.entities.pageInfo.hasNextPage) break;
      after = data.entities.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(301);
    expect(new Set(seen).size).toBe(301);
  });

  it('who funds Framasoft, largest first? orderBy amount and the other end’s kind', async () => {
    const data = dataOf(
      await api.request(`{
        entity(slug: "framasoft") {
          relations(types: [FUNDING], direction: INCOMING, orderBy: {field: AMOUNT, direction: DESC}, first: 100) {
            totalCount edges { node { amount currency from { slug } } }
          }
          people: relations(otherKinds: [PERSON], types: [WORKS_FOR]) { totalCount }
          media: relations(otherCategories: ["media"], types: [INTERVIEWS]) { totalCount }
        }
      }`),
    );
    const funders = data.entity.relations.edges.map((e: any) => e.node);
    expect(funders).toHaveLength(data.entity.relations.totalCount);
    const amounts = funders.map((f: any) => f.amount).filter((a: number | null) => a !== null);
    expect(amounts).toEqual([...amounts].sort((a: number, b: number) => b - a));
    // Funders without an amount come last.
    const firstNull = funders.findIndex((f: any) => f.amount === null);
    if (firstNull >= 0) expect(funders.slice(firstNull).every((f: any) => f.amount === null)).toBe(true);
    expect(data.entity.people.totalCount).toBe(8);
    expect(data.entity.media.totalCount).toBeGreaterThan(0);
  });
});
