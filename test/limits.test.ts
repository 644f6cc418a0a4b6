/**
 * Every protection of the public API refuses an over-limit request with a coded error naming the
 * limit and its value, and accepts one just under; legitimate queries pass with margin.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { hashToken, parseStaffTokens } from '../api/auth.js';
import { Database } from '../api/data/database.js';
import { QueryTimeoutError } from '../api/errors.js';
import { EXAMPLE_OPERATIONS } from '../api/http/example-operations.js';
import { LIMITS } from '../api/http/limits.js';
import { createArchipelYoga } from '../api/yoga.js';
import { useTestDatabase } from './support/neo4j.js';

const db = useTestDatabase();
const yoga = createArchipelYoga({ db });

async function post(body: unknown, instance = yoga, headers: Record<string, string> = {}) {
  const response = await instance.fetch('http://archipel.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}
const run = (query: string, variables?: Record<string, unknown>) => post({ query, variables });

/** A query whose field depth is 1 (entity) + 4 per relation hop + 3 per neighbour hop + 1 (slug). */
function deepQuery(relationHops: number, neighbourHops: number, leaf = 'slug', first = 1): string {
  let inner = leaf;
  for (let i = 0; i < neighbourHops; i++) inner = `neighbours(first: ${first}) { edges { node { ${inner} } } }`;
  for (let i = 0; i < relationHops; i++) inner = `relations(first: ${first}) { edges { node { from { ${inner} } } } }`;
  return `{ entity(slug: "framasoft") { ${inner} } }`;
}

function expectLimit(body: any, limit: string, max: number) {
  expect(body.data ?? null).toBeNull();
  const error = body.errors[0];
  expect(error.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit, max });
  expect(error.message).toContain(String(max));
}

