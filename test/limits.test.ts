/**
 * Every protection of the public API refuses an over-limit request with a coded error naming the
 * limit and its value, and accepts one just under; legitimate queries pass with margin.
 */
import { Writable } from 'node:stream';
import type { Record as Neo4jRecord } from 'neo4j-driver';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { QueryTimeoutError } from '../api/core/errors.js';
import { LIMITS } from '../api/core/limits.js';
import { Database } from '../api/db/database.js';
import { EXAMPLE_OPERATIONS } from '../api/http/example-operations.js';
import { createArchipelYoga } from '../api/yoga.js';
import { hashToken, parseStaffTokens } from '../schema/auth.js';
import { expectData, expectError, postTo } from './support/graphql.js';
import { PICASOFT_VIEW as KNOWN_PICASOFT_VIEW } from './support/known-answers.js';
import { useTestDatabase } from './support/neo4j.js';

const db = useTestDatabase();
const yoga = createArchipelYoga({ db });

const post = (body: unknown, instance = yoga, headers: Record<string, string> = {}) => postTo(instance, body, headers);
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
  const error = expectError(body, 'QUERY_LIMIT_EXCEEDED', new RegExp(`\\b${max}\\b`));
  expect(error.extensions).toMatchObject({ limit, max });
}

/** Picasoft's neighbourhood (one hop), counted: the known answer lists its entities and relations. */
const PICASOFT_VIEW = { nodes: KNOWN_PICASOFT_VIEW.nodes.length, relations: KNOWN_PICASOFT_VIEW.relations.length };

/**
 * The size of the whole map, counted in Cypher apart from the API: every entity with a relation,
 * and every software a HOSTING relation names.
 */
async function wholeMapSize(): Promise<{ nodes: number; relations: number }> {
  const [size] = await db.read(
    `MATCH (e:Entity)
     WHERE EXISTS { (e)--(:Entity) } OR EXISTS { MATCH ()-[h:HOSTING]->() WHERE h.software = e.slug }
     WITH count(e) AS nodes
     MATCH (:Entity)-[r]->(:Entity)
     RETURN nodes, count(r) AS relations`,
    {},
    (r) => ({ nodes: Number(r.get('nodes')), relations: Number(r.get('relations')) }),
  );
  return size!;
}

/**
 * The API's own reads, each made to count to 500 million in Neo4j first (about half a minute):
 * the real statements on the real database, deterministically slower than any transaction
 * timeout, so that the timeout is sure to fire. Round-trip observers are left out.
 */
class SlowReads extends Database {
  override read<T>(cypher: string, params: Record<string, unknown>, map: (record: Neo4jRecord) => T): Promise<T[]> {
    return super.read(`CALL { UNWIND range(1, 500000000) AS x RETURN count(x) AS slow } ${cypher}`, params, map);
  }

  override observed(): Database {
    return this;
  }

  override withDeadline(): Database {
    return this;
  }
}

