/**
 * Reliability as an operator meets it, with real processes: the embedded Neo4j's JVM and the API
 * are killed for real, and the server is stopped under real keep-alive load.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDriver, Database } from '../api/db/database.js';
import { findFreePort, isPortFree, startEmbeddedNeo4j } from '../api/db/embedded.js';
import { hashToken } from '../schema/auth.js';
import { startTestServer } from './support/server.js';

const children: ChildProcess[] = [];
const temporary: string[] = [];
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

interface RunningApi {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `api/main.ts` (what `npm start` runs) and waits for its "ready" line. */
async function startApi(env: Record<string, string>): Promise<RunningApi> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), PORT: '0', LOG_LEVEL: 'silent', ...env },
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d) => {
      output += d;
      const match = /map at (http:\/\/\S+)\/ ,/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then(() => reject(new Error(`the API exited before it was ready:\n${output}`)));
  });
  return { child, url, output: () => output, exited };
}

async function embeddedApi(extraEnv: Record<string, string> = {}) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'archipel-reliability-'));
  temporary.push(dataDir);
  const boltPort = await findFreePort();
  const api = await startApi({ NEO4J_DATA_DIR: dataDir, NEO4J_EMBEDDED_PORT: String(boltPort), ...extraEnv });
  return { ...api, boltPort, dataDir };
}

