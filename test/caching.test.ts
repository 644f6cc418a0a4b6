/**
 * Compressed and cacheable public reads, through the real server: the map's files precompressed
 * and cached for a year (hashed) or revalidated (index.html); GraphQL answers compressed by
 * negotiation; public answers with an ETag, a 304 on revalidation and a short shared max-age;
 * staff requests never cached; a write visible to the next read. Needs `npm run build:viz`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIZ_DIST } from '../api/server.js';
import { hashToken, parseStaffTokens } from '../schema/auth.js';
import { GRAPH as MAP_GRAPH } from '../viz/src/queries.js';
import { restoreSeeds, useTestDatabase } from './support/neo4j.js';
import { startTestServer } from './support/server.js';

const TOKEN = 'caching-test-editor-token-0123456789';
const staff = parseStaffTokens(`cache-tester:editor:${hashToken(TOKEN)}`);
const db = useTestDatabase();
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer({ yoga: { staff, responseCacheTtlMs: 30_000, mutationsPerMinute: 1_000 } });
});
afterAll(async () => {
  await server?.close();
  await db.write("MATCH (c:Change) WHERE c.actor = 'cache-tester' DELETE c", {}, () => null);
  await restoreSeeds(db);
});

/** A raw GET (fetch would decode the body and hide the encoding on the wire). */
function rawGet(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      httpRequest(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      })
        .on('error', reject)
        .end();
    },
  );
}

const graphqlUrl = (query: string, variables?: object) =>
  `${server.url}/graphql?query=${encodeURIComponent(query)}${variables ? `&variables=${encodeURIComponent(JSON.stringify(variables))}` : ''}`;

