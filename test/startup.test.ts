/**
 * Start-up as a newcomer meets it: the real embedded Neo4j, `npm start`'s entry point, and the
 * one-paragraph explanations (never a stack trace) when something is missing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDriver, Database } from '../api/db/database.js';
import { findFreePort, startEmbeddedNeo4j } from '../api/db/embedded.js';

const temporary: string[] = [];
afterAll(() => Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true }))));
async function tempDir(prefix: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/** Runs `api/main.ts` (what `npm start` runs) with the given environment until it exits. */
function runMain(env: Record<string, string>, timeoutMs = 60_000) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], { env: { ...env }, cwd: process.cwd() });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const baseEnv = () => ({ PATH: process.env.PATH ?? '', HOME: os.tmpdir() });
const noStackTrace = (output: string) => expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

describe('the embedded Neo4j', () => {
  it('is a real database: data persists across a restart with the same data directory', async () => {
    const dataDir = await tempDir('archipel-persist-');
    const write = await startEmbeddedNeo4j({ port: await findFreePort(), dataDir, pageCacheMb: 64 });
    let driver = createDriver(write.uri, 'neo4j', 'unused');
    await new Database(driver, { database: 'neo4j', txTimeoutMs: 10_000 }).write(
      'CREATE (:Probe {value: $value})',
      { value: 'survives restarts' },
      () => null,
    );
    await driver.close();
    await write.stop();
    expect(write.process.exitCode).toBe(0);

    const read = await startEmbeddedNeo4j({ port: await findFreePort(), dataDir, pageCacheMb: 64 });
    driver = createDriver(read.uri, 'neo4j', 'unused');
    const values = await new Database(driver, { database: 'neo4j', txTimeoutMs: 10_000 }).read(
      'MATCH (p:Probe) RETURN p.value AS value',
      {},
      (r) => r.get('value'),
    );
    await driver.close();
    await read.stop();
    expect(values).toEqual(['survives restarts']);
  }, 180_000);
});

describe('npm start', () => {
  it('serves GraphQL on an existing Neo4j (NEO4J_URI) and stops cleanly on SIGTERM', async () => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
      env: { ...baseEnv(), NEO4J_URI: inject('neo4jUri'), PORT: '0' },
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr!.on('data', (d) => {
        output += d;
        const match = /GraphQL at (http:\/\/\S+\/graphql)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.on('exit', () => reject(new Error(output)));
    });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ entity(slug: "framasoft") { name } }' }),
    });
    expect(await response.json()).toEqual({ data: { entity: { name: 'Framasoft' } } });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('explains an invalid environment variable', async () => {
    const { code, output } = await runMain({ ...baseEnv(), PORT: 'eighty', NEO4J_URI: 'bolt://127.0.0.1:1' });
    expect(code).toBe(1);
    expect(output).toContain('PORT="eighty": expected a port number');
    noStackTrace(output);
  });

  it('explains an unreachable NEO4J_URI', async () => {
    const port = await findFreePort();
    const { code, output } = await runMain({ ...baseEnv(), NEO4J_URI: `bolt://127.0.0.1:${port}`, PORT: '0' });
    expect(code).toBe(1);
    expect(output).toContain(`Cannot reach Neo4j at bolt://127.0.0.1:${port}`);
    expect(output).toContain('unset NEO4J_URI to use the embedded Neo4j');
    noStackTrace(output);
  });

  it('explains a missing Java and names both ways forward', async () => {
    // A PATH holding only node: no java, no mvn.
    const bin = await tempDir('archipel-nojava-');
    await symlink(process.execPath, path.join(bin, 'node'));
    const { code, output } = await runMain({ PATH: bin, HOME: os.tmpdir(), PORT: '0' });
    expect(code).toBe(1);
    expect(output).toContain('Java was not found');
    expect(output).toContain('install a JDK 17+ and Maven');
    expect(output).toContain('docker compose up');
    noStackTrace(output);
  });
});
