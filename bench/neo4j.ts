/**
 * Opens the Neo4j a benchmark works on: the server named by `uri`, or an embedded one on a port
 * the system picks (so it never collides with a running Archipel or test run) with its own data
 * directory, so that a big dataset is loaded once and reused between runs.
 *
 * Usage: `const neo = await openBenchNeo4j({ dataDir: '.data/bench-100k-1m', pageCacheMb: 2048, heapMb: 1024 }); … await neo.close()`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDriver, Database } from '../api/db/database.js';
import { findFreePort, startEmbeddedNeo4j } from '../api/db/embedded.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `100000` → `100k`, `1000000` → `1m`: how data directories and results name a dataset's size. */
export const shortCount = (n: number) =>
  n >= 1_000_000 ? `${Math.round(n / 100_000) / 10}m` : n >= 1_000 ? `${Math.round(n / 100) / 10}k` : `${n}`;

export async function openBenchNeo4j(options: {
  /** A running Neo4j; when absent an embedded one is started on `dataDir`. */
  uri?: string;
  dataDir: string;
  pageCacheMb: number;
  heapMb: number;
  log: (line: string) => void;
}) {
  let uri = options.uri;
  let embedded: Awaited<ReturnType<typeof startEmbeddedNeo4j>> | null = null;
  if (!uri) {
    const port = await findFreePort();
    options.log(
      `Starting an embedded Neo4j on 127.0.0.1:${port} (data in ${options.dataDir}, page cache ${options.pageCacheMb} MB, heap ${options.heapMb} MB)…`,
    );
    embedded = await startEmbeddedNeo4j({
      port,
      dataDir: path.resolve(REPO_ROOT, options.dataDir),
      pageCacheMb: options.pageCacheMb,
      heapMb: options.heapMb,
      startTimeoutMs: 600_000,
    });
    uri = embedded.uri;
  }
  const env = process.env;
  const driver = createDriver(uri, env.NEO4J_USER ?? 'neo4j', env.NEO4J_PASSWORD ?? 'archipel-password');
  await driver.getServerInfo();
  return {
    uri,
    driver,
    /** With a long transaction timeout: bulk-load batches and the slowest floors must not time out. */
    db: new Database(driver, { database: env.NEO4J_DATABASE ?? 'neo4j', txTimeoutMs: 60_000 }),
    async close() {
      await driver.close();
      await embedded?.stop();
    },
  };
}

/** What the database holds. */
export async function countGraph(db: Database): Promise<{ entities: number; relations: number }> {
  const [row] = await db.read(
    // Two aggregating subqueries: one row even when there are no relations; both read the count store.
    'CALL { MATCH (e:Entity) RETURN count(e) AS entities } CALL { MATCH ()-[r]->() RETURN count(r) AS relations } RETURN entities, relations',
    {},
    (r) => ({ entities: Number(r.get('entities')), relations: Number(r.get('relations')) }),
  );
  return row ?? { entities: 0, relations: 0 };
}
