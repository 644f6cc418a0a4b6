/**
 * The HTTP server: GraphQL (yoga) at /graphql, the exports at /export/ (yoga plugins too), the
 * map's built files at /, and 404 for any other path. Answers are compressed by negotiation. It only wires and listens; the yoga
 * instance is built in `yoga.ts`. It also bounds connections (in all, per client, slow senders)
 * and drains on shutdown (http/drain.ts).
 *
 * Usage: `const server = await startHttpServer({ yoga, db, host, port }); … await server.drain(10_000);`
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './db/database.js';
import { compressed } from './http/compression.js';
import { type ConnectionLimits, connectionTimeouts, limitConnections } from './http/connection-limits.js';
import { drainOnClose } from './http/drain.js';
import { checkReadiness } from './http/health.js';
import { metricsRefusal } from './http/metrics-access.js';
import { serveMapFiles } from './http/static-files.js';
import type { ArchipelYoga } from './yoga.js';

export const VIZ_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'viz', 'dist');

export interface HttpServer {
  url: string;
  /** Stops at once: open connections are cut. */
  close(): Promise<void>;
  /**
   * Stops accepting, lets requests in flight finish (keep-alive connections are closed after
   * their current response), and cuts what is left after `deadlineMs`.
   */
  drain(deadlineMs: number): Promise<'drained' | 'deadline'>;
}

export async function startHttpServer(options: {
  yoga: ArchipelYoga;
  db: Database;
  host: string;
  port: number;
  vizDir?: string;
  limits?: Partial<ConnectionLimits>;
  /** Bearer token /metrics requires; empty: /metrics answers loopback clients only. */
  metricsToken?: string;
  /** False when the process cannot recover by itself (the embedded Neo4j could not be restarted). */
  isLive?: () => boolean;
}): Promise<HttpServer> {
  const vizDir = options.vizDir ?? VIZ_DIST;
  // The map is one page, `/`, whose views are query strings (`/?focus=…`): any other path the
  // build does not hold is a 404, not the map (search engines and link checkers believe a 200).
  // Precompressed, with cache headers by kind of file (http/static-files.ts).
  const serveMap = serveMapFiles(vizDir);
  // GraphQL answers and exports are compressed as they are sent (http/compression.ts).
  const graphql = compressed(options.yoga);
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    if (pathname.startsWith('/graphql') || pathname.startsWith('/export/')) return graphql(req, res);
    if (pathname === '/metrics') {
      const refusal = metricsRefusal(req, options.metricsToken ?? '');
      if (refusal) return sendJson(res, refusal.status, { error: refusal.message });
      return void options.yoga.metrics.registry.metrics().then((text) => {
        res.writeHead(200, { 'content-type': options.yoga.metrics.registry.contentType });
        res.end(text);
      });
    }
    if (pathname === '/health/live') {
      const live = options.isLive?.() ?? true;
      return sendJson(res, live ? 200 : 503, live ? { live } : { live, reason: 'the database could not be restarted' });
    }
    if (pathname === '/health/ready') {
      return void checkReadiness(options.db).then((readiness) => sendJson(res, readiness.ready ? 200 : 503, readiness));
    }
    if (serveMap) return serveMap(req, res, () => notFound(res, pathname));
    if (pathname !== '/') return notFound(res, pathname);
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The map is not built yet: run `npm run build:viz`. GraphQL is at /graphql.\n');
  };
  const server = createServer(connectionTimeouts(options.limits), handler);
  limitConnections(server, options.limits);
  const drain = drainOnClose(server);
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
        server.closeAllConnections();
      }),
    drain,
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