describe('query limits', () => {
  it(`depth: ${LIMITS.maxDepth} passes, ${LIMITS.maxDepth + 1} is refused`, async () => {
    // 1 + 4·1 + 3·3 + 1 = 15; 1 + 4·2 + 3·2 + 1 = 16
    expectData((await run(deepQuery(1, 3))).body);
    const refused = await run(deepQuery(2, 2));
    expectLimit(refused.body, 'maxDepth', LIMITS.maxDepth);
    expect(refused.body.errors[0].extensions.found).toBe(LIMITS.maxDepth + 1);
  });

  it(`aliases: ${LIMITS.maxAliases} pass, ${LIMITS.maxAliases + 1} are refused`, async () => {
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: entity(slug: "framasoft") { slug }`).join(' ')} }`;
    expect(Object.keys(expectData((await run(aliases(LIMITS.maxAliases))).body))).toHaveLength(LIMITS.maxAliases);
    expectLimit((await run(aliases(LIMITS.maxAliases + 1))).body, 'maxAliases', LIMITS.maxAliases);
  });

  it(`directives: ${LIMITS.maxDirectives} pass, ${LIMITS.maxDirectives + 1} are refused`, async () => {
    const directives = (n: number) => `{ entity(slug: "framasoft") { ${'slug @include(if: true) '.repeat(n)} } }`;
    expectData((await run(directives(LIMITS.maxDirectives))).body);
    expectLimit((await run(directives(LIMITS.maxDirectives + 1))).body, 'maxDirectives', LIMITS.maxDirectives);
  });

  it(`tokens: ${LIMITS.maxTokens} pass, ${LIMITS.maxTokens + 1} are refused`, async () => {
    // `{ search ( text : "x" , kinds : [ … ] ) { totalCount } }` plus <EOF>: 15 tokens around the list.
    const tokens = (n: number) => `{ search(text: "x", kinds: [${'PROJECT '.repeat(n - 15)}]) { totalCount } }`;
    expectData((await run(tokens(LIMITS.maxTokens))).body);
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
    for (const answer of ok.body) expect(expectData(answer)).toEqual({ entity: { slug: 'framasoft' } });
    const refused = await post(Array.from({ length: LIMITS.maxBatch + 1 }, () => op));
    expect(refused.status).toBe(413);
    expect(refused.body.errors[0].message).toContain(`limited to ${LIMITS.maxBatch} operations`);
  });

  it(`nodes: at most ${LIMITS.maxNodes} connection nodes per request`, async () => {
    // 100 + 100·99 = 10,000 + 100·99·1 … : the product of nested `first`s, summed.
    const nodes = (inner: number) =>
      `{ relations(first: 100) { edges { node { from { relations(first: 99) { edges { node { to { neighbours(first: ${inner}) { totalCount } } } } } } } } } }`;
    // 100 + 9,900 + 9,900·1 = 19,900 ≤ 20,000; with 2: 100 + 9,900 + 19,800 = 29,800
    expectData((await run(nodes(1))).body);
    const refused = await run(nodes(2));
    expectLimit(refused.body, 'maxNodes', LIMITS.maxNodes);
    expect(refused.body.errors[0].extensions.found).toBe(29_800);
  });

  it('admits every saved operation and the map-sized queries with margin', async () => {
    const reads = EXAMPLE_OPERATIONS.filter((o) => !/^\s*mutation/m.test(o.query));
    expect(reads.length).toBeGreaterThanOrEqual(5);
    for (const op of reads) {
      const { body } = await post({ query: op.query, variables: op.variables ? JSON.parse(op.variables) : undefined });
      expectData(body);
    }
    // Framasoft's 229 relations at 100 a page, each end with its first 100: the biggest real page.
    const entityPage = expectData((await run(deepQuery(2, 0, 'slug name kind summary', 100))).body);
    expect(entityPage.entity.relations.edges).toHaveLength(100);
  });

  it('graph: a view larger than the bound is refused with a hint to narrow it', async () => {
    const small = createArchipelYoga({ db, maxGraphNodes: 50 });
    const refused = await post({ query: '{ graph { nodes { slug } } }' }, small);
    expectError(refused.body, 'GRAPH_TOO_LARGE', /more than 50 entities.*narrow it with focus/);
    expect(refused.body.errors[0].extensions).toMatchObject({ limit: 'maxGraphNodes', max: 50 });
    const focused = await post({ query: '{ graph(focus: "picasoft", depth: 1) { nodes { slug } } }' }, small);
    expect(expectData(focused.body).graph.nodes).toHaveLength(PICASOFT_VIEW.nodes);
  });

  it('graph: the whole map passes at its own size and is refused one below', async () => {
    const size = await wholeMapSize();
    const query = '{ graph { nodes { slug } edges { id } } }';
    const atBound = createArchipelYoga({ db, maxGraphNodes: size.nodes, maxGraphRelations: size.relations });
    const whole = expectData((await post({ query }, atBound)).body);
    expect(whole.graph.nodes).toHaveLength(size.nodes);
    expect(whole.graph.edges).toHaveLength(size.relations);
    for (const [bounds, limit, max] of [
      [{ maxGraphNodes: size.nodes - 1, maxGraphRelations: size.relations }, 'maxGraphNodes', size.nodes - 1],
      [{ maxGraphNodes: size.nodes, maxGraphRelations: size.relations - 1 }, 'maxGraphRelations', size.relations - 1],
    ] as const) {
      const refused = await post({ query }, createArchipelYoga({ db, ...bounds }));
      expectError(refused.body, 'GRAPH_TOO_LARGE', new RegExp(`more than ${max} `));
      expect(refused.body.errors[0].extensions).toMatchObject({ limit, max });
    }
  });

  it('graph: a view with more relations than the bound is refused too; one at the bound is not', async () => {
    const query = '{ graph(focus: "picasoft", depth: 1) { edges { id } } }';
    const edges = PICASOFT_VIEW.relations;
    expect(expectData((await post({ query })).body).graph.edges).toHaveLength(edges);
    const atBound = await post({ query }, createArchipelYoga({ db, maxGraphRelations: edges }));
    expect(expectData(atBound.body).graph.edges).toHaveLength(edges);
    const refused = await post({ query }, createArchipelYoga({ db, maxGraphRelations: edges - 1 }));
    expectError(refused.body, 'GRAPH_TOO_LARGE', new RegExp(`more than ${edges - 1} relations`));
    expect(refused.body.errors[0].extensions).toMatchObject({ limit: 'maxGraphRelations', max: edges - 1 });
  });

  it('keeps introspection on (this is a public API)', async () => {
    const { body } = await run('{ __schema { queryType { name } types { name } } }');
    expect(expectData(body).__schema.queryType.name).toBe('Query');
  });
});

