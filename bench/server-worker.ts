/**
 * Worker-thread entry: serves the real API (`createArchipelYoga` + `startHttpServer`) on a free
 * port, and beside it the floor over HTTP (`floor-server.ts`). It runs in its own thread so that
 * the load generator (main thread) does not share the server's event loop: otherwise the client's
 * work would be billed to GraphQL.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createDriver, Database } from '../api/db/database.js';
import { startHttpServer } from '../api/server.js';
import { createArchipelYoga } from '../api/yoga.js';
import { type FloorStatement, startFloorServer } from './floor-server.js';

export interface ServerWorkerData {
  uri: string;
  database: string;
  user: string;
  password: string;
  txTimeoutMs: number;
  /** The API's per-client limit on expensive reads; the bench's clients all share one address. */
  expensiveReadsPerMinute: number;
  /** The questions' floor statements, by question key, for the HTTP floor. */
  floorStatements: Record<string, FloorStatement>;
}

const data = workerData as ServerWorkerData;
// As `npm start` runs by default (SOURCE_MAPS unset, api/core/config.ts).
process.setSourceMapsEnabled(false);
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
const floor = await startFloorServer(db, data.floorStatements);
parentPort!.postMessage({ url: server.url, floorUrl: floor.url });
parentPort!.on('message', async (message) => {
  if (message !== 'stop') return;
  await server.close();
  await floor.close();
  await driver.close();
  parentPort!.postMessage({ stopped: true });
});
