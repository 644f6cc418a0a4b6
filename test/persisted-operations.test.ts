/**
 * Persisted operations through the real server and the real Neo4j: the map's operations and the
 * saved ones answer over GET by the hash of their document (so that HTTP caches can keep them),
 * the same as over POST; an unknown hash is a clear PERSISTED_QUERY_NOT_FOUND; any other document
 * still works over POST; GET never runs a mutation; and with the response cache on, a GET by hash
 * gets an ETag and revalidates to a 304.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS } from '../api/http/example-operations.js';
import { persistedDocuments, persistedManifest } from '../api/http/persisted-operations.js';
import * as mapOperations from '../model/map-operations.js';
import { documentHash, documentOf, GRAPH, MAP_OPERATIONS, type Operation, PATH } from '../model/map-operations.js';
import { MAX_GET_URL_LENGTH, persistedUrl } from '../viz/src/api.js';
import { expectData, type GraphQLResponse } from './support/graphql.js';
import { startTestServer } from './support/server.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let cached: Server;

beforeAll(async () => {
  [server, cached] = await Promise.all([startTestServer(), startTestServer({ yoga: { responseCacheTtlMs: 30_000 } })]);
});
afterAll(async () => {
  await Promise.all([server?.close(), cached?.close()]);
});

/** The URL the map builds (viz/src/api.ts): operationName, variables, then the hash. */
function byHash(base: string, sha256Hash: string, operationName?: string, variables: object = {}) {
  const params = new URLSearchParams({
    ...(operationName ? { operationName } : {}),
    variables: JSON.stringify(variables),
    extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash } }),
  });
  return `${base}/graphql?${params}`;
}

async function getByHash(base: string, document: string, operationName?: string, variables: object = {}) {
  const response = await fetch(byHash(base, await documentHash(document), operationName, variables), {
    headers: { accept: 'application/graphql-response+json, application/json' },
  });
  return { response, body: (await response.json()) as GraphQLResponse<any> };
}

async function post(base: string, query: string, operationName?: string, variables: object = {}) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, operationName, variables }),
  });
  return { response, body: (await response.json()) as GraphQLResponse<any> };
}

const HOSTING = { types: ['HOSTING'] };
/** The report's hostings (test/answers.test.ts counts them from the seeds). */
const HOSTINGS = 11;

