/**
 * Compresses GraphQL answers and exports by negotiation (Accept-Encoding: br, gzip), with the
 * `compression` middleware: it skips answers under 1 kB (not worth the CPU), answers already
 * encoded, HEAD requests, types that do not compress, and `Cache-Control: no-transform`.
 * Brotli runs at quality 4 (the middleware's default): near gzip's speed, smaller output.
 *
 * Usage: `const handler = compressed(yoga); handler(req, res)`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import compression from 'compression';

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;
type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export function compressed(handler: Handler, options: { thresholdBytes?: number } = {}): Handler {
  // The middleware is typed for Express, but it only uses Node's request and response.
  const compress = compression({ threshold: options.thresholdBytes ?? 1024 }) as unknown as Middleware;
  return (req, res) => compress(req, res, () => void handler(req, res));
}
