/**
 * The node limit and the rate limits count the operation as it runs, fragments and inline
 * fragments included: writing a query with fragments, or sending it batched, side-steps none of them.
 */
import { type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../api/core/limits.js';
import { createArchipelYoga } from '../api/yoga.js';
import { hashToken, parseStaffTokens } from '../schema/auth.js';
import { countConnectionNodes } from '../schema/plugins/node-limit.js';
import { expectData, expectError, postTo } from './support/graphql.js';
import { useTestDatabase } from './support/neo4j.js';

const db = useTestDatabase();
const yoga = createArchipelYoga({ db });

const post = (body: unknown, instance = yoga, headers: Record<string, string> = {}) => postTo(instance, body, headers);

function expectNodeLimit(body: any, found: number) {
  expect(body.data ?? null).toBeNull();
  const error = expectError(body, 'QUERY_LIMIT_EXCEEDED', new RegExp(`\\b${found}\\b.*\\b${LIMITS.maxNodes}\\b`));
  expect(error.extensions).toMatchObject({ limit: 'maxNodes', max: LIMITS.maxNodes, found });
}

function expectRateLimited(answer: { status: number; headers: Headers }) {
  expect(answer.status).toBe(429);
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
}

/** The innermost level of test/limits.test.ts' node query: `neighbours(first: inner)` under two pages. */
const INNER = (inner: number) => `neighbours(first: ${inner}) { totalCount }`;
/** 100 + 100·99 + 100·99·2 = 29,800 connection nodes, over the limit, however the query is written. */
const OVER = 29_800;

describe('the node limit counts the operation as it runs', () => {
  it('refuses nested `first`s carried by a fragment spread', async () => {
    const query = `{ relations(first: 100) { edges { node { from { ...Second } } } } }
      fragment Second on Entity { relations(first: 99) { edges { node { to { ${INNER(2)} } } } } }`;
    expectNodeLimit((await post({ query })).body, OVER);
    // One fewer at the innermost level fits (19,900), as it does written out.
    const fits = query.replace('first: 2', 'first: 1');
    expectData((await post({ query: fits })).body);
  });

  it('refuses nested `first`s carried by an inline fragment', async () => {
    const query = `{ relations(first: 100) { edges { node { from {
      ... on Entity { relations(first: 99) { edges { node { to { ... on Entity { ${INNER(2)} } } } } } }
    } } } } }`;
    expectNodeLimit((await post({ query })).body, OVER);
  });

  it('refuses nested `first`s carried by fragments nested in fragments', async () => {
    const query = `{ ...Outer }
      fragment Outer on Query { relations(first: 100) { ...Page } }
      fragment Page on RelationConnection { edges { node { from { ...Middle } } } }
      fragment Middle on Entity { relations(first: 99) { edges { node { to { ...Inner } } } } }
      fragment Inner on Entity { ... on Entity { ${INNER(2)} } }`;
    expectNodeLimit((await post({ query })).body, OVER);
  });

  it('counts a default-sized page whose `edges` only a fragment selects', async () => {
    // 100 relations, each `from` with 20 neighbours (2,000), each with 20 neighbours (40,000).
    const query = `{ relations(first: 100) { edges { node { from { neighbours { edges { node { ...Neighbours } } } } } } } }
      fragment Neighbours on Entity { neighbours { ...Page } }
      fragment Page on EntityConnection { edges { node { slug } } }`;
    const pageSize = LIMITS.defaultPageSize;
    expectNodeLimit((await post({ query })).body, 100 + 100 * pageSize + 100 * pageSize * pageSize);
  });

  it("counts a variable's default value when the request leaves the variable out", async () => {
    const query = (inner: number) => `query ($outer: Int = 100) {
      relations(first: $outer) { edges { node { from { ...Second } } } }
    }
    fragment Second on Entity { relations(first: 99) { edges { node { to { ${INNER(inner)} } } } } }`;
    expectNodeLimit((await post({ query: query(2) })).body, OVER);
    expectData((await post({ query: query(1) })).body);
    // A value given wins over the default.
    expectData((await post({ query: query(2), variables: { outer: 60 } })).body);
  });

  it('ends on a fragment cycle, should it ever run before validation rejects it', async () => {
    const document = parse(`{ entity(slug: "framasoft") { ...A } }
      fragment A on Entity { neighbours(first: 2) { edges { node { ...B } } } }
      fragment B on Entity { ...A relations(first: 3) { ...C } }
      fragment C on RelationConnection { edges { node { from { ...A } } } }`);
    const fragments = new Map(
      document.definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => [d.name.value, d]),
    );
    const operation = document.definitions[0] as OperationDefinitionNode;
    // A → 2 neighbours, each B → 3 relations (6); A is not entered again within itself, nor C's `from`.
    expect(countConnectionNodes(operation, fragments, {})).toBe(2 + 2 * 3);
    // Through the API, validation refuses the cycle before anything runs.
    const { body } = await post({ query: document.loc!.source.body });
    expect(body.errors[0].message).toMatch(/Cannot spread fragment "A" within itself/);
  });
});

