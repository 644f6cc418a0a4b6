/**
 * Hostile input and database outages: thousands of malformed documents never produce a 500 or
 * change the data; while Neo4j is down the API answers SERVICE_UNAVAILABLE quickly, and it
 * recovers by itself when Neo4j returns, with every acknowledged write still there.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDriver, Database } from '../api/db/database.js';
import { findFreePort, startEmbeddedNeo4j } from '../api/db/embedded.js';
import { checkReadiness } from '../api/http/health.js';
import { exportDataset } from '../api/seed/export.js';
import { loadDataset } from '../api/seed/load.js';
import { createArchipelYoga } from '../api/yoga.js';
import { seededRandom as random } from '../model/seeded-random.js';
import { expectData, expectError } from './support/graphql.js';
import { openTestDatabase, realSeeds, useTestDatabase } from './support/neo4j.js';

const HOSTILE_STRINGS = [
  "') DETACH DELETE n //",
  '"}) MATCH (n) DETACH DELETE n //',
  '` MATCH (n) DELETE n',
  '$slug',
  '*:*',
  'name:* OR summary:*',
  '\\',
  '\u0000',
  '🦜'.repeat(300),
  'a'.repeat(10_000),
  '../../etc/passwd',
  '<script>alert(1)</script>',
  'framasoft"; CALL dbms.shutdown(); //',
  '%00',
  '',
  ' ',
];

const FIELD_PIECES = [
  'entity(slug: $s) { slug name relations { totalCount } }',
  'search(text: $s) { edges { node { slug } } }',
  'relations(from: $s, software: $s, first: $n) { totalCount }',
  'path(from: $s, to: "framasoft", maxLength: $n) { type }',
  'graph(focus: $s, depth: $n) { nodes { slug } }',
  'node(id: $s) { id }',
  'relations(after: $s) { totalCount }',
  '__typename',
];
const JUNK = [
  '{',
  '}',
  '(',
  ')',
  ':',
  '$',
  '...',
  '@skip',
  'query',
  'mutation',
  'fragment',
  '"',
  '#',
  '!',
  '[',
  ']',
  '=',
  ',',
  'on',
  'Entity',
];

describe('fuzzing the public endpoint', () => {
  const db = useTestDatabase();

  it('answers thousands of malformed and hostile requests without a 500 or a change to the data', async () => {
    const yoga = createArchipelYoga({ db, expensiveReadsPerMinute: 1_000_000 });
    const before = await exportDataset(db);
    const next = random(20_201);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
    const statuses = new Map<number, number>();
    for (let i = 0; i < 3_000; i++) {
      let query: string;
      const mode = next();
      if (mode < 0.4) {
        query = `query($s: String, $n: Int) { ${pick(FIELD_PIECES)} ${pick(FIELD_PIECES)} }`;
      } else if (mode < 0.7) {
        const valid = `query($s: String, $n: Int) { ${pick(FIELD_PIECES)} }`;
        const cut = Math.floor(next() * valid.length);
        query = valid.slice(0, cut) + pick(JUNK) + valid.slice(cut + 1);
      } else {
        query = Array.from({ length: 1 + Math.floor(next() * 30) }, () => pick([...JUNK, ...FIELD_PIECES])).join(' ');
      }
      const variables =
        next() < 0.9
          ? { s: pick(HOSTILE_STRINGS), n: pick([0, -1, 1, 3, 101, 2 ** 31, null]) }
          : pick(['x', 42, [1], null]);
      const body =
        next() < 0.95
          ? JSON.stringify({ query, variables })
          : pick(['{', 'null', '[]', '"x"', JSON.stringify({ query: 42 })]);
      const response = await yoga.fetch('http://archipel.test/graphql', {
        method: next() < 0.9 ? 'POST' : 'GET',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        ...(next() < 0.9 ? { body } : {}),
      });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const text = await response.text();
      expect(response.status, `request ${i}: ${body.slice(0, 200)}\n→ ${text.slice(0, 300)}`).toBeLessThan(500);
      expect(text).not.toMatch(/Unexpected error|\bat \w+ \(|Neo\.ClientError|Neo4jError/);
    }
    expect(statuses.get(200)).toBeGreaterThan(100);
    expect(await exportDataset(db)).toEqual(before);
  }, 300_000);
});

describe('a busy database', () => {
  it('answers SERVICE_UNAVAILABLE, not an internal error, when no connection frees up in time', async () => {
    // One connection, held by a transaction left open: the next query waits for it, then gives up.
    const { driver, db } = openTestDatabase(undefined, { maxConnectionPoolSize: 1, connectionAcquisitionTimeout: 300 });
    const holder = driver.session();
    const held = holder.beginTransaction();
    try {
      await held.run('RETURN 1');
      const response = await createArchipelYoga({ db }).fetch('http://archipel.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ entity(slug: "framasoft") { name } }' }),
      });
      expect(response.status).toBeLessThan(500);
      const body = (await response.json()) as any;
      expectError(body, 'SERVICE_UNAVAILABLE', /^The database is unavailable right now; retry in a few seconds\.$/, [
        'entity',
      ]);
    } finally {
      await held.rollback();
      await holder.close();
      await driver.close();
    }
  });
});

describe('a Neo4j outage', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('answers SERVICE_UNAVAILABLE while down, then recovers without a restart, losing no acknowledged write', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'archipel-outage-'));
    dirs.push(dataDir);
    const port = await findFreePort();
    let neo4j = await startEmbeddedNeo4j({ port, dataDir, pageCacheMb: 64 });
    const driver = createDriver(neo4j.uri, 'neo4j', 'unused');
    const db = new Database(driver, { database: 'neo4j', txTimeoutMs: 60_000 });
    await loadDataset(db, await realSeeds());
    const yoga = createArchipelYoga({ db });
    const ask = async () => {
      const started = performance.now();
      const response = await yoga.fetch('http://archipel.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ entity(slug: "framasoft") { name } }' }),
      });
      return { body: (await response.json()) as any, ms: performance.now() - started };
    };

    expect(expectData((await ask()).body).entity.name).toBe('Framasoft');
    // Writes acknowledged just before and while the database goes down.
    const acknowledged: number[] = [];
    const writer = (async () => {
      for (let i = 0; i < 200; i++) {
        try {
          await db.write('CREATE (:Probe {n: $n})', { n: i }, () => null);
          acknowledged.push(i);
        } catch {
          return;
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    await neo4j.stop();
    await writer;

    const down = await ask();
    expectError(down.body, 'SERVICE_UNAVAILABLE', /^The database is unavailable right now; retry in a few seconds\.$/, [
      'entity',
    ]);
    expect(down.body.data).toEqual({ entity: null });
    expect(down.ms).toBeLessThan(10_000);
    // Once the outage is known, every answer comes at once: no connection attempt, no retries.
    await ask();
    for (let i = 0; i < 5; i++) {
      const again = await ask();
      expectError(again.body, 'SERVICE_UNAVAILABLE', /^The database is unavailable right now/, ['entity']);
      expect(again.ms).toBeLessThan(500);
    }
    const readinessStarted = performance.now();
    expect(await checkReadiness(db)).toMatchObject({ ready: false, neo4j: 'down' });
    expect(performance.now() - readinessStarted).toBeLessThan(500);

    neo4j = await startEmbeddedNeo4j({ port, dataDir, pageCacheMb: 64 });
    let answer = await ask();
    for (let i = 0; i < 20 && answer.body.errors; i++) {
      await new Promise((r) => setTimeout(r, 500));
      answer = await ask();
    }
    expect(expectData(answer.body).entity.name).toBe('Framasoft');
    expect(await checkReadiness(db)).toMatchObject({ ready: true });
    const stored = await db.read('MATCH (p:Probe) RETURN p.n AS n ORDER BY n', {}, (r) => Number(r.get('n')));
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const n of acknowledged) expect(stored).toContain(n);
    await driver.close();
    await neo4j.stop();
  }, 300_000);
});
