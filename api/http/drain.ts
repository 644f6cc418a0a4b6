/**
 * A shutdown that finishes under keep-alive load. `server.close()` alone stops accepting new
 * connections, but clients with open keep-alive connections can go on sending requests on them
 * for as long as they like. While draining, every response says `Connection: close`, idle
 * connections are closed as soon as they are idle, and whatever is still open at the deadline is
 * cut.
 */
import type { Server, ServerResponse } from 'node:http';

export function drainOnClose(server: Server): (deadlineMs: number) => Promise<'drained' | 'deadline'> {
  let draining = false;
  // Responses not yet begun, so that those already in flight when draining starts close too.
  const pending = new Set<ServerResponse>();
  server.prependListener('request', (_req, res) => {
    if (draining) return void res.setHeader('connection', 'close');
    pending.add(res);
    res.once('close', () => pending.delete(res));
  });
  return (deadlineMs) => {
    draining = true;
    for (const res of pending) if (!res.headersSent) res.setHeader('connection', 'close');
    pending.clear();
    return new Promise((resolve) => {
      let sweep: NodeJS.Timeout | undefined;
      const deadline = setTimeout(() => {
        clearInterval(sweep);
        server.closeAllConnections();
        resolve('deadline');
      }, deadlineMs);
      server.close(() => {
        clearTimeout(deadline);
        clearInterval(sweep);
        resolve('drained');
      });
      // A response that began before draining keeps its connection open; close it once idle.
      server.closeIdleConnections();
      sweep = setInterval(() => server.closeIdleConnections(), 100);
    });
  };
}
