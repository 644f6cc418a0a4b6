/**
 * Starts the API in a worker thread of this process (see `server-worker.ts`) and stops it.
 *
 * tsx does not hook worker threads by itself, so the worker is started from a two-line ESM
 * shim that registers tsx first and then imports the TypeScript entry.
 *
 * Usage: `const api = await startApiWorker({ uri }); fetch(`${api.url}/graphql`); await api.stop();`
 */
import { Worker } from 'node:worker_threads';
import type { FloorStatement } from './floor-server.js';
import type { ServerWorkerData } from './server-worker.js';

export interface ApiWorker {
  url: string;
  /** The HTTP floor's base URL (`${floorUrl}/floor/<question key>`). */
  floorUrl: string;
  stop(): Promise<void>;
}

export async function startApiWorker(options: {
  uri: string;
  txTimeoutMs: number;
  expensiveReadsPerMinute: number;
  floorStatements?: Record<string, FloorStatement>;
}): Promise<ApiWorker> {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./server-worker.ts', import.meta.url).href;
  const shim = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(entry)});`;
  const workerData: ServerWorkerData = {
    uri: options.uri,
    database: process.env.NEO4J_DATABASE ?? 'neo4j',
    user: process.env.NEO4J_USER ?? 'neo4j',
    password: process.env.NEO4J_PASSWORD ?? 'archipel-password',
    txTimeoutMs: options.txTimeoutMs,
    expensiveReadsPerMinute: options.expensiveReadsPerMinute,
    floorStatements: options.floorStatements ?? {},
  };
  // The production setting (npm start): graphql-js skips its development-only checks.
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(shim)}`), {
    workerData,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const { url, floorUrl } = await new Promise<{ url: string; floorUrl: string }>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', resolve);
  });
  return {
    url,
    floorUrl,
    async stop() {
      const stopped = new Promise<void>((resolve) => worker.once('message', () => resolve()));
      worker.postMessage('stop');
      await stopped;
      await worker.terminate();
    },
  };
}