describe('persisted operations', () => {
  it("the map's hosting query can be fetched over GET by its hash and answers the same as POST", async () => {
    const document = documentOf([GRAPH]);
    const get = await getByHash(server.url, document, GRAPH.name, HOSTING);
    expect(get.response.status).toBe(200);
    const viaGet = expectData<{ graph: { edges: { type: string }[] } }>(get.body);
    expect(viaGet.graph.edges).toHaveLength(HOSTINGS);
    expect(new Set(viaGet.graph.edges.map((edge) => edge.type))).toEqual(new Set(['HOSTING']));

    const viaPost = expectData((await post(server.url, document, GRAPH.name, HOSTING)).body);
    expect(viaGet).toEqual(viaPost);
  });

  it('an unknown hash is refused with a clear PERSISTED_QUERY_NOT_FOUND (not a 500)', async () => {
    const unknown = 'f'.repeat(64);
    const response = await fetch(byHash(server.url, unknown, 'Anything'));
    expect(response.status).toBe(400);
    const body = (await response.json()) as GraphQLResponse;
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(body.errors![0]!.message).toContain(unknown);
    expect(body.errors![0]!.message).toMatch(/send the document itself in "query"/);
  });

  it('a malformed persistedQuery extension is a 400 saying what is expected', async () => {
    const extensions = JSON.stringify({ persistedQuery: { version: 2, sha256Hash: 'f'.repeat(64) } });
    const response = await fetch(`${server.url}/graphql?extensions=${encodeURIComponent(extensions)}`, {
      headers: { accept: 'application/json' },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as GraphQLResponse;
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions?.code).toBe('BAD_REQUEST');
    expect(body.errors![0]!.message).toMatch(/\{"version": 1, "sha256Hash": "<hex SHA-256 of the document>"\}/);
  });

  it('arbitrary documents still work over POST', async () => {
    const document = '{ entity(slug: "picasoft") { name kind } }';
    expect((await persistedManifest()).has(await documentHash(document))).toBe(false);
    const { response, body } = await post(server.url, document);
    expect(response.status).toBe(200);
    expect(expectData(body)).toEqual({ entity: { name: 'Picasoft', kind: 'ORGANISATION' } });
  });

  it('a mutation is refused over GET, even a saved one', async () => {
    const mutation = EXAMPLE_OPERATIONS.find((op) => /^mutation /m.test(op.query));
    expect(mutation).toBeDefined();
    const { response, body } = await getByHash(
      server.url,
      mutation!.query,
      undefined,
      JSON.parse(mutation!.variables!),
    );
    expect(response.status).toBe(405);
    expect(body.data).toBeUndefined();
    expect(body.errors?.map((e) => e.message)).toEqual(['Can only perform a mutation operation from a POST request.']);
  });

  it('every map operation and saved operation is in the manifest', async () => {
    // Every operation model/map-operations.ts defines, found by shape: one left out of MAP_OPERATIONS fails here.
    const defined = Object.values(mapOperations).filter(
      (value): value is Operation => typeof value === 'object' && value !== null && 'name' in value && 'text' in value,
    );
    expect(defined.length).toBeGreaterThanOrEqual(6);
    expect(new Set(MAP_OPERATIONS)).toEqual(new Set(defined));

    const manifest = await persistedManifest();
    expect(persistedDocuments()).toHaveLength(MAP_OPERATIONS.length + EXAMPLE_OPERATIONS.length);
    expect(manifest.size).toBe(MAP_OPERATIONS.length + EXAMPLE_OPERATIONS.length);
    const documents = new Set(manifest.values());
    for (const operation of MAP_OPERATIONS) expect(documents.has(documentOf([operation]))).toBe(true);
    for (const saved of EXAMPLE_OPERATIONS) expect(documents.has(saved.query)).toBe(true);

    // And the running server runs each one by its hash: an answer, or errors in the document itself
    // (a required variable not given has `locations`), never a refusal of the request.
    for (const document of documents) {
      const { response, body } = await getByHash(server.url, document);
      if (/^mutation /m.test(document)) {
        expect(response.status).toBe(405);
        continue;
      }
      expect(body.data !== undefined || body.errors!.every((error) => error.locations)).toBe(true);
    }
  });
});

describe("the map's requests (viz/src/api.ts)", () => {
  it('ask by the very hash the server persisted, and go over POST beyond 2 kB of URL', async () => {
    const manifest = await persistedManifest();
    for (const operation of MAP_OPERATIONS) {
      const url = await persistedUrl(documentOf([operation]), operation.name, { slug: 'picasoft' });
      expect(url!.length).toBeLessThanOrEqual(MAX_GET_URL_LENGTH);
      const params = new URL(url!, 'http://archipel.test/').searchParams;
      expect(params.get('operationName')).toBe(operation.name);
      expect(JSON.parse(params.get('variables')!)).toEqual({ slug: 'picasoft' });
      const { sha256Hash } = JSON.parse(params.get('extensions')!).persistedQuery;
      expect(manifest.get(sha256Hash)).toBe(documentOf([operation]));
    }
    const avoid = Array.from({ length: 200 }, (_, i) => `some-partner-${i}`);
    expect(await persistedUrl(documentOf([PATH]), PATH.name, { from: 'picasoft', to: 'framabook', avoid })).toBeNull();
  });
});

describe('persisted operations with the response cache', () => {
  it('a GET by hash returns an ETag and a second GET with If-None-Match gets 304', async () => {
    const url = byHash(cached.url, await documentHash(documentOf([GRAPH])), GRAPH.name, HOSTING);
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(
      expectData<{ graph: { edges: unknown[] } }>((await first.json()) as GraphQLResponse<any>).graph.edges,
    ).toHaveLength(HOSTINGS);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=30\b/);

    const second = await fetch(url, { headers: { 'if-none-match': etag! } });
    expect(second.status).toBe(304);
    expect(await second.text()).toBe('');
  });

  it('two operations by hash with the same variables are cached apart (the cache keys on the document)', async () => {
    const [funders, conventions] = ['Funders', 'Conventions'].map(
      (name) => EXAMPLE_OPERATIONS.find((op) => op.query.includes(`query ${name} `))!.query,
    );
    for (let round = 0; round < 2; round++) {
      const viaFunders = expectData((await getByHash(cached.url, funders!)).body);
      const viaConventions = expectData((await getByHash(cached.url, conventions!)).body);
      expect(viaFunders).toEqual(expectData((await post(server.url, funders!)).body));
      expect(viaConventions).toEqual(expectData((await post(server.url, conventions!)).body));
    }
  });
});
