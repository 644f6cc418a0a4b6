/**
 * Worker-thread entry: serves the real API (`createArchipelYoga` + `startHttpServer`) on a free
 * port. It runs in its own thread so that the load generator (main thread) does not share the
 * server's event loop: otherwise the client's work would be billed to GraphQL.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createDriver, Database } from '../api/data/database.js';
import { startHttpServer } from '../api/server.js';
import { createArchipelYoga } from '../api/yoga.js';

export interface ServerWorkerData {
  uri: string;
  database: string;
  user: string;
  password: string;
  txTimeoutMs: number;
  /** The API's per-client limit on expensive reads; the bench's clients all share one address. */
  expensiveReadsPerMinute: number;
}

const data = workerData as ServerWorkerData;
const driver = createDriver(data.uri, data.user, data.password);
const db = new Database(driver, { database: data.database, txTimeoutMs: data.txTimeoutMs });
// A directory that does not exist: the bench only needs /graphql, not the map's files.
const server = await startHttpServer({
  yoga: createArchipelYoga({ db, expensiveReadsPerMinute: data.expensiveReadsPerMinute }),
  db,
  host: '127.0.0.1',
  port: 0,
  vizDir: '/nonexistent-archipel-viz',
});
parentPort!.postMessage({ url: server.url });
parentPort!.on('message', async (message) => {
  if (message !== 'stop') return;
  await server.close();
  await driver.close();
  parentPort!.postMessage({ stopped: true });
});