describe('query limits', () => {
  it(`depth: ${LIMITS.maxDepth} passes, ${LIMITS.maxDepth + 1} is refused`, async () => {
    // 1 + 4·1 + 3·3 + 1 = 15; 1 + 4·2 + 3·2 + 1 = 16
    expect((await run(deepQuery(1, 3))).body.errors).toBeUndefined();
    const refused = await run(deepQuery(2, 2));
    expectLimit(refused.body, 'maxDepth', LIMITS.maxDepth);
    expect(refused.body.errors[0].extensions.found).toBe(LIMITS.maxDepth + 1);
  });

  it(`aliases: ${LIMITS.maxAliases} pass, ${LIMITS.maxAliases + 1} are refused`, async () => {
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: entity(slug: "framasoft") { slug }`).join(' ')} }`;
    expect((await run(aliases(LIMITS.maxAliases))).body.errors).toBeUndefined();
    expectLimit((await run(aliases(LIMITS.maxAliases + 1))).body, 'maxAliases', LIMITS.maxAliases);
  });

  it(`directives: ${LIMITS.maxDirectives} pass, ${LIMITS.maxDirectives + 1} are refused`, async () => {
    const directives = (n: number) => `{ entity(slug: "framasoft") { ${'slug @include(if: true) '.repeat(n)} } }`;
    expect((await run(directives(LIMITS.maxDirectives))).body.errors).toBeUndefined();
    expectLimit((await run(directives(LIMITS.maxDirectives + 1))).body, 'maxDirectives', LIMITS.maxDirectives);
  });

  it(`tokens: ${LIMITS.maxTokens} pass, ${LIMITS.maxTokens + 1} are refused`, async () => {
    // `{ search ( text : "x" , kinds : [ … ] ) { totalCount } }` plus <EOF>: 15 tokens around the list.
    const tokens = (n: number) => `{ search(text: "x", kinds: [${'PROJECT '.repeat(n - 15)}]) { totalCount } }`;
    expect((await run(tokens(LIMITS.maxTokens))).body.errors).toBeUndefined();
    expectLimit((await run(tokens(LIMITS.maxTokens + 1))).body, 'maxTokens', LIMITS.maxTokens);
  });

  it('cost: a document far too expensive is refused before it runs', async () => {
    // Three entity pages at 100 per page: ~360,000, over the limit; one passes (below).
    const page = deepQuery(2, 0, 'slug name kind summary', 100).slice(2, -2);
    const refused = await run(`{ a: ${page} b: ${page} c: ${page} }`);
    expectLimit(refused.body, 'maxCost', LIMITS.maxCost);
    expect(refused.body.errors[0].extensions.found).toBeGreaterThan(LIMITS.maxCost);
  });

  it(`batching: ${LIMITS.maxBatch} operations pass, ${LIMITS.maxBatch + 1} are refused`, async () => {
    const op = { query: '{ entity(slug: "framasoft") { slug } }' };
    const ok = await post(Array.from({ length: LIMITS.maxBatch }, () => op));
    expect(ok.status).toBe(200);
    expect(ok.body).toHaveLength(LIMITS.maxBatch);
    const refused = await post(Array.from({ length: LIMITS.maxBatch + 1 }, () => op));
    expect(refused.status).toBe(413);
    expect(refused.body.errors[0].message).toContain(`limited to ${LIMITS.maxBatch} operations`);
  });

  it(`nodes: at most ${LIMITS.maxNodes} connection nodes per request`, async () => {
    // 100 + 100·99 = 10,000 + 100·99·1 … : the product of nested `first`s, summed.
    const nodes = (inner: number) =>
      `{ relations(first: 100) { edges { node { from { relations(first: 99) { edges { node { to { neighbours(first: ${inner}) { totalCount } } } } } } } } } }`;
    // 100 + 9,900 + 9,900·1 = 19,900 ≤ 20,000; with 2: 100 + 9,900 + 19,800 = 29,800
    expect((await run(nodes(1))).body.errors).toBeUndefined();
    const refused = await run(nodes(2));
    expectLimit(refused.body, 'maxNodes', LIMITS.maxNodes);
    expect(refused.body.errors[0].extensions.found).toBe(29_800);
  });

  it('admits every saved operation and the map-sized queries with margin', async () => {
    for (const op of EXAMPLE_OPERATIONS.filter((o) => !/^\s*mutation/m.test(o.query))) {
      const { body } = await post({ query: op.query, variables: op.variables ? JSON.parse(op.variables) : undefined });
      expect(body.errors).toBeUndefined();
    }
    const entityPage = deepQuery(2, 0, 'slug name kind summary', 100);
    expect((await run(entityPage)).body.errors).toBeUndefined();
  });

  it('graph: a view larger than the bound is refused with a hint to narrow it', async () => {
    const small = createArchipelYoga({ db, maxGraphNodes: 50 });
    const refused = await post({ query: '{ graph { nodes { slug } } }' }, small);
    expect(refused.body.errors[0].extensions).toMatchObject({
      code: 'GRAPH_TOO_LARGE',
      limit: 'maxGraphNodes',
      max: 50,
    });
    expect(refused.body.errors[0].message).toMatch(/more than 50 entities.*narrow it with focus/);
    const focused = await post({ query: '{ graph(focus: "picasoft", depth: 1) { nodes { slug } } }' }, small);
    expect(focused.body.errors).toBeUndefined();
  });

  it('graph: a view with more relations than the bound is refused too; one at the bound is not', async () => {
    const query = '{ graph(focus: "picasoft", depth: 1) { edges { id } } }';
    const whole = await post({ query });
    const edges = whole.body.data.graph.edges.length;
    expect(edges).toBeGreaterThan(3);
    const atBound = await post({ query }, createArchipelYoga({ db, maxGraphRelations: edges }));
    expect(atBound.body.errors).toBeUndefined();
    expect(atBound.body.data.graph.edges).toHaveLength(edges);
    const refused = await post({ query }, createArchipelYoga({ db, maxGraphRelations: edges - 1 }));
    expect(refused.body.errors[0].extensions).toMatchObject({
      code: 'GRAPH_TOO_LARGE',
      limit: 'maxGraphRelations',
      max: edges - 1,
    });
    expect(refused.body.errors[0].message).toMatch(new RegExp(`more than ${edges - 1} relations`));
  });

  it('keeps introspection on (this is a public API)', async () => {
    const { body } = await run('{ __schema { queryType { name } types { name } } }');
    expect(body.data.__schema.queryType.name).toBe('Query');
  });
});

