/**
 * Starts the real HTTP server (GraphQL + the built map) on a free port, against the test Neo4j.
 */

import { inject } from 'vitest';
import { createDriver, Database } from '../../api/db/database.js';
import { startHttpServer } from '../../api/server.js';
import { createArchipelYoga } from '../../api/yoga.js';

export async function startTestServer(): Promise<{ url: string; close(): Promise<void> }> {
  const driver = createDriver(
    inject('neo4jUri'),
    process.env.NEO4J_USER ?? 'neo4j',
    process.env.NEO4J_PASSWORD ?? 'archipel-password',
  );
  const db = new Database(driver, { database: process.env.NEO4J_DATABASE ?? 'neo4j', txTimeoutMs: 30_000 });
  const server = await startHttpServer({ yoga: createArchipelYoga({ db }), db, host: '127.0.0.1', port: 0 });
  return {
    url: server.url,
    async close() {
      await server.close();
      await driver.close();
    },
  };
}
