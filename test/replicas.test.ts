/**
 * Replicas that share state: two real API processes (`api/main.ts`, as `npm start` runs it) on the
 * run's Neo4j and one Redis (Debian's redis-server, started here on a free port without
 * persistence) behave as one: one rate-limit allowance, one response cache that a write through
 * either, or a seed load by `npm run seed`, empties for both. Redis going away degrades them
 * (in-memory limits, uncached answers), never fails a request. And the driver's neo4j:// routing
 * scheme, used for Aura and clusters, works against the embedded Neo4j: process A uses it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import os from 'node:os';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDriver } from '../api/db/database.js';
import { findFreePort } from '../api/db/embedded.js';
import { CACHE_ENTRY_PREFIX, CACHE_GENERATION_KEY } from '../api/db/shared-state.js';
import { hashToken } from '../schema/auth.js';
import { realSeeds, restoreSeeds, useTestDatabase } from './support/neo4j.js';

const TOKEN = 'replicas-test-editor-token-0123456789';
const EXPENSIVE_PER_MINUTE = 6;
const SLUG = 'framacamp-en-ligne-2020';
const CHANGED = 'Changed through replica A by the replicas test.';
const WHILE_AWAY = 'Changed through replica B while Redis was away.';

const db = useTestDatabase();
const children: ChildProcess[] = [];
let redisServer: ChildProcess;
let redisUrl: string;
let redis: Redis;
let a: string;
let b: string;

/** Debian's redis-server on a free loopback port, nothing written to disk; resolves once it accepts connections. */
async function startRedis(port?: number): Promise<{ child: ChildProcess; url: string }> {
  port ??= await findFreePort();
  const child = spawn('redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  children.push(child);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      output += d;
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('error', reject);
    child.once('exit', () => reject(new Error(`redis-server exited:\n${output}`)));
  });
  return { child, url: `redis://127.0.0.1:${port}` };
}

/** The test's own look into Redis; quiet when Redis is stopped on purpose. */
function testClient(): Redis {
  const client = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  client.on('error', () => {});
  return client;
}

/** Starts `api/main.ts` and resolves to its URL once it says it is ready. */
async function startApi(env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: os.tmpdir(),
      ...(process.env.ARCHIPEL_REPORT ? { ARCHIPEL_REPORT: process.env.ARCHIPEL_REPORT } : {}),
      ...(process.env.NEO4J_PASSWORD ? { NEO4J_PASSWORD: process.env.NEO4J_PASSWORD } : {}),
      PORT: '0',
      LOG_LEVEL: 'silent',
      REDIS_URL: redisUrl,
      RATE_LIMIT_EXPENSIVE_PER_MINUTE: String(EXPENSIVE_PER_MINUTE),
      STAFF_TOKENS: `replica-tester:editor:${hashToken(TOKEN)}`,
      ...env,
    },
  });
  children.push(child);
  let output = '';
  return new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d) => {
      output += d;
      const match = /map at (http:\/\/\S+)\/ ,/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', () => reject(new Error(`the API exited before it was ready:\n${output}`)));
  });
}

/** The run's Neo4j through the routing scheme (neo4j://) rather than a direct connection (bolt://). */
const routingUri = () => inject('neo4jUri').replace(/^bolt:/, 'neo4j:');

beforeAll(async () => {
  const started = await startRedis();
  redisServer = started.child;
  redisUrl = started.url;
  redis = testClient();
  [a, b] = await Promise.all([startApi({ NEO4J_URI: routingUri() }), startApi({ NEO4J_URI: inject('neo4jUri') })]);
});

afterAll(async () => {
  redis?.disconnect();
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await db.write("MATCH (c:Change) WHERE c.actor = 'replica-tester' DELETE c", {}, () => null);
  await restoreSeeds(db);
});

