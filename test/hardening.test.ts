/**
 * Smaller defences of the public server: rejected values are not echoed back in full, a request
 * that times out stops its work in Neo4j, clients behind a trusted proxy are told apart, and
 * /metrics is not for everyone.
 */
import type { IncomingMessage } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { QueryTimeoutError } from '../api/core/errors.js';
import { metricsRefusal } from '../api/http/metrics-access.js';
import { startHttpServer } from '../api/server.js';
import { createArchipelYoga } from '../api/yoga.js';
import { useTestDatabase } from './support/neo4j.js';

const db = useTestDatabase();

describe('a rejected value', () => {
  it('of 990 kB is quoted cut short in the error, with its length, not sent back whole', async () => {
    const yoga = createArchipelYoga({ db });
    const response = await yoga.fetch('http://archipel.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query($n: Int) { relations(first: $n) { totalCount } }',
        variables: { n: 'x'.repeat(990_000) },
      }),
    });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(text.length).toBeLessThan(1_000);
    const body = JSON.parse(text) as { errors: { message: string }[] };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]!.message).toBe(
      `Variable "$n" got invalid value "${'x'.repeat(100)}…" (990000 characters); Int cannot represent non-integer value: "${'x'.repeat(100)}…" (990000 characters)`,
    );
  });
});

describe('a request past its deadline', () => {
  it('has its Neo4j transaction stopped at the deadline, not left running', async () => {
    const slow = 'UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 100 RETURN count(x) AS n';
    const started = Date.now();
    const outcome = await db
      .withDeadline(Date.now() + 400)
      .read(slow, {}, (r) => r.get('n'))
      .then(
        () => 'finished',
        (error: unknown) => error,
      );
    expect(outcome).toBeInstanceOf(QueryTimeoutError);
    // Neo4j checks transaction timeouts every 2 s by default.
    expect(Date.now() - started).toBeLessThan(5_000);
    const running = await db.read(
      'SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS $text RETURN count(*) AS n',
      { text: 'range(1, 2000000000)' },
      (r) => Number(r.get('n')),
    );
    expect(running).toEqual([0]);
  });

  it('starts no further query once the deadline has passed', async () => {
    const outcome = await db
      .withDeadline(Date.now() - 1)
      .read('RETURN 1 AS one', {}, (r) => r.get('one'))
      .catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(QueryTimeoutError);
  });
});

describe('behind a reverse proxy (TRUST_PROXY)', () => {
  const servers: { close(): Promise<void> }[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  async function searchesAllowedFor(trustProxy: string[], clients: string[]) {
    const yoga = createArchipelYoga({ db, trustProxy, expensiveReadsPerMinute: 2 });
    const server = await startHttpServer({ yoga, db, host: '127.0.0.1', port: 0 });
    servers.push(server);
    const codes: Record<string, (string | null)[]> = {};
    for (const client of clients) {
      codes[client] = [];
      for (let i = 0; i < 3; i++) {
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
          body: JSON.stringify({ query: '{ search(text: "peertube") { totalCount } }' }),
        });
        const body = (await response.json()) as { errors?: { extensions: { code: string } }[] };
        codes[client].push(body.errors?.[0]?.extensions.code ?? null);
      }
    }
    return codes;
  }

  it('gives each client named by a trusted proxy its own allowance', async () => {
    expect(await searchesAllowedFor(['loopback'], ['203.0.113.1', '203.0.113.2'])).toEqual({
      '203.0.113.1': [null, null, 'RATE_LIMITED'],
      '203.0.113.2': [null, null, 'RATE_LIMITED'],
    });
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy (a client cannot pick its own bucket)', async () => {
    expect(await searchesAllowedFor([], ['203.0.113.1', '203.0.113.2'])).toEqual({
      '203.0.113.1': [null, null, 'RATE_LIMITED'],
      '203.0.113.2': ['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED'],
    });
  });
});

describe('/metrics', () => {
  const request = (remoteAddress: string, authorization?: string) =>
    ({ socket: { remoteAddress }, headers: authorization ? { authorization } : {} }) as unknown as IncomingMessage;

  it('without METRICS_TOKEN answers clients on this machine only', () => {
    expect(metricsRefusal(request('127.0.0.1'), '')).toBeNull();
    expect(metricsRefusal(request('::1'), '')).toBeNull();
    expect(metricsRefusal(request('203.0.113.9'), '')).toEqual({
      status: 403,
      message: '/metrics answers local clients only; set METRICS_TOKEN to scrape it from elsewhere.',
    });
  });

  it('with METRICS_TOKEN needs that bearer token, from anywhere, even locally', async () => {
    const yoga = createArchipelYoga({ db });
    const server = await startHttpServer({ yoga, db, host: '127.0.0.1', port: 0, metricsToken: 's3cret-scrape' });
    try {
      const statusWith = async (authorization?: string) =>
        (await fetch(`${server.url}/metrics`, { headers: authorization ? { authorization } : {} })).status;
      expect(await statusWith()).toBe(401);
      expect(await statusWith('Bearer wrong')).toBe(401);
      expect(await statusWith('Bearer s3cret-scrape')).toBe(200);
      expect(metricsRefusal(request('203.0.113.9', 'Bearer s3cret-scrape'), 's3cret-scrape')).toBeNull();
    } finally {
      await server.close();
    }
  });
});
