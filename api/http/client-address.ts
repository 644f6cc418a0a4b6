/**
 * Who the client is, for per-client limits. Behind a reverse proxy every request comes from the
 * proxy's address, so all anonymous clients would share one allowance; the proxy's
 * `X-Forwarded-For` tells them apart, but only a proxy we trust may say so (a client could write
 * the header itself). proxy-addr (Express's implementation) walks the header from the nearest hop
 * and stops at the first address that is not a trusted proxy.
 */
import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

export function clientAddressOf(trustedProxies: string[]): (serverContext: Record<string, unknown>) => string {
  const trust = proxyAddr.compile(trustedProxies);
  return (serverContext) => {
    const req = (serverContext as { req?: IncomingMessage }).req;
    if (!req) return 'local';
    return trustedProxies.length > 0 ? proxyAddr(req, trust) : (req.socket.remoteAddress ?? 'local');
  };
}
