/**
 * The HTTP server: GraphQL (yoga) at /graphql, the exports at /export/ (yoga plugins too), the
 * map's built files at /, and 404 for any other path. It only wires and listens; the yoga
 * instance is built in `yoga.ts`.
 *
 * Usage: `const server = await startHttpServer({ yoga, host, port, vizDir }); … await server.close();`
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import type { Database } from './db/database.js';
import { checkReadiness } from './http/health.js';
import type { ArchipelYoga } from './yoga.js';

export const VIZ_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'viz', 'dist');

export interface HttpServer {
  url: string;
  close(): Promise<void>;
}

export async function startHttpServer(options: {
  yoga: ArchipelYoga;
  db: Database;
  host: string;
  port: number;
  vizDir?: string;
}): Promise<HttpServer> {
  const vizDir = options.vizDir ?? VIZ_DIST;
  // The map is one page, `/`, whose views are query strings (`/?focus=…`): any other path the
  // build does not hold is a 404, not the map (search engines and link checkers believe a 200).
  const serveMap = existsSync(vizDir) ? sirv(vizDir, { single: false, etag: true, gzip: true }) : null;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    if (pathname.startsWith('/graphql') || pathname.startsWith('/export/')) return options.yoga(req, res);
    if (pathname === '/metrics') {
      return void options.yoga.metrics.registry.metrics().then((text) => {
        res.writeHead(200, { 'content-type': options.yoga.metrics.registry.contentType });
        res.end(text);
      });
    }
    if (pathname === '/health/live') return sendJson(res, 200, { live: true });
    if (pathname === '/health/ready') {
      return void checkReadiness(options.db).then((readiness) => sendJson(res, readiness.ready ? 200 : 503, readiness));
    }
    if (serveMap) return serveMap(req, res, () => notFound(res, pathname));
    if (pathname !== '/') return notFound(res, pathname);
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The map is not built yet: run `npm run build:viz`. GraphQL is at /graphql.\n');
  };
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

function notFound(res: ServerResponse, pathname: string) {
  res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
  const path = pathname.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  res.end(
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Not found — Archipel</title>` +
      `<p>Nothing at <code>${path}</code>. The map is at <a href="/">/</a>, GraphQL at <a href="/graphql">/graphql</a>, ` +
      `the exports at /export/ (archipel.gexf, archipel.graphml, archipel.json, entities.csv, relations.csv).</p>\n`,
  );
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