/** The pid of the embedded Neo4j's JVM, a child of the API process. */
function jvmPidOf(api: ChildProcess): number {
  const out = execFileSync('pgrep', ['-P', String(api.pid), '-f', 'archipel-neo4j.jar'], { encoding: 'utf8' });
  return Number(out.trim().split('\n')[0]);
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const QUERY = JSON.stringify({ query: '{ entity(slug: "framasoft") { name } }' });
let asked = 0;
/**
 * Asks the database for Framasoft's name. Each question is a new document (its own alias), so
 * that `npm start`'s response cache cannot answer it: these tests are about the database.
 */
async function askFramasoft(url: string): Promise<{ name?: string; code?: string }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ entity(slug: "framasoft") { name } asked${asked++}: __typename }` }),
  });
  const body = (await response.json()) as {
    data?: { entity: { name: string } | null };
    errors?: { extensions?: { code?: string } }[];
  };
  return { name: body.data?.entity?.name, code: body.errors?.[0]?.extensions?.code };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the embedded Neo4j is supervised, and does not outlive the API', () => {
  it('after kill -9 of its JVM the database comes back by itself and the API answers again; kill -9 of the API then stops the JVM and frees its port', async () => {
    const api = await embeddedApi({ NEO4J_RESTART_DELAY_MS: '500' });
    expect(await askFramasoft(api.url)).toEqual({ name: 'Framasoft', code: undefined });

    const firstJvm = jvmPidOf(api.child);
    process.kill(firstJvm, 'SIGKILL');
    const killedAt = Date.now();
    let answer: { name?: string; code?: string } = {};
    const codesSeen = new Set<string>();
    // The JVM's start and recovery take ~10 s on an idle machine; the bound leaves room for a busy one.
    while (Date.now() - killedAt < 60_000) {
      answer = await askFramasoft(api.url).catch(() => ({}));
      if (answer.name) break;
      if (answer.code) codesSeen.add(answer.code);
      await sleep(250);
    }
    expect(answer).toEqual({ name: 'Framasoft', code: undefined });
    expect(Date.now() - killedAt).toBeLessThan(60_000);
    // While it was down the API said so, as the client's business: never an internal error.
    expect([...codesSeen].filter((code) => code !== 'SERVICE_UNAVAILABLE')).toEqual([]);
    expect(api.output()).toMatch(/The embedded Neo4j is back/);
    const secondJvm = jvmPidOf(api.child);
    expect(secondJvm).not.toBe(firstJvm);
    expect((await fetch(`${api.url}/health/live`)).status).toBe(200);

    api.child.kill('SIGKILL');
    const deadline = Date.now() + 20_000;
    while (isRunning(secondJvm) && Date.now() < deadline) await sleep(100);
    expect(isRunning(secondJvm)).toBe(false);
    expect(await isPortFree(api.boltPort)).toBe(true);
  }, 240_000);

  it('when the database cannot be restarted, /health/live answers 503 so that an orchestrator restarts the API', async () => {
    const api = await embeddedApi({ NEO4J_RESTART_ATTEMPTS: '2', NEO4J_RESTART_DELAY_MS: '1500' });
    expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
    const jvm = jvmPidOf(api.child);
    process.kill(jvm, 'SIGKILL');
    while (isRunning(jvm)) await sleep(20);
    // Something else takes the Bolt port before the restart, so every attempt fails.
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(api.boltPort, '127.0.0.1', resolve));
    try {
      let status = 200;
      const started = Date.now();
      while (status === 200 && Date.now() - started < 20_000) {
        await sleep(250);
        status = (await fetch(`${api.url}/health/live`)).status;
      }
      expect(status).toBe(503);
      expect(api.output()).toMatch(/giving up: liveness now fails/);
    } finally {
      squatter.close();
      api.child.kill('SIGKILL');
    }
  }, 240_000);
});

/** A keep-alive client that sends queries back to back until stopped, counting answers. */
function keepAliveLoad(url: string, connections: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  let running = true;
  const counts = { ok: 0, failed: 0 };
  const loop = async () => {
    while (running) {
      const ok = await new Promise<boolean>((resolve) => {
        const request = http.request(
          `${url}/graphql`,
          { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
          (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode === 200));
          },
        );
        request.on('error', () => resolve(false));
        request.end(QUERY);
      });
      if (ok) counts.ok++;
      else {
        counts.failed++;
        await sleep(20);
      }
    }
  };
  const loops = Array.from({ length: connections }, loop);
  return {
    counts,
    async stop() {
      running = false;
      await Promise.all(loops);
      agent.destroy();
    },
  };
}

/**
 * A request whose body arrives slowly: its headers now, the rest when `finish` is called. Resolves
 * with the response's status and Connection header, or null if the connection was cut.
 */
function slowRequest(url: string) {
  const body = QUERY;
  const socket = net.connect(Number(new URL(url).port), '127.0.0.1');
  socket.write(
    `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
  );
  let received = '';
  socket.on('data', (d) => (received += d));
  const answered = new Promise<{ status: number; connection: string } | null>((resolve) => {
    socket.on('close', () => {
      const status = /^HTTP\/1\.1 (\d+)/.exec(received)?.[1];
      const connection = /\r\nconnection: *([^\r]+)/i.exec(received)?.[1] ?? '';
      resolve(status ? { status: Number(status), connection: connection.toLowerCase() } : null);
    });
    socket.on('error', () => resolve(null));
  });
  return {
    answered,
    finish: () => socket.write(body.slice(10)),
    socket,
  };
}