describe('the rate limits count what the operation does', () => {
  it('counts `graph`, `path` and `search` reached through fragments as expensive reads', async () => {
    const limited = createArchipelYoga({ db, expensiveReadsPerMinute: 3 });
    const spread = `{ ...Find } fragment Find on Query { search(text: "pica") { totalCount } }`;
    expect((await post({ query: spread }, limited)).status).toBe(200);
    // Two more through an inline fragment use the rest of the allowance…
    const inline = `{ ... on Query { a: search(text: "pica") { totalCount } b: path(from: "picasoft", to: "framasoft") { relationId } } }`;
    expect((await post({ query: inline }, limited)).status).toBe(200);
    // …so that a third, in a fragment again, is refused.
    const refused = await post({ query: spread }, limited);
    expectRateLimited(refused);
    expectError(refused.body, 'RATE_LIMITED', /expensive reads: graph, path, paths, search \(3 per minute\)/);
  });

  it('counts `paths` (every tied shortest chain) as an expensive read, like `path`', async () => {
    const limited = createArchipelYoga({ db, expensiveReadsPerMinute: 2 });
    const query = '{ paths(from: "picasoft", to: "framasoft") { length } }';
    expect((await post({ query }, limited)).status).toBe(200);
    expect((await post({ query }, limited)).status).toBe(200);
    expectRateLimited(await post({ query }, limited));
  });

  it('counts every mutation of an operation: 15 aliased mutations cost 15', async () => {
    const token = 'rate-limit-fragments-token-0123456789';
    const staff = parseStaffTokens(`aliases:editor:${hashToken(token)}`);
    const auth = { authorization: `Bearer ${token}` };
    const deletions = (n: number) =>
      `mutation { ${Array.from(
        { length: n },
        (_, i) => `d${i}: deleteEntity(input: { slug: "no-such-entity-${i}", expectedVersion: 1 }) { slug }`,
      ).join(' ')} }`;
    // Five a minute: fifteen at once are refused before they reach the database.
    const five = createArchipelYoga({ db, staff, mutationsPerMinute: 5 });
    const refused = await post({ query: deletions(LIMITS.maxAliases) }, five, auth);
    expectRateLimited(refused);
    expectError(refused.body, 'RATE_LIMITED', /mutations \(5 per minute\)/);
    // Fifteen a minute: the fifteen are let through (the first is refused by the database, no such
    // entity, which ends the operation), and use up the allowance: a sixteenth mutation is refused.
    const fifteen = createArchipelYoga({ db, staff, mutationsPerMinute: LIMITS.maxAliases });
    const ran = await post({ query: deletions(LIMITS.maxAliases) }, fifteen, auth);
    expect(ran.status).toBe(200);
    expectError(ran.body, 'NOT_FOUND', /no-such-entity-0/, ['d0']);
    // Mutations reached through a fragment on Mutation count too.
    const spread = `mutation { ...Delete } fragment Delete on Mutation { ${deletions(1).slice('mutation { '.length, -2)} }`;
    expectError((await post({ query: spread }, fifteen, auth)).body, 'RATE_LIMITED', /mutations \(15 per minute\)/);
  });

  it('answers a rate-limited batched request with HTTP 429 and Retry-After, like a single one', async () => {
    const limited = createArchipelYoga({ db, expensiveReadsPerMinute: 1 });
    const search = { query: '{ search(text: "pica") { totalCount } }' };
    const batch = await post([search, search], limited);
    expectRateLimited(batch);
    expect(batch.body).toHaveLength(2);
    expect(expectData(batch.body[0]).search.totalCount).toBeGreaterThan(0);
    expectError(batch.body[1], 'RATE_LIMITED', /expensive reads/);
    // A batch nobody limits still answers 200.
    const cheap = { query: '{ entity(slug: "framasoft") { slug } }' };
    expect((await post([cheap, cheap], limited)).status).toBe(200);
  });
});
