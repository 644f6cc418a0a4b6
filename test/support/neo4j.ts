/**
 * Test access to the run's real Neo4j (started by global-setup), and the real seed data.
 */
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, inject } from 'vitest';
import { createDriver, Database, type PoolOptions, type QueryEvent } from '../../api/db/database.js';
import { loadDataset } from '../../api/seed/load.js';
import { readSeeds, type SeedReadResult } from '../../api/seed/read.js';

export const SEEDS_DIR = path.resolve('seeds');

/**
 * A driver and Database on a Neo4j (by default the run's test Neo4j, otherwise `uri`, e.g. in the
 * global setup before `inject` exists), as configured by the NEO4J_* variables the run uses.
 */
export function openTestDatabase(
  uri: string = inject('neo4jUri'),
  pool: PoolOptions = {},
): { driver: Driver; db: Database } {
  const driver = createDriver(
    uri,
    process.env.NEO4J_USER ?? 'neo4j',
    process.env.NEO4J_PASSWORD ?? 'archipel-password',
    pool,
  );
  return { driver, db: new Database(driver, { database: process.env.NEO4J_DATABASE ?? 'neo4j', txTimeoutMs: 60_000 }) };
}

/** A Database on the test Neo4j, closed after the file's tests. */
export function useTestDatabase(): Database {
  const { driver, db } = openTestDatabase();
  afterAll(() => driver.close());
  return db;
}

/** A view of `db` that records every query it sends (round-trip counting). */
export function recording(db: Database): { db: Database; queries: QueryEvent[] } {
  const queries: QueryEvent[] = [];
  return { db: db.observed((event) => queries.push(event)), queries };
}

export async function realSeeds(): Promise<Extract<SeedReadResult, { ok: true }>> {
  const result = await readSeeds(SEEDS_DIR);
  if (!result.ok) throw new Error('the real seeds are invalid');
  return result;
}

/** Puts the real seed data back (for files that rewrite the graph). */
export async function restoreSeeds(db: Database): Promise<void> {
  await loadDataset(db, await realSeeds());
}
