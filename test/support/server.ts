/**
 * Starts the real HTTP server (GraphQL + the built map) on a free port, against the test Neo4j.
 */
import type { ConnectionLimits } from '../../api/http/connection-limits.js';
import { warmUp } from '../../api/http/warm-up.js';
import { type HttpServer, startHttpServer } from '../../api/server.js';
import { createArchipelYoga, type YogaOptions } from '../../api/yoga.js';
import { openTestDatabase } from './neo4j.js';

export async function startTestServer(
  options: {
    limits?: Partial<ConnectionLimits>;
    yoga?: Omit<YogaOptions, 'db'>;
    /** Ask the map's opening question before listening, as `npm start` does (api/http/warm-up.ts). */
    warmUp?: boolean;
  } = {},
): Promise<{ url: string; close(): Promise<void>; server: HttpServer }> {
  const { driver, db } = openTestDatabase();
  const yoga = createArchipelYoga({ ...options.yoga, db });
  if (options.warmUp) {
    const warm = await warmUp(yoga, { timeoutMs: 30_000 });
    if (!warm.ok) throw new Error(`warm-up failed: ${warm.reason}`);
  }
  const server = await startHttpServer({
    yoga,
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