describe('SIGTERM', () => {
  it('under keep-alive load: finishes the request in flight, stops serving, and exits within the drain deadline', async () => {
    const api = await startApi({ NEO4J_URI: inject('neo4jUri'), DRAIN_TIMEOUT_MS: '3000' });
    const load = keepAliveLoad(api.url, 4);
    try {
      await sleep(1_000);
      expect(load.counts.ok).toBeGreaterThan(0);
      const inFlight = slowRequest(api.url);
      await sleep(200);
      const signalledAt = Date.now();
      api.child.kill('SIGTERM');
      await sleep(500);
      inFlight.finish();
      // The request that was in flight when the signal came gets its answer, and is told the
      // connection closes.
      expect(await inFlight.answered).toEqual({ status: 200, connection: 'close' });
      const exit = await Promise.race([api.exited, sleep(8_000).then(() => null)]);
      expect(exit).toEqual({ code: 0, signal: null });
      // The load never stopped: the process still left within the deadline (plus start-up slack).
      expect(Date.now() - signalledAt).toBeLessThan(3_000 + 1_500);
      const okAtExit = load.counts.ok;
      await sleep(300);
      expect(load.counts.ok).toBe(okAtExit);
    } finally {
      await load.stop();
    }
  }, 120_000);

  it('a second signal exits at once, without waiting for the drain deadline', async () => {
    const api = await startApi({ NEO4J_URI: inject('neo4jUri'), DRAIN_TIMEOUT_MS: '30000' });
    const stuck = slowRequest(api.url); // never finishes its body
    await sleep(200);
    api.child.kill('SIGTERM');
    await sleep(300);
    const secondAt = Date.now();
    api.child.kill('SIGTERM');
    const exit = await Promise.race([api.exited, sleep(5_000).then(() => null)]);
    expect(exit).toEqual({ code: 1, signal: null });
    expect(Date.now() - secondAt).toBeLessThan(2_000);
    expect(api.output()).toMatch(/SIGTERM again: exiting now/);
    stuck.socket.destroy();
  }, 120_000);
});

describe('connection limits', () => {
  it('one client cannot hold more connections than MAX_CONNECTIONS_PER_CLIENT; others beyond it are closed at once', async () => {
    const server = await startTestServer({ limits: { maxConnectionsPerClient: 5 } });
    const sockets: net.Socket[] = [];
    try {
      const closed: boolean[] = [];
      for (let i = 0; i < 7; i++) {
        const socket = net.connect(Number(new URL(server.url).port), '127.0.0.1');
        const index = i;
        closed[index] = false;
        socket.on('close', () => (closed[index] = true));
        socket.on('error', () => {});
        sockets.push(socket);
        await new Promise((resolve) => socket.once('connect', resolve));
      }
      await sleep(300);
      expect(closed).toEqual([false, false, false, false, false, true, true]);
      // Once one closes, the client may open another.
      sockets[0]!.destroy();
      await sleep(100);
      const again = net.connect(Number(new URL(server.url).port), '127.0.0.1');
      sockets.push(again);
      let againClosed = false;
      again.on('close', () => (againClosed = true));
      await new Promise((resolve) => again.once('connect', resolve));
      await sleep(300);
      expect(againClosed).toBe(false);
    } finally {
      for (const socket of sockets) socket.destroy();
      await server.close();
    }
  });

  it('a client that sends its request too slowly is answered 408 and closed after REQUEST_RECEIVE_TIMEOUT_MS', async () => {
    const server = await startTestServer({ limits: { headersTimeoutMs: 1_000, requestTimeoutMs: 1_500 } });
    try {
      const started = Date.now();
      const slow = slowRequest(server.url); // never finishes its body
      const answer = await slow.answered;
      expect(answer?.status).toBe(408);
      expect(Date.now() - started).toBeLessThan(4_000);
    } finally {
      await server.close();
    }
  });
});

