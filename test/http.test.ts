/**
 * GraphQL over HTTP, checked with graphql-http's audit suite (not by hand), and the health endpoints.
 */
import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    expect(results.filter((r) => r.status === 'ok').length).toBeGreaterThan(30);
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

  it('answers a malformed request with a 4xx and a message, never a 500', async () => {
    const bodies = [
      '{not json',
      JSON.stringify({ query: '{ entity(slug: ' }),
      JSON.stringify({ nothing: true }),
      JSON.stringify({ query: 42 }),
    ];
    for (const body of bodies) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body,
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      const payload = (await response.json()) as { errors: { message: string }[] };
      expect(payload.errors[0]!.message.length).toBeGreaterThan(0);
    }
  });

  it('opens GraphiQL with the saved example operations', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    const html = await response.text();
    expect(html).toContain('PeerTubeHosting');
    expect(html).toContain('software: \\"peertube\\"');
  });
});

describe('operations', () => {
  it('exposes Prometheus metrics: requests, latency, errors by code, Cypher round trips', async () => {
    await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ entity(slug: "nobody!") { slug } }')}`);
    const text = await (await fetch(`${server.url}/metrics`)).text();
    for (const metric of [
      'archipel_http_requests_total',
      'archipel_http_request_duration_seconds_bucket',
      'archipel_graphql_errors_total{code="INVALID_ARGUMENT"}',
      'archipel_cypher_round_trips_total',
    ]) {
      expect(text).toContain(metric);
    }
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