describe('request protections', () => {
  it('stops a request that runs past the request timeout', async () => {
    const slow = createArchipelYoga({ db, requestTimeoutMs: 1 });
    // The second run is compiled (api/http/compiled-execution.ts): the timeout bounds it too.
    for (let run = 1; run <= 2; run++) {
      const { body } = await post({ query: '{ graph { nodes { slug } } }' }, slow);
      expect(body.errors[0].extensions).toMatchObject({ code: 'TIMEOUT', max: 1 });
    }
    expect((await slow.metrics.compiledDocuments.get()).values[0]?.value).toBe(1);
  });

  it('turns a Neo4j transaction timeout into a TIMEOUT error, not an internal one', async () => {
    const impatient = new Database(db.driver, { database: 'neo4j', txTimeoutMs: 50 });
    // A real query that outlives its transaction timeout in Neo4j.
    const slow = impatient.read('UNWIND range(1, 500000000) AS x RETURN count(x) AS n', {}, (r) => r.get('n'));
    await expect(slow).rejects.toBeInstanceOf(QueryTimeoutError);
    // Through the API, the same failure reaches the client as TIMEOUT.
    const masked = createArchipelYoga({ db: impatient, requestTimeoutMs: 60_000 });
    let code: string | undefined;
    for (let i = 0; i < 5 && code !== 'TIMEOUT'; i++) {
      const { body } = await post(
        { query: '{ graph { nodes { slug summary } edges { type sources { quote } } } }' },
        masked,
      );
      code = body.errors?.[0]?.extensions?.code;
      expect(code === undefined || code === 'TIMEOUT').toBe(true);
    }
  });

  it('rate-limits expensive reads per client with 429 and Retry-After', async () => {
    const limited = createArchipelYoga({ db, expensiveReadsPerMinute: 3 });
    for (let i = 0; i < 3; i++)
      expect((await post({ query: '{ search(text: "pica") { totalCount } }' }, limited)).status).toBe(200);
    const refused = await post({ query: '{ search(text: "pica") { totalCount } }' }, limited);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    // Cheap reads are not limited.
    expect((await post({ query: '{ entity(slug: "framasoft") { slug } }' }, limited)).status).toBe(200);
  });

  it('rate-limits mutations per staff member, before they reach the database', async () => {
    const token = 'rate-limit-test-token-0123456789';
    const limited = createArchipelYoga({
      db,
      mutationsPerMinute: 2,
      staff: parseStaffTokens(`ratelimit:editor:${hashToken(token)}`),
    });
    const mutation = {
      query: 'mutation { deleteEntity(input: { slug: "no-such-entity-anywhere", expectedVersion: 1 }) { slug } }',
    };
    const auth = { authorization: `Bearer ${token}` };
    for (let i = 0; i < 2; i++)
      expect((await post(mutation, limited, auth)).body.errors[0].extensions.code).toBe('NOT_FOUND');
    const refused = await post(mutation, limited, auth);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(refused.body.errors[0].message).toMatch(/mutations \(2 per minute\)/);
  });

  it('bounds the request body, with or without a Content-Length', async () => {
    /** A valid query padded with whitespace (no tokens) to exactly `bytes` of JSON. */
    const bodyOf = (bytes: number) => {
      const base = JSON.stringify({ query: '{ __typename }' });
      return JSON.stringify({ query: `{ __typename }${' '.repeat(bytes - base.length)}` });
    };
    const send = async (body: string, chunked: boolean) => {
      const bytes = new TextEncoder().encode(body);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.subarray(i, i + 64 * 1024));
          controller.close();
        },
      });
      const response = await yoga.fetch('http://archipel.test/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          ...(chunked ? {} : { 'content-length': String(bytes.length) }),
        },
        body: chunked ? stream : body,
        duplex: 'half',
      } as RequestInit);
      return { status: response.status, body: (await response.json()) as any };
    };
    for (const chunked of [false, true]) {
      const under = await send(bodyOf(LIMITS.maxBodyBytes), chunked);
      expect(under.status).toBe(200);
      expect(under.body.data).toEqual({ __typename: 'Query' });
      const over = await send(bodyOf(LIMITS.maxBodyBytes + 1), chunked);
      expect(over.status).toBe(413);
      expect(over.body.errors[0].extensions).toMatchObject({
        code: 'QUERY_LIMIT_EXCEEDED',
        limit: 'maxBodyBytes',
        max: LIMITS.maxBodyBytes,
      });
      expect(over.body.errors[0].message).toMatch(/1000000 bytes/);
    }
  });

  it('refuses cross-site "simple" POSTs (CSRF) but accepts JSON', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const response = await yoga.fetch('http://archipel.test/graphql', {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: 'query=%7B__typename%7D',
      });
      expect(response.status).toBe(403);
      expect(((await response.json()) as any).errors[0].extensions.code).toBe('CSRF_PREVENTED');
    }
  });

  it('applies the configured CORS policy', async () => {
    const cors = createArchipelYoga({ db, corsOrigins: ['https://framasoft.org'] });
    const preflight = (origin: string) =>
      cors.fetch('http://archipel.test/graphql', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    expect((await preflight('https://framasoft.org')).headers.get('access-control-allow-origin')).toBe(
      'https://framasoft.org',
    );
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).not.toBe(
      'https://evil.example',
    );
  });

  it('masks internal errors (no Cypher, no stack) and logs them with the request id', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    // A database name that does not exist: Neo4j answers with an error the client must not see.
    const broken = new Database(db.driver, { database: 'no-such-database', txTimeoutMs: 5_000 });
    const masked = createArchipelYoga({ db: broken, logger: pino({ level: 'error' }, sink) });
    const { body } = await post({ query: '{ entity(slug: "framasoft") { slug } }' }, masked, {
      'x-request-id': 'req-42',
    });
    expect(body.errors[0]).toEqual({
      message: 'Unexpected error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
      locations: expect.anything(),
      path: ['entity'],
    });
    expect(JSON.stringify(body)).not.toMatch(/MATCH|no-such-database|at \w+/);
    expect(lines.join('')).toContain('"requestId":"req-42"');
  });
});
