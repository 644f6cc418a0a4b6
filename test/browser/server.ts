/**
 * The server the browser tests drive: the real API (`test/support/server.ts`, real Neo4j and
 * seeds) when it exists, else the in-memory stand-in over the same seed files. Set
 * ARCHIPEL_MAP_SERVER=stub to force the stand-in, =real to refuse it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startStubServer } from './stub-api.js';

export interface MapServer {
  url: string;
  close(): Promise<void>;
  kind: 'real' | 'stub';
}

const SUPPORT = new URL('../support/server.ts', import.meta.url);
const DIST = fileURLToPath(new URL('../../viz/dist/index.html', import.meta.url));

export async function startMapServer(): Promise<MapServer> {
  const wanted = process.env.ARCHIPEL_MAP_SERVER;
  if (!existsSync(DIST)) {
    // `npm test` builds first; a lone `vitest run test/browser` should not fail for want of it.
    const { build } = await import('vite');
    await build({ configFile: fileURLToPath(new URL('../../viz/vite.config.ts', import.meta.url)), logLevel: 'warn' });
  }
  if (wanted !== 'stub' && existsSync(fileURLToPath(SUPPORT))) {
    // A variable specifier: the module may not exist yet when this file is type-checked.
    const modulePath = SUPPORT.href;
    const support = (await import(modulePath)) as {
      startTestServer(): Promise<{ url: string; close(): Promise<void> }>;
    };
    const server = await support.startTestServer();
    return { url: server.url.replace(/\/$/, ''), close: () => server.close(), kind: 'real' };
  }
  if (wanted === 'real') throw new Error('ARCHIPEL_MAP_SERVER=real but test/support/server.ts does not exist');
  const stub = await startStubServer();
  return { url: stub.url, close: () => stub.close(), kind: 'stub' };
}
