/**
 * The server the browser tests drive: the real API (real Neo4j, real seeds) serving the built map.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startTestServer } from '../support/server.js';

/** What a test file may change in the API it runs against (e.g. staff tokens). */
export type MapServerOptions = Parameters<typeof startTestServer>[0];

export interface MapServer {
  url: string;
  close(): Promise<void>;
}

const DIST = fileURLToPath(new URL('../../viz/dist/index.html', import.meta.url));

export async function startMapServer(options: MapServerOptions = {}): Promise<MapServer> {
  if (!existsSync(DIST)) {
    // `npm test` builds first; a lone `vitest run test/browser` should not fail for want of it.
    const { build } = await import('vite');
    await build({ configFile: fileURLToPath(new URL('../../viz/vite.config.ts', import.meta.url)), logLevel: 'warn' });
  }
  const server = await startTestServer(options);
  return { url: server.url.replace(/\/$/, ''), close: () => server.close() };
}
