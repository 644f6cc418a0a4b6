/**
 * GraphQL over HTTP, checked with graphql-http's audit suite (not by hand), and the health endpoints.
 */
import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS } from '../api/http/example-operations.js';
import { expectError } from './support/graphql.js';
import { startTestServer } from './support/server.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('GraphQL over HTTP', () => {
  it('passes every MUST and SHOULD of the graphql-http audit', async () => {
    const results = await auditServer({ url: `${server.url}/graphql` });
    const failures = results.filter(
      (r) => r.status === 'error' || (r.status === 'warn' && r.name.startsWith('SHOULD')),
    );
    expect(failures.map((f) => `${f.name}: ${'reason' in f ? f.reason : ''}`)).toEqual([]);
    // The 61 points graphql-http 1.23 audits, the MAYs included: every one is met.
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 61 }, () => 'ok'));
  }, 60_000);

  it('answers GET and POST with application/graphql-response+json', async () => {
    const query = '{ entity(slug: "framasoft") { name } }';
    const get = await fetch(`${server.url}/graphql?query=${encodeURIComponent(query)}`, {
      headers: { accept: 'application/graphql-response+json' },
    });
    const post = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query }),
    });
    for (const response of [get, post]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
      expect(await response.json()).toEqual({ data: { entity: { name: 'Framasoft' } } });
    }
  });

  it('answers a malformed request with 400 and a message saying what is wrong, never a 500', async () => {
    const cases: [string, string, RegExp][] = [
      ['{not json', 'BAD_REQUEST', /^POST body sent invalid JSON\.$/],
      [JSON.stringify({ query: '{ entity(slug: ' }), 'GRAPHQL_PARSE_FAILED', /^Syntax Error: Unexpected <EOF>\.$/],
      [JSON.stringify({ nothing: true }), 'BAD_REQUEST', /^Unexpected parameter "nothing" in the request body\.$/],
      [JSON.stringify({ query: 42 }), 'BAD_REQUEST', /^Expected "query" param to be a string, but given number\.$/],
    ];
    for (const [body, code, message] of cases) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body,
      });
      expect(response.status, body).toBe(400);
      const payload = (await response.json()) as { data?: unknown; errors: [] };
      expectError(payload, code, message);
      expect(payload.data).toBeUndefined();
    }
  });

  it('opens GraphiQL with the saved example operations', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    // Every saved operation, by its name, and the first one's text.
    const names = EXAMPLE_OPERATIONS.map((o) => /^\s*(?:query|mutation)\s+(\w+)/m.exec(o.query)?.[1]);
    expect(names.length).toBeGreaterThanOrEqual(5);
    expect(names).not.toContain(undefined);
    expect(names[0]).toBe('PeerTubeHosting');
    for (const name of names) expect(html).toContain(name);
    expect(html).toContain('software: \\"peertube\\"');
  });
});

/** The samples of the Prometheus text at /metrics, by series (`name{labels}`). */
async function metrics(): Promise<Map<string, number>> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    const sample = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (sample) samples.set(sample[1]!, Number(sample[2]));
  }
  return samples;
}

describe('operations', () => {
  it('exposes Prometheus metrics: requests, latency, errors by code, Cypher round trips', async () => {
    const series = [
      'archipel_http_requests_total{method="GET",status="200"}',
      'archipel_http_requests_total{method="POST",status="200"}',
      'archipel_http_requests_total{method="POST",status="400"}',
      'archipel_http_request_duration_seconds_count',
      'archipel_graphql_errors_total{code="INVALID_ARGUMENT"}',
      'archipel_graphql_errors_total{code="GRAPHQL_PARSE_FAILED"}',
      'archipel_cypher_round_trips_total',
    ];
    const before = await metrics();
    const post = (query: string) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query }),
      });
    // A refused argument (no Cypher), a read (one statement), a document that does not parse.
    await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ entity(slug: "nobody!") { slug } }')}`);
    await post('{ entity(slug: "framasoft") { name } }');
    await post('{ entity(');
    const after = await metrics();
    const delta = Object.fromEntries(series.map((s) => [s, (after.get(s) ?? Number.NaN) - (before.get(s) ?? 0)]));
    expect(delta).toEqual({
      'archipel_http_requests_total{method="GET",status="200"}': 1,
      'archipel_http_requests_total{method="POST",status="200"}': 1,
      'archipel_http_requests_total{method="POST",status="400"}': 1,
      archipel_http_request_duration_seconds_count: 3,
      'archipel_graphql_errors_total{code="INVALID_ARGUMENT"}': 1,
      'archipel_graphql_errors_total{code="GRAPHQL_PARSE_FAILED"}': 1,
      archipel_cypher_round_trips_total: 1,
    });
  });
});

describe('health', () => {
  it('is live, and ready when Neo4j answers and the indexes are online', async () => {
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
    const ready = await fetch(`${server.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, neo4j: 'up', schema: 'online' });
  });
});
