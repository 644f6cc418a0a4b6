/**
 * Starts the real HTTP server (GraphQL + the built map) on a free port, against the test Neo4j.
 */
import type { ConnectionLimits } from '../../api/http/connection-limits.js';
import { type HttpServer, startHttpServer } from '../../api/server.js';
import { createArchipelYoga, type YogaOptions } from '../../api/yoga.js';
import { openTestDatabase } from './neo4j.js';

export async function startTestServer(
  options: { limits?: Partial<ConnectionLimits>; yoga?: Omit<YogaOptions, 'db'> } = {},
): Promise<{ url: string; close(): Promise<void>; server: HttpServer }> {
  const { driver, db } = openTestDatabase();
  const server = await startHttpServer({
    yoga: createArchipelYoga({ ...options.yoga, db }),
    db,
    host: '127.0.0.1',
    port: 0,
    limits: options.limits,
  });
  return {
    url: server.url,
    server,
    async close() {
      await server.close();
      await driver.close();
    },
  };
}
