/**
 * Opens the Neo4j a benchmark works on: the server named by `uri`, or an embedded one on a free
 * port (never 7687/7797/7798, which the lead's instances and the tests use) with its own data
 * directory, so that a big dataset is loaded once and reused between runs.
 *
 * Usage: `const neo = await openBenchNeo4j({ dataDir: '.data/bench-100k', pageCacheMb: 2048 }); … await neo.close()`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import { createDriver, Database } from '../api/db/database.js';
import { findFreePort, startEmbeddedNeo4j } from '../api/db/embedded.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface BenchNeo4jOptions {
  /** A running Neo4j (NEO4J_URI); when absent an embedded one is started on `dataDir`. */
  uri?: string;
  dataDir: string;
  pageCacheMb: number;
  heapMb: number;
  log?: (line: string) => void;
}

export interface BenchNeo4j {
  uri: string;
  driver: Driver;
  db: Database;
  /** The embedded JVM's pid, to sample its memory; null for an external server. */
  pid: number | null;
  close(): Promise<void>;
}

/** Long batches (10k rows) and the slowest benchmark queries fit well under a minute. */
export const BENCH_TX_TIMEOUT_MS = 60_000;

export async function openBenchNeo4j(options: BenchNeo4jOptions): Promise<BenchNeo4j> {
  const log = options.log ?? (() => {});
  let uri = options.uri;
  let embedded: Awaited<ReturnType<typeof startEmbeddedNeo4j>> | null = null;
  if (!uri) {
    const port = await findFreePort();
    log(
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
  const driver = createDriver(
    uri,
    process.env.NEO4J_USER ?? 'neo4j',
    process.env.NEO4J_PASSWORD ?? 'archipel-password',
  );
  await driver.getServerInfo();
  const db = new Database(driver, {
    database: process.env.NEO4J_DATABASE ?? 'neo4j',
    txTimeoutMs: BENCH_TX_TIMEOUT_MS,
  });
  return {
    uri,
    driver,
    db,
    pid: embedded?.process.pid ?? null,
    async close() {
      await driver.close();
      await embedded?.stop();
    },
  };
}

/** What a bench data directory holds, written by the loader and read by the benchmark. */
export interface DatasetMarker {
  kind: 'synthetic' | 'seed';
  entities: number;
  relations: number;
  seed?: number;
  hubShare?: number;
  loadedAt: string;
  load?: Record<string, unknown>;
  degrees?: Record<string, unknown>;
}

const markerPath = (dataDir: string) => path.resolve(REPO_ROOT, dataDir, 'bench-dataset.json');

export function readMarker(dataDir: string): DatasetMarker | null {
  const file = markerPath(dataDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DatasetMarker) : null;
}

export function writeMarker(dataDir: string, marker: DatasetMarker): void {
  writeFileSync(markerPath(dataDir), `${JSON.stringify(marker, null, 2)}\n`);
}

/** Counts what the database holds (the marker may be missing when NEO4J_URI points elsewhere). */
export async function countGraph(db: Database): Promise<{ entities: number; relations: number }> {
  const [row] = await db.read(
    // Two aggregating subqueries: one row even when there are no relations; both read the count store.
    'CALL { MATCH (e:Entity) RETURN count(e) AS entities } CALL { MATCH ()-[r]->() RETURN count(r) AS relations } RETURN entities, relations',
    {},
    (r) => ({ entities: Number(r.get('entities')), relations: Number(r.get('relations')) }),
  );
  return row ?? { entities: 0, relations: 0 };
}
