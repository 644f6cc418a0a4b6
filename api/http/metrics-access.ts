/**
 * /metrics tells how the service is used (request and error counts by kind): not for everyone.
 * With a token configured it takes `Authorization: Bearer <token>` from anywhere (a scraper on
 * another machine); without one, only clients on this machine.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const digest = (text: string) => createHash('sha256').update(text).digest();

/** Why the request may not read the metrics, or null if it may. */
export function metricsRefusal(req: IncomingMessage, token: string): { status: number; message: string } | null {
  if (!token) {
    return LOOPBACK.has(req.socket.remoteAddress ?? '')
      ? null
      : { status: 403, message: '/metrics answers local clients only; set METRICS_TOKEN to scrape it from elsewhere.' };
  }
  const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  // Compared as digests, in constant time, so that neither length nor content leaks by timing.
  return timingSafeEqual(digest(given), digest(token))
    ? null
    : { status: 401, message: '/metrics needs "Authorization: Bearer <METRICS_TOKEN>".' };
}
