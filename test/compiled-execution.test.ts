/**
 * Compiled execution (graphql-jit, schema/plugins/compiled-execution.ts): a document is compiled when it
 * comes back, and its compiled answers are exactly the interpreted ones, errors included.
 */
import { describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS } from '../api/http/example-operations.js';
import { type ArchipelYoga, createArchipelYoga } from '../api/yoga.js';
import { documentOf, ENTITY, GRAPH, PATH, SEARCH } from '../viz/src/queries.js';
import { expectData, type GraphQLResponse } from './support/graphql.js';
import { recording, useTestDatabase } from './support/neo4j.js';

const db = useTestDatabase();

/**
 * Framasoft's outgoing relations in the seed files: 225 in all (the answers test), less the 78
 * that point at it (its funders, members, partners…).
 */
const FRAMASOFT_OUTGOING = 147;

async function answer(yoga: ArchipelYoga, query: string, variables?: unknown, operationName?: string) {
  const response = await yoga.fetch('http://archipel.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables, operationName }),
  });
  return `${response.status} ${await response.text()}`;
}

async function compiled(yoga: ArchipelYoga): Promise<number> {
  const { values } = await yoga.metrics.compiledDocuments.get();
  expect(values).toHaveLength(1);
  return values[0]!.value;
}

/**
 * What the answer must be, apart from the two runs agreeing: its HTTP status, the code of its
 * first error or none, and, where known, a part of its data.
 */
interface Oracle {
  status: number;
  code: string | null;
  data?: (data: any) => void;
}

/**
 * What clients send: the saved operations, the map's operations, and answers that are errors;
 * `compiles`: whether the document is one that is compiled (see `compilableOperation`).
 */
const OK: Oracle = { status: 200, code: null };