function post(body: object, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

// The map's own `graph` request, so that the sizes measured are the ones a visitor's browser gets.
const GRAPH = [MAP_GRAPH.text, ...(MAP_GRAPH.fragments ?? [])].join('\n');

describe('the map’s files', () => {
  const mainScript = readdirSync(path.join(VIZ_DIST, 'assets')).find((f) => /^index-.*\.js$/.test(f));

  it('are sent brotli-compressed when the browser accepts it, and kept a year', async () => {
    expect(mainScript).toBeDefined();
    const raw = readFileSync(path.join(VIZ_DIST, 'assets', mainScript!));
    const br = await rawGet(`${server.url}/assets/${mainScript}`, { 'accept-encoding': 'br, gzip' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.body).equals(raw)).toBe(true);

    const gz = await rawGet(`${server.url}/assets/${mainScript}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(raw)).toBe(true);
    const plain = await rawGet(`${server.url}/assets/${mainScript}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBe(raw.length);
    console.info(`map script on the wire: raw ${raw.length} B, br ${br.body.length} B, gzip ${gz.body.length} B`);
  });

  it('index.html is revalidated, not kept', async () => {
    const page = await rawGet(`${server.url}/`, { 'accept-encoding': 'br, gzip' });
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    const again = await rawGet(`${server.url}/`, { 'if-none-match': String(page.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.headers['cache-control']).toBe('no-cache');
  });
});

describe('GraphQL answers', () => {
  it('a large answer is compressed by negotiation and decodes to the same JSON', async () => {
    const plain = await rawGet(graphqlUrl(GRAPH));
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.body.toString()).errors).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    const br = await rawGet(graphqlUrl(GRAPH), { 'accept-encoding': 'br, gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(br.body).toString())).toEqual(JSON.parse(plain.body.toString()));
    const gz = await rawGet(graphqlUrl(GRAPH), { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.body).toString())).toEqual(JSON.parse(plain.body.toString()));
    console.info(
      `graph answer on the wire: raw ${plain.body.length} B, br ${br.body.length} B, gzip ${gz.body.length} B`,
    );
  });

  it('an answer already compressed (a GraphiQL asset, gzipped once) is not compressed again', async () => {
    const page = await rawGet(`${server.url}/graphql`, { accept: 'text/html' });
    const asset = /\/graphql\/assets\/[^"']+\.js/.exec(page.body.toString())?.[0];
    expect(asset).toBeDefined();
    const gz = await rawGet(`${server.url}${asset}`, { 'accept-encoding': 'br, gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).length).toBeGreaterThan(gz.body.length);
  });

  it('a tiny answer is not compressed', async () => {
    const small = await rawGet(graphqlUrl('{ entity(slug: "framasoft") { slug } }'), { 'accept-encoding': 'br, gzip' });
    expect(small.status).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});

describe('public answers can be cached', () => {
  const QUERY = 'query ($slug: String!) { entity(slug: $slug) { slug name summary } }';

  it('a repeated public query gets the same ETag, a shared max-age, and a 304 when it has not changed', async () => {
    const first = await rawGet(graphqlUrl(QUERY, { slug: 'picasoft' }));
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/);
    const second = await rawGet(graphqlUrl(QUERY, { slug: 'picasoft' }));
    expect(second.headers.etag).toBe(etag);
    expect(second.body.toString()).toBe(first.body.toString());
    const revalidated = await rawGet(graphqlUrl(QUERY, { slug: 'picasoft' }), { 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    expect(revalidated.headers.etag).toBe(etag);
    expect(revalidated.headers['cache-control']).toBe(first.headers['cache-control']);
    // POST answers carry the same ETag.
    const posted = await post({ query: QUERY, variables: { slug: 'picasoft' } });
    expect(posted.headers.get('etag')).toBe(etag);
  });

  it('the ETag is a quoted entity-tag, and If-None-Match is compared as RFC 9110 says', async () => {
    const url = graphqlUrl(QUERY, { slug: 'framasoft' });
    const etag = (await rawGet(url)).headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    // Weak comparison: a W/ tag matches; a list matches when any of its tags does; `*` matches any.
    for (const conditional of [`W/${etag}`, `"other", ${etag}`, `W/"other" , W/${etag}`, '*']) {
      const answer = await rawGet(url, { 'if-none-match': conditional });
      expect(answer.status, conditional).toBe(304);
      expect(answer.headers.etag, conditional).toBe(etag);
    }
    for (const conditional of ['"other"', 'W/"other", "another"', `${etag.slice(0, -2)}"`]) {
      const answer = await rawGet(url, { 'if-none-match': conditional });
      expect(answer.status, conditional).toBe(200);
      expect(JSON.parse(answer.body.toString()).data.entity.slug).toBe('framasoft');
    }
    // Another query's ETag does not validate this one.
    const other = (await rawGet(graphqlUrl(QUERY, { slug: 'picasoft' }))).headers.etag as string;
    expect(other).not.toBe(etag);
    expect((await rawGet(url, { 'if-none-match': other })).status).toBe(200);
  });

  it('a public GET answer is the same whatever page asks, so a CDN keeps one copy of it', async () => {
    const url = graphqlUrl(QUERY, { slug: 'picasoft' });
    const answers = await Promise.all(
      (
        [{}, { origin: server.url, 'sec-fetch-site': 'same-origin' }, { origin: 'https://gephi.example' }] as Record<
          string,
          string
        >[]
      ).map((headers) => rawGet(url, headers)),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.headers['access-control-allow-origin']).toBe('*');
      expect(String(answer.headers.vary ?? '')).not.toMatch(/origin/i);
      expect(answer.body.toString()).toBe(answers[0]?.body.toString());
    }
    // A POST may be a write, so its answer still depends on who asks.
    const posted = await post({ query: QUERY, variables: { slug: 'picasoft' } }, { origin: 'https://gephi.example' });
    expect(posted.headers.get('vary')).toMatch(/origin/i);
  });

  it('a staff write is visible to the next public read', async () => {
    const read = async () => (await (await post({ query: QUERY, variables: { slug: 'picasoft' } })).json()) as any;
    const before = await read();
    const etagBefore = (await rawGet(graphqlUrl(QUERY, { slug: 'picasoft' }))).headers.etag as string | undefined;
    expect(etagBefore).toBeTruthy();
    const version = (
      (await (
        await post({ query: '{ entity(slug: "picasoft") { version } }' }, { authorization: `Bearer ${TOKEN}` })
      ).json()) as any
    ).data.entity.version;
    const update = (await (
      await post(
        {
          query: 'mutation ($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { summary } } }',
          variables: { input: { slug: 'picasoft', expectedVersion: version, summary: 'Changed by the cache test.' } },
        },
        { authorization: `Bearer ${TOKEN}` },
      )
    ).json()) as any;
    expect(update.errors).toBeUndefined();
    const after = await read();
    expect(before.data.entity.summary).not.toBe('Changed by the cache test.');
    expect(after.data.entity.summary).toBe('Changed by the cache test.');
    // The ETag held from before the write no longer validates: the client gets the new answer.
    const revalidated = await rawGet(graphqlUrl(QUERY, { slug: 'picasoft' }), { 'if-none-match': etagBefore! });
    expect(revalidated.status).toBe(200);
    expect(JSON.parse(revalidated.body.toString()).data.entity.summary).toBe('Changed by the cache test.');
  });

  it('a staff request is never answered from the public cache, nor shared', async () => {
    const query = '{ entity(slug: "framasoft") { slug internalNotes } }';
    // The public answer (an authorization error on the staff field) is not what staff gets.
    const asPublic = (await (await post({ query })).json()) as any;
    expect(asPublic.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const publicRead = await post({ query: '{ entity(slug: "framasoft") { slug name } }' });
    const etag = publicRead.headers.get('etag');
    expect(etag).toBeTruthy();

    const asStaff = await post({ query }, { authorization: `Bearer ${TOKEN}` });
    expect(asStaff.headers.get('cache-control')).toBe('private, no-store');
    expect(asStaff.headers.get('etag')).toBeNull();
    const body = (await asStaff.json()) as any;
    expect(body.errors).toBeUndefined();
    expect(body.data.entity).toHaveProperty('internalNotes');

    // Even the public query, asked by staff with the public ETag, is answered in full, privately.
    const staffRevalidation = await post(
      { query: '{ entity(slug: "framasoft") { slug name } }' },
      { authorization: `Bearer ${TOKEN}`, 'if-none-match': etag! },
    );
    expect(staffRevalidation.status).toBe(200);
    expect(staffRevalidation.headers.get('cache-control')).toBe('private, no-store');
  });
});