describe('a fault run', () => {
  it('mixed reads and staff writes under load while the JVM is killed twice and the API is sent SIGTERM: no acknowledged write is lost', async () => {
    const token = 'fault-run-editor-token-0123456789';
    const api = await embeddedApi({
      NEO4J_RESTART_DELAY_MS: '500',
      DRAIN_TIMEOUT_MS: '5000',
      STAFF_TOKENS: `fault:editor:${hashToken(token)}`,
      RATE_LIMIT_MUTATIONS_PER_MINUTE: '100000',
    });
    const acknowledged: string[] = [];
    const outcomes = { readsOk: 0, readsUnavailable: 0, writesUnavailable: 0, other: [] as string[] };
    let running = true;
    let n = 0;
    const writer = async () => {
      while (running) {
        const id = `fault-run-${n++}`;
        const response = await fetch(`${api.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            query:
              'mutation ($input: CreateRelationInput!) { createRelation(input: $input) { relation { relationId } } }',
            variables: {
              input: {
                id,
                type: 'COLLABORATION',
                from: 'picasoft',
                to: 'framasoft',
                // Another document than the report: the API checks report quotes verbatim.
                sources: [
                  {
                    section: 'Tests',
                    quote: 'A write of the fault run.',
                    url: 'https://archipel.test/fault-run',
                    title: 'The fault run',
                  },
                ],
              },
            },
          }),
        }).catch(() => null);
        if (!response) {
          await sleep(50);
          continue;
        }
        const body = (await response.json().catch(() => ({}))) as {
          data?: { createRelation?: { relation: { relationId: string } } | null };
          errors?: { extensions?: { code?: string } }[];
        };
        if (body.data?.createRelation?.relation.relationId === id) acknowledged.push(id);
        else if (['SERVICE_UNAVAILABLE', 'TIMEOUT'].includes(body.errors?.[0]?.extensions?.code ?? '')) {
          outcomes.writesUnavailable++;
          await sleep(50);
        } else outcomes.other.push(JSON.stringify(body).slice(0, 200));
      }
    };
    const reader = async () => {
      while (running) {
        const answer = await askFramasoft(api.url).catch(() => null);
        if (answer?.name) outcomes.readsOk++;
        else if (answer?.code === 'SERVICE_UNAVAILABLE' || answer?.code === 'TIMEOUT') {
          outcomes.readsUnavailable++;
          await sleep(50);
        } else if (answer) outcomes.other.push(JSON.stringify(answer));
      }
    };
    const load = [writer(), writer(), reader(), reader()];
    const backWithin: number[] = [];
    const comebacks = () => api.output().split('The embedded Neo4j is back').length - 1;
    for (let kill = 0; kill < 2; kill++) {
      await sleep(5_000);
      process.kill(jvmPidOf(api.child), 'SIGKILL');
      const killedAt = Date.now();
      while (comebacks() === kill && Date.now() - killedAt < 90_000) await sleep(100);
      backWithin.push(Date.now() - killedAt);
    }
    await sleep(3_000);
    const signalledAt = Date.now();
    api.child.kill('SIGTERM');
    const exit = await api.exited;
    const goneWithin = Date.now() - signalledAt;
    running = false;
    await Promise.all(load);

    // The database the API left behind holds every write it acknowledged. Its JVM may still be
    // finishing its clean shutdown alone: wait for the port.
    const freeBy = Date.now() + 60_000;
    while (!(await isPortFree(api.boltPort)) && Date.now() < freeBy) await sleep(200);
    const neo4j = await startEmbeddedNeo4j({ port: api.boltPort, dataDir: api.dataDir, pageCacheMb: 64 });
    const driver = createDriver(neo4j.uri, 'neo4j', 'unused');
    try {
      const stored = await new Database(driver, { database: 'neo4j', txTimeoutMs: 60_000 }).read(
        'MATCH ()-[r:COLLABORATION]->() WHERE r.id STARTS WITH "fault-run-" RETURN r.id AS id',
        {},
        (r) => r.get('id') as string,
      );
      const lost = acknowledged.filter((id) => !stored.includes(id));
      console.info(
        `fault run: ${acknowledged.length} writes acknowledged, ${lost.length} lost; ${outcomes.readsOk} reads answered, ` +
          `${outcomes.readsUnavailable + outcomes.writesUnavailable} SERVICE_UNAVAILABLE or TIMEOUT while down; ` +
          `database back after ${backWithin.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(' and ')}; ` +
          `process gone ${(goneWithin / 1000).toFixed(1)} s after SIGTERM; other answers: ${JSON.stringify(outcomes.other)}`,
      );
      expect(acknowledged.length).toBeGreaterThan(10);
      expect(lost).toEqual([]);
      expect(outcomes.other).toEqual([]);
      for (const ms of backWithin) expect(ms).toBeLessThan(90_000);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(goneWithin).toBeLessThan(5_000 + 2_000);
    } finally {
      await driver.close();
      await neo4j.stop();
    }
  }, 400_000);
});
