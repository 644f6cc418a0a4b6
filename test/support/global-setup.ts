/**
 * Starts one real Neo4j for the whole run (embedded, on a free port, in a temporary data
 * directory; or the server named by NEO4J_URI), loads the real seed data, and stops it after.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { type EmbeddedNeo4j, findFreePort, startEmbeddedNeo4j } from '../../api/db/embedded.js';
import { loadDataset } from '../../api/seed/load.js';
import { formatProblems, readSeeds } from '../../api/seed/read.js';
import { openTestDatabase } from './neo4j.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
  }
}

export default async function setup(project: TestProject) {
  let embedded: EmbeddedNeo4j | null = null;
  let dataDir: string | null = null;
  let uri = process.env.NEO4J_URI;
  if (!uri) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'archipel-test-neo4j-'));
    embedded = await startEmbeddedNeo4j({ port: await findFreePort(), dataDir, pageCacheMb: 128 });
    uri = embedded.uri;
  }
  const { driver, db } = openTestDatabase(uri);
  const dataset = await readSeeds(path.resolve('seeds'));
  if (!dataset.ok) throw new Error(`The seed files are invalid:\n${formatProblems(dataset.problems)}`);
  await loadDataset(db, dataset);
  await driver.close();
  project.provide('neo4jUri', uri);

  return async () => {
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