const OPERATIONS: { name: string; query: string; variables?: unknown; compiles: boolean; oracle: Oracle }[] = [
  ...EXAMPLE_OPERATIONS.filter((o) => !/^\s*mutation/m.test(o.query)).map((o, i) => ({
    name: `saved operation ${i + 1}`,
    query: o.query,
    variables: o.variables ? JSON.parse(o.variables) : undefined,
    compiles: true,
    oracle: OK,
  })),
  { name: 'map: graph', query: documentOf([GRAPH]), variables: { activeIn: 2020 }, compiles: true, oracle: OK },
  {
    name: 'map: focused graph',
    query: documentOf([GRAPH]),
    variables: { focus: 'picasoft', depth: 1 },
    compiles: true,
    oracle: {
      ...OK,
      data: (data) =>
        expect(data.graph.nodes.map((n: any) => n.slug).sort()).toEqual(['chatons', 'framasoft', 'picasoft', 'resolu']),
    },
  },
  {
    name: 'map: entity panel',
    query: documentOf([ENTITY]),
    variables: { slug: 'framasoft' },
    compiles: true,
    oracle: { ...OK, data: (data) => expect(data.entity).toMatchObject({ slug: 'framasoft', name: 'Framasoft' }) },
  },
  {
    name: 'map: search',
    query: documentOf([SEARCH]),
    variables: { text: 'cemea' },
    compiles: true,
    oracle: { ...OK, data: (data) => expect(data.search.edges[0].node.slug).toBe('cemea') },
  },
  {
    name: 'map: path',
    query: documentOf([PATH]),
    variables: { from: 'picasoft', to: 'wikimedia-france' },
    compiles: true,
    oracle: OK,
  },
  {
    name: 'nested lists, aliases and @include',
    query: `query Page($slug: String!, $withSources: Boolean!) {
      entity(slug: $slug) { __typename slug name
        out: relations(direction: OUTGOING, first: 5) { totalCount pageInfo { hasNextPage endCursor }
          edges { cursor node { id type sources @include(if: $withSources) { quote } ends: from { slug }
            to { __typename slug name relations(first: 3) { edges { node { type from { slug } } } } } } } }
        in: relations(direction: INCOMING, first: 2) { edges { node { from { slug } } } } } }`,
    variables: { slug: 'framasoft', withSources: false },
    compiles: true,
    oracle: { ...OK, data: (data) => expect(data.entity.out.totalCount).toBe(FRAMASOFT_OUTGOING) },
  },
  {
    name: 'nested lists, aliases, fragments and @include',
    query: `query Page($slug: String!, $withSources: Boolean!) {
      entity(slug: $slug) { ...Names ... on Organisation { category }
        out: relations(direction: OUTGOING, first: 5) { totalCount pageInfo { hasNextPage endCursor }
          edges { cursor node { id type sources @include(if: $withSources) { quote }
            to { ...Names relations(first: 3) { edges { node { type from { slug } } } } } } } } } }
      fragment Names on Entity { __typename slug name }`,
    variables: { slug: 'framasoft', withSources: true },
    compiles: false,
    oracle: { ...OK, data: (data) => expect(data.entity.out.totalCount).toBe(FRAMASOFT_OUTGOING) },
  },
  {
    name: 'fragments after the fields, on distinct object types',
    query: `{ search(text: "fram", first: 30) { edges { node { slug name
      ... on Organisation { category location } ... on Project { category } ... on Event { date place } } } } }`,
    compiles: true,
    oracle: OK,
  },
  {
    name: 'two fragments that apply to every entity',
    query: `{ search(text: "fram") { edges { node { slug ...Names ...Kinds } } } }
      fragment Names on Entity { name aliases } fragment Kinds on Entity { kind }`,
    compiles: false,
    oracle: OK,
  },
  {
    name: 'a fragment under @include',
    query: `query Q($details: Boolean!) { entity(slug: "picasoft") { slug ... on Organisation @include(if: $details) { category } } }`,
    variables: { details: true },
    compiles: false,
    oracle: { ...OK, data: (data) => expect(data.entity).toEqual({ slug: 'picasoft', category: 'association' }) },
  },
  {
    name: 'NOT_FOUND',
    query: '{ graph(focus: "nobody") { nodes { slug } } }',
    compiles: true,
    oracle: { status: 200, code: 'NOT_FOUND' },
  },
  {
    name: 'INVALID_ARGUMENT',
    query: '{ entity(slug: "framasoft") { relations(first: 101) { totalCount } } }',
    compiles: true,
    oracle: { status: 200, code: 'INVALID_ARGUMENT' },
  },
  {
    name: 'staff-only field, public caller',
    query: '{ entity(slug: "framasoft") { name internalNotes } }',
    compiles: true,
    oracle: { status: 200, code: 'UNAUTHENTICATED' },
  },
  {
    name: 'a variable of the wrong type',
    query: 'query Q($n: Int) { search(text: "a", first: $n) { totalCount } }',
    variables: { n: 'x' },
    compiles: true,
    // graphql-js's own variable coercion error: no code.
    oracle: { status: 400, code: null },
  },
];