interface Answer {
  status: number;
  etag: string | null;
  body: { data?: Record<string, any>; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function graphql(url: string, query: string, variables?: object, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    body: (await response.json()) as Answer['body'],
  };
}

const PUBLIC_READ = 'query ($slug: String!) { entity(slug: $slug) { slug summary } }';
/** The public answer about SLUG, checked for errors. */
async function publicSummary(url: string): Promise<{ summary: string; etag: string | null }> {
  const answer = await graphql(url, PUBLIC_READ, { slug: SLUG });
  expect(answer.body.errors).toBeUndefined();
  expect(answer.status).toBe(200);
  return { summary: answer.body.data!.entity.summary, etag: answer.etag };
}

async function seedSummary(): Promise<string> {
  const entity = (await realSeeds()).entities.find((e) => e.slug === SLUG);
  expect(entity?.summary).toBeTruthy();
  return entity!.summary!;
}

async function cachedEntries(): Promise<string[]> {
  const keys = await redis.keys(`${CACHE_ENTRY_PREFIX}*`);
  const ttls = await Promise.all(keys.map((key) => redis.pttl(key)));
  return keys.filter((_, i) => ttls[i]! > 0);
}

describe('two API processes on one Redis', () => {
  it('share one rate-limit allowance: expensive reads through A and B together hit the configured total', async () => {
    const answers: Answer[] = [];
    // Each document is new (its own alias), so the response cache cannot answer it.
    for (let i = 0; i < EXPENSIVE_PER_MINUTE + 2; i++) {
      answers.push(
        await graphql(i % 2 === 0 ? a : b, `{ search(text: "framasoft", first: 1) { __typename } n${i}: __typename }`),
      );
    }
    const allowed = answers.slice(0, EXPENSIVE_PER_MINUTE);
    for (const answer of allowed) {
      expect(answer.body.errors).toBeUndefined();
      expect(answer.status).toBe(200);
    }
    // The 7th goes to A and the 8th to B: each process alone has seen only 3 or 4.
    for (const refused of answers.slice(EXPENSIVE_PER_MINUTE)) {
      expect(refused.status).toBe(429);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    }
  });

  it('share one response cache: a staff write through A is seen by the next public read through B', async () => {
    const original = await seedSummary();
    const first = await publicSummary(b);
    expect(first.summary).toBe(original);
    // B's answer is cached, and A serves the same entry, with the same quoted ETag.
    expect(first.etag).toMatch(/^"[\w-]+"$/);
    expect(await publicSummary(b)).toEqual(first);
    expect(await publicSummary(a)).toEqual(first);
    expect(await cachedEntries()).not.toEqual([]);

    const staff = { authorization: `Bearer ${TOKEN}` };
    const version = await graphql(a, '{ entity(slug: "framacamp-en-ligne-2020") { version } }', undefined, staff);
    expect(version.body.errors).toBeUndefined();
    const update = await graphql(
      a,
      'mutation ($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { summary } } }',
      { input: { slug: SLUG, expectedVersion: version.body.data!.entity.version, summary: CHANGED } },
      staff,
    );
    expect(update.body.errors).toBeUndefined();
    expect(update.body.data!.updateEntity.entity.summary).toBe(CHANGED);

    const after = await publicSummary(b);
    expect(after.summary).toBe(CHANGED);
    expect(after.etag).not.toBe(first.etag);
    // B's old ETag no longer validates: a revalidating client gets the new answer, not a 304.
    const revalidated = await fetch(
      `${b}/graphql?query=${encodeURIComponent(PUBLIC_READ)}&variables=${encodeURIComponent(JSON.stringify({ slug: SLUG }))}`,
      { headers: { 'if-none-match': first.etag! } },
    );
    expect(revalidated.status).toBe(200);
    expect(((await revalidated.json()) as Answer['body']).data!.entity.summary).toBe(CHANGED);
  });

  it('a seed load by `npm run seed` empties the cache of both', async () => {
    // Both serve the changed summary, from the shared cache.
    expect((await publicSummary(a)).summary).toBe(CHANGED);
    expect((await publicSummary(b)).summary).toBe(CHANGED);
    const generation = Number((await redis.get(CACHE_GENERATION_KEY)) ?? 0);
    // The load may outlast the answers' 30 s: they are kept longer, so only the generation can hide them.
    const entries = await cachedEntries();
    expect(entries).not.toEqual([]);
    for (const key of entries) await redis.pexpire(key, 600_000);

    const load = spawn(process.execPath, ['--import', 'tsx', 'api/seed/cli.ts', 'load'], {
      env: { ...process.env, NEO4J_URI: inject('neo4jUri'), REDIS_URL: redisUrl },
    });
    children.push(load);
    let output = '';
    load.stdout!.on('data', (d) => (output += d));
    load.stderr!.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => load.once('exit', resolve));
    expect(code, output).toBe(0);
    expect(output).toMatch(/emptied the API's shared response cache/);
    expect(Number(await redis.get(CACHE_GENERATION_KEY))).toBe(generation + 1);
    // The changed answers are still in Redis: only the generation keeps them from being served.
    expect(await cachedEntries()).toEqual(expect.arrayContaining(entries));

    const original = await seedSummary();
    expect((await publicSummary(a)).summary).toBe(original);
    expect((await publicSummary(b)).summary).toBe(original);
  });

  it('when Redis goes away, both keep answering: limits counted in memory, answers uncached, no error', async () => {
    redis.disconnect();
    redisServer.kill('SIGKILL');
    await new Promise((resolve) => redisServer.once('exit', resolve));
    const original = await seedSummary();
    for (const url of [a, b]) {
      // Uncached, so each reads the database: the seeds' summary, as the last test left it.
      expect((await publicSummary(url)).summary).toBe(original);
      // The shared allowance is spent (first test); each process now counts alone, from zero.
      const search = await graphql(url, `{ search(text: "framasoft", first: 1) { __typename } down: __typename }`);
      expect(search.body.errors).toBeUndefined();
      expect(search.status).toBe(200);
    }
    const staff = { authorization: `Bearer ${TOKEN}` };
    const version = await graphql(b, '{ entity(slug: "framacamp-en-ligne-2020") { version } }', undefined, staff);
    const update = await graphql(
      b,
      'mutation ($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { summary } } }',
      { input: { slug: SLUG, expectedVersion: version.body.data!.entity.version, summary: WHILE_AWAY } },
      staff,
    );
    expect(update.body.errors).toBeUndefined();
    expect(update.status).toBe(200);
    // Nothing was cached meanwhile, so A sees B's write at once.
    expect((await publicSummary(a)).summary).toBe(WHILE_AWAY);
  });

  it('when Redis is back, both share it again by themselves', async () => {
    const restarted = await startRedis(Number(new URL(redisUrl).port));
    redisServer = restarted.child;
    redis = testClient();
    // Each process reconnects on its own schedule (at most 5 s apart): A caches into Redis again…
    const deadline = Date.now() + 20_000;
    while ((await cachedEntries()).length === 0 && Date.now() < deadline) {
      await publicSummary(a);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(await cachedEntries()).not.toEqual([]);
    // …and B's reads are served from it: B's write now bumps the shared generation.
    let generation: string | null = null;
    while (generation === null && Date.now() < deadline) {
      const staff = { authorization: `Bearer ${TOKEN}` };
      const version = await graphql(b, '{ entity(slug: "framacamp-en-ligne-2020") { version } }', undefined, staff);
      const update = await graphql(
        b,
        'mutation ($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { summary } } }',
        { input: { slug: SLUG, expectedVersion: version.body.data!.entity.version, summary: `${CHANGED} (back)` } },
        staff,
      );
      expect(update.body.errors).toBeUndefined();
      generation = await redis.get(CACHE_GENERATION_KEY);
    }
    expect(Number(generation)).toBeGreaterThan(0);
    expect((await publicSummary(a)).summary).toBe(`${CHANGED} (back)`);
  });

  it('an API whose Redis cannot be reached at start starts anyway, and answers', async () => {
    const closedPort = await findFreePort();
    const c = await startApi({ NEO4J_URI: inject('neo4jUri'), REDIS_URL: `redis://127.0.0.1:${closedPort}` });
    expect((await publicSummary(c)).summary).toBe(`${CHANGED} (back)`);
    const search = await graphql(c, '{ search(text: "framasoft", first: 1) { __typename } }');
    expect(search.body.errors).toBeUndefined();
    expect(search.status).toBe(200);
  });
});

describe('the neo4j:// routing scheme (Aura, clusters)', () => {
  it('works against the embedded Neo4j: a read and a write through a routing driver', async () => {
    const driver = createDriver(
      routingUri(),
      process.env.NEO4J_USER ?? 'neo4j',
      process.env.NEO4J_PASSWORD ?? 'archipel-password',
    );
    try {
      const session = driver.session({ database: process.env.NEO4J_DATABASE ?? 'neo4j' });
      try {
        const written = await session.executeWrite((tx) =>
          tx.run('CREATE (p:RoutingProbe {at: $at}) WITH p DELETE p RETURN 1 AS done', { at: Date.now() }),
        );
        expect(written.records[0]?.get('done').toNumber()).toBe(1);
        const read = await session.executeRead((tx) =>
          tx.run("MATCH (e:Entity {slug: 'framasoft'}) RETURN e.name AS name"),
        );
        expect(read.records.map((r) => r.get('name'))).toEqual(['Framasoft']);
      } finally {
        await session.close();
      }
    } finally {
      await driver.close();
    }
  });
});