describe('request protections', () => {
  it('stops a request that runs past the request timeout', async () => {
    const slow = createArchipelYoga({ db, requestTimeoutMs: 1 });
    // The second run is compiled (schema/plugins/compiled-execution.ts): the timeout bounds it too.
    for (let run = 1; run <= 2; run++) {
      const { body } = await post({ query: '{ graph { nodes { slug } } }' }, slow);
      expectError(body, 'TIMEOUT', /timeout|took longer/i);
      expect(body.errors[0].extensions).toMatchObject({ limit: 'requestTimeoutMs', max: 1 });
    }
    expect((await slow.metrics.compiledDocuments.get()).values[0]?.value).toBe(1);
  });

  it('turns a Neo4j transaction timeout into a TIMEOUT error, not an internal one', async () => {
    const impatient = new Database(db.driver, { database: 'neo4j', txTimeoutMs: 50 });
    // A real query that outlives its transaction timeout in Neo4j.
    const slow = impatient.read('UNWIND range(1, 500000000) AS x RETURN count(x) AS n', {}, (r) => r.get('n'));
    await expect(slow).rejects.toBeInstanceOf(QueryTimeoutError);
    // Through the API, the same failure reaches the client as TIMEOUT, and nothing else.
    const masked = createArchipelYoga({
      db: new SlowReads(db.driver, { database: 'neo4j', txTimeoutMs: 50 }),
      requestTimeoutMs: 60_000,
    });
    const started = performance.now();
    const { body } = await post({ query: '{ entity(slug: "framasoft") { name } }' }, masked);
    const error = expectError(body, 'TIMEOUT', /took longer than the database allows and was stopped; narrow it/, [
      'entity',
    ]);
    expect(error.extensions).toEqual({ code: 'TIMEOUT', limit: 'NEO4J_TX_TIMEOUT_MS' });
    expect(error.locations).toEqual([{ line: 1, column: 3 }]);
    expect(body.data).toEqual({ entity: null });
    // Stopped by Neo4j's transaction timeout, long before the count (or the request timeout) ends.
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('answers TIMEOUT, not an internal error, when a read waits past its timeout for a lock', async () => {
    // Another transaction creating an index holds the schema lock every read of :Entity needs.
    const session = db.driver.session();
    const holder = session.beginTransaction();
    try {
      await holder.run('CREATE INDEX limits_lock_test IF NOT EXISTS FOR (e:Entity) ON (e.lockTest)');
      const blocked = createArchipelYoga({
        db: new Database(db.driver, { database: 'neo4j', txTimeoutMs: 300 }),
        requestTimeoutMs: 60_000,
      });
      const { body } = await post({ query: '{ entity(slug: "framasoft") { name } }' }, blocked);
      const error = expectError(body, 'TIMEOUT', /took longer than the database allows and was stopped/, ['entity']);
      expect(error.extensions).toEqual({ code: 'TIMEOUT', limit: 'NEO4J_TX_TIMEOUT_MS' });
    } finally {
      await holder.rollback();
      await session.close();
    }
    // Once the lock is gone, the same read answers.
    expect(expectData((await run('{ entity(slug: "framasoft") { name } }')).body)).toEqual({
      entity: { name: 'Framasoft' },
    });
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

  it('applies the CORS policy: anyone may read, only the site and CORS_ORIGINS may write', async () => {
    const cors = createArchipelYoga({ db, corsOrigins: ['https://framasoft.org'] });
    const preflight = async (origin: string) => {
      const response = await cors.fetch('http://archipel.test/graphql', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(response.status).toBe(204);
      return {
        origin: response.headers.get('access-control-allow-origin'),
        headers: response.headers.get('access-control-allow-headers'),
      };
    };
    // A trusted origin is named, and may send a staff token.
    expect(await preflight('https://framasoft.org')).toEqual({
      origin: 'https://framasoft.org',
      headers: 'accept, content-type, x-request-id, authorization, x-archipel-csrf',
    });
    // Any other origin may read (`*`, which carries no credentials), never with a token.
    expect(await preflight('https://evil.example')).toEqual({
      origin: '*',
      headers: 'accept, content-type, x-request-id',
    });
    const from = (origin: string, query: string, headers: Record<string, string> = {}) =>
      post({ query }, cors, { origin, ...headers });
    const read = await from('https://evil.example', '{ entity(slug: "framasoft") { name } }');
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBe('*');
    expect(expectData(read.body)).toEqual({ entity: { name: 'Framasoft' } });
    const mutation = 'mutation { deleteEntity(input: { slug: "framasoft", expectedVersion: 1 }) { slug } }';
    const write = await from('https://evil.example', mutation);
    expect(write.status).toBe(403);
    expectError(
      write.body,
      'CROSS_ORIGIN_FORBIDDEN',
      /^Mutations are accepted from this site's own pages and CORS_ORIGINS only, not from https:\/\/evil\.example\.$/,
    );
    const withToken = await from('https://evil.example', '{ __typename }', { authorization: 'Bearer x' });
    expect(withToken.status).toBe(403);
    expectError(withToken.body, 'CROSS_ORIGIN_FORBIDDEN', /credentials are accepted from this site's own pages/);
    // From the trusted origin the same mutation reaches the API (and is refused there: no staff token).
    expectError((await from('https://framasoft.org', mutation)).body, 'UNAUTHENTICATED', /staff only/);
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
