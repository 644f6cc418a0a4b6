/**
 * Serves the real API (`createArchipelYoga` + `startHttpServer`, as `npm start` runs it) and
 * beside it the yoga floor and the peer (@neo4j/graphql, peer.ts), in a worker thread of this process: the load generator (the main
 * thread) must not share the servers' event loop, or the client's work would be billed to them.
 *
 * This file is both sides: `startServers` in the main thread, and the worker's entry below. tsx
 * does not hook worker threads by itself, so the worker starts from a two-line ESM shim that
 * registers tsx, then imports this file.
 *
 * Usage: `const servers = await startServers({ uri, … }); post(servers.graphql, body); await servers.stop();`
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createDriver, Database } from '../api/db/database.js';
import { PUBLIC_CACHE_TTL_MS } from '../api/http/response-cache.js';
import { startHttpServer } from '../api/server.js';
import { createArchipelYoga } from '../api/yoga.js';
import { startPeer } from './peer.js';
import { type FloorStatement, startYogaFloor } from './yoga-floor.js';

export interface ServerOptions {
  uri: string;
  txTimeoutMs: number;
  /** The API's per-client limit on expensive reads: the bench's clients all share one address. */
  expensiveReadsPerMinute: number;
  /** The questions' floor statements, by question key, for the yoga floor. */
  floorStatements: Record<string, FloorStatement>;
}

/**
 * Archipel's GraphQL endpoint, the same API with its public response cache on (as `npm start`
 * serves it), the yoga floor's (`yoga-floor.ts`) and the peer's (`peer.ts`).
 */
export type ServerUrls = { graphql: string; cached: string; yoga: string; peer: string };

const ROLE = 'archipel-bench-servers';

export async function startServers(options: ServerOptions): Promise<ServerUrls & { stop(): Promise<void> }> {
  const shim = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(import.meta.url)});`;
  // The production setting (npm start): graphql-js skips its development-only checks.
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(shim)}`), {
    workerData: { role: ROLE, ...options },
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const urls = await new Promise<ServerUrls>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', resolve);
  });
  return {
    ...urls,
    async stop() {
      const stopped = new Promise((resolve) => worker.once('message', resolve));
      worker.postMessage('stop');
      await stopped;
      await worker.terminate();
    },
  };
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) {
  const options = workerData as ServerOptions;
  // As `npm start` runs by default (SOURCE_MAPS unset, api/core/config.ts).
  process.setSourceMapsEnabled(false);
  const env = process.env;
  const driver = createDriver(options.uri, env.NEO4J_USER ?? 'neo4j', env.NEO4J_PASSWORD ?? 'archipel-password');
  const database = env.NEO4J_DATABASE ?? 'neo4j';
  const db = new Database(driver, { database, txTimeoutMs: options.txTimeoutMs });
  const api = await startHttpServer({
    yoga: createArchipelYoga({ db, expensiveReadsPerMinute: options.expensiveReadsPerMinute }),
    db,
    host: '127.0.0.1',
    port: 0,
    // The bench asks /graphql only, not the map's files.
    vizDir: '/nonexistent-archipel-viz',
  });
  // Repeated public reads as `npm start` answers them: from the response cache, no database.
  const cachedApi = await startHttpServer({
    yoga: createArchipelYoga({
      db,
      expensiveReadsPerMinute: options.expensiveReadsPerMinute,
      responseCacheTtlMs: PUBLIC_CACHE_TTL_MS,
    }),
    db,
    host: '127.0.0.1',
    port: 0,
    vizDir: '/nonexistent-archipel-viz',
  });
  const yogaFloor = await startYogaFloor(db, options.floorStatements);
  const peer = await startPeer(driver, database);
  parentPort!.postMessage({
    graphql: `${api.url}/graphql`,
    cached: `${cachedApi.url}/graphql`,
    yoga: yogaFloor.url,
    peer: peer.url,
  } satisfies ServerUrls);
  parentPort!.on('message', async (message) => {
    if (message !== 'stop') return;
    await api.close();
    await cachedApi.close();
    await yogaFloor.close();
    await peer.close();
    await driver.close();
    parentPort!.postMessage('stopped');
  });
}
