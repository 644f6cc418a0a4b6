/**
 * Bounds on connections, so that one client cannot take the process's file descriptors or hold
 * sockets open by sending slowly: a total (`server.maxConnections`), a cap per client address,
 * and Node's own timeouts for headers and for the whole request. Node checks those timeouts
 * every `connectionsCheckingInterval` (30 s by default), which would let a slow sender stay far
 * past its timeout; it is checked every second here.
 */
import type { Server, ServerOptions } from 'node:http';
import { CONFIG_DEFAULTS } from '../core/config.js';

export interface ConnectionLimits {
  maxConnections: number;
  maxConnectionsPerClient: number;
  headersTimeoutMs: number;
  /** Time to receive a whole request, headers and body. */
  requestTimeoutMs: number;
}

function resolved(limits: Partial<ConnectionLimits> = {}): ConnectionLimits {
  return {
    maxConnections: limits.maxConnections ?? CONFIG_DEFAULTS.MAX_CONNECTIONS,
    maxConnectionsPerClient: limits.maxConnectionsPerClient ?? CONFIG_DEFAULTS.MAX_CONNECTIONS_PER_CLIENT,
    headersTimeoutMs: limits.headersTimeoutMs ?? CONFIG_DEFAULTS.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: limits.requestTimeoutMs ?? CONFIG_DEFAULTS.REQUEST_RECEIVE_TIMEOUT_MS,
  };
}

/** Applies the total and per-client caps to a listening server. */
export function limitConnections(server: Server, limits?: Partial<ConnectionLimits>): void {
  const { maxConnections, maxConnectionsPerClient } = resolved(limits);
  server.maxConnections = maxConnections;
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const client = socket.remoteAddress ?? 'unknown';
    const count = (open.get(client) ?? 0) + 1;
    if (count > maxConnectionsPerClient) {
      socket.destroy();
      return;
    }
    open.set(client, count);
    socket.once('close', () => {
      const left = (open.get(client) ?? 1) - 1;
      if (left > 0) open.set(client, left);
      else open.delete(client);
    });
  });
}

/** The `createServer` options that carry the timeouts. */
export function connectionTimeouts(limits?: Partial<ConnectionLimits>): ServerOptions {
  const { headersTimeoutMs, requestTimeoutMs } = resolved(limits);
  return {
    // Node refuses a headers timeout longer than the whole-request one.
    headersTimeout: Math.min(headersTimeoutMs, requestTimeoutMs),
    requestTimeout: requestTimeoutMs,
    connectionsCheckingInterval: Math.min(1_000, headersTimeoutMs),
  };
}
