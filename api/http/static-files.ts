/**
 * The map's built files (viz/dist). The build writes brotli and gzip copies beside each file
 * (viz/vite.config.ts); sirv sends the one the browser's Accept-Encoding allows. Files under
 * assets/ have a content hash in their name, so they never change: browsers keep them a year
 * without asking. index.html keeps its name across builds, so it is revalidated each time.
 *
 * Usage: `const serve = serveMapFiles('viz/dist'); serve?.(req, res, () => notFound(res))`.
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

export type StaticHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export function serveMapFiles(dir: string): StaticHandler | null {
  if (!existsSync(dir)) return null;
  const serve = sirv(dir, { single: false, etag: true, brotli: true, gzip: true });
  return (req, res, next) => {
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    // Set before sirv so that its 304s carry it too; a 404 replaces it with its own.
    res.setHeader('cache-control', pathname.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
    serve(req, res, next);
  };
}