describe('compiled execution', () => {
  it('compiles a document when it comes back, once', async () => {
    const yoga = createArchipelYoga({ db });
    const query = '{ entity(slug: "picasoft") { name } }';
    const answers = [];
    for (let run = 1; run <= 3; run++) {
      answers.push(await answer(yoga, query));
      expect(await compiled(yoga)).toBe(run === 1 ? 0 : 1);
    }
    expect(new Set(answers).size).toBe(1);
  });

  it.each(OPERATIONS)(
    'answers $name exactly as interpreted execution does',
    async ({ query, variables, compiles, oracle }) => {
      const interpreted = createArchipelYoga({ db, interpretedRuns: Number.POSITIVE_INFINITY });
      const compiledFirst = createArchipelYoga({ db, interpretedRuns: 0 });
      const expected = await answer(interpreted, query, variables);
      // The absolute oracle: two runs that agree on a wrong answer still fail.
      const [status, ...json] = expected.split(' ');
      const body = JSON.parse(json.join(' ')) as GraphQLResponse;
      expect(Number(status)).toBe(oracle.status);
      if (oracle.code === null && oracle.status === 200) oracle.data?.(expectData(body));
      else expect(body.errors?.[0]?.extensions?.code ?? null).toBe(oracle.code);
      if (oracle.status !== 200) expect(body.errors).toHaveLength(1);
      expect(await answer(compiledFirst, query, variables)).toBe(expected);
      expect(await answer(compiledFirst, query, variables)).toBe(expected);
      expect(await compiled(compiledFirst)).toBe(compiles ? 1 : 0);
      expect(await compiled(interpreted)).toBe(0);
    },
  );

  it('reads a compiled query’s selection again when its variables change (schema/read-ahead/selection.ts)', async () => {
    // The selection read ahead is remembered per compiled field and variable values across
    // requests: each set of variables must still get its own lists, arguments and fields.
    const query = `query Page($slug: String!, $first: Int!, $withTotal: Boolean!, $withSources: Boolean!) {
      entity(slug: $slug) { relations(first: $first) { totalCount @include(if: $withTotal)
        edges { node { type sources @include(if: $withSources) { section }
          to { slug relations(first: $first) { totalCount @include(if: $withTotal) edges { node { type } } } } } } } } }`;
    const interpreted = createArchipelYoga({ db, interpretedRuns: Number.POSITIVE_INFINITY });
    const compiledFirst = createArchipelYoga({ db, interpretedRuns: 0 });
    const variableSets = [
      { slug: 'framasoft', first: 3, withTotal: true, withSources: false },
      { slug: 'framasoft', first: 2, withTotal: false, withSources: true },
      { slug: 'picasoft', first: 3, withTotal: true, withSources: false },
      { slug: 'framasoft', first: 3, withTotal: true, withSources: false },
    ];
    const answers = new Set<string>();
    for (const variables of variableSets) {
      const expected = await answer(interpreted, query, variables);
      expect(await answer(compiledFirst, query, variables)).toBe(expected);
      answers.add(expected);
    }
    expect(answers.size).toBe(3);
    expect(await compiled(compiledFirst)).toBe(1);
  });

  it('answers a field error from the compiled run, without running the query again', async () => {
    // Running it again would double the wait of every request while Neo4j is down (test/resilience).
    const query = '{ ok: entity(slug: "picasoft") { name } missing: graph(focus: "nobody") { nodes { slug } } }';
    const interpretedDb = recording(db);
    const compiledDb = recording(db);
    const interpreted = createArchipelYoga({ db: interpretedDb.db, interpretedRuns: Number.POSITIVE_INFINITY });
    const compiledFirst = createArchipelYoga({ db: compiledDb.db, interpretedRuns: 0 });
    const answers = [await answer(interpreted, query), await answer(compiledFirst, query)];
    expect(answers[1]).toBe(answers[0]);
    expect(answers[0]).toMatch(/"locations":\[\{"line":1,"column":\d+\}\],"path":\["missing"\]/);
    // Both runs send the same two statements (the entity, the graph). The graph's error ends the
    // answer at once (its field is non-null), so the entity's statement may still be finishing and
    // be recorded just after the answer: wait for both to be recorded, then compare.
    await expect.poll(() => [interpretedDb.queries.length, compiledDb.queries.length]).toEqual([2, 2]);
  });

  it('runs the operation named, in a document of several (which it never compiles)', async () => {
    const yoga = createArchipelYoga({ db, interpretedRuns: 0 });
    const query = 'query A { __typename } query B { entity(slug: "framasoft") { name } }';
    for (let run = 0; run < 2; run++) {
      expect(await answer(yoga, query, undefined, 'A')).toBe('200 {"data":{"__typename":"Query"}}');
      expect(await answer(yoga, query, undefined, 'B')).toBe('200 {"data":{"entity":{"name":"Framasoft"}}}');
    }
    expect(await compiled(yoga)).toBe(0);
  });
});
