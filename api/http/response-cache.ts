/**
 * The public response cache: anonymous GraphQL answers are kept in memory for a short time, carry
 * an ETag (a matching If-None-Match gets a 304 with no body) and `Cache-Control: public` with a
 * short max-age and stale-while-revalidate, so that browsers, proxies and CDNs can keep them too.
 * graphql-yoga's response cache plugin does the caching and the ETags; this module decides who
 * may share it and when it is emptied.
 *
 * - Only requests without credentials use it: a staff request (any Authorization header) is
 *   neither served from it nor stored in it, and is answered `private, no-store`, so a staff-only
 *   field can never come from a public entry.
 * - Any mutation empties it whole when it ends: answers mix many entities and relations, and
 *   tracking which ones a write touched would be a second source of truth to get wrong. Writes
 *   are rare; reads refill the cache at once.
 * - A seed load made by another process (`npm run seed`) cannot reach this memory: its changes
 *   show once the entries expire (the max-age). A load made inside the API process calls `clear()`.
 *
 * Usage: `const cache = createPublicResponseCache({ ttlMs: 30_000 }); plugins: [cache.plugin]; cache.clear();`
 */
import { type Cache, createInMemoryCache, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface PublicResponseCacheOptions {
  /** How long an answer is kept, here and (as max-age) by HTTP caches. */
  ttlMs: number;
  /**
   * How long an HTTP cache may keep serving an expired answer while it revalidates it.
   * @default 300
   */
  staleWhileRevalidateSeconds?: number;
  /** @default '/graphql' */
  graphqlEndpoint?: string;
}

export interface PublicResponseCache {
  plugin: Plugin;
  /** Forgets every answer (after a write that did not go through a mutation, such as a seed load). */
  clear(): void;
}

/** Short, so that a write made outside this process shows within half a minute. */
export const PUBLIC_CACHE_TTL_MS = 30_000;

export const NO_SHARED_CACHING = 'private, no-store';

export function createPublicResponseCache(options: PublicResponseCacheOptions): PublicResponseCache {
  const endpoint = options.graphqlEndpoint ?? '/graphql';
  const maxAge = Math.max(0, Math.round(options.ttlMs / 1000));
  const publicCacheControl = `public, max-age=${maxAge}, stale-while-revalidate=${options.staleWhileRevalidateSeconds ?? 300}`;
  // The plugin's in-memory store can only forget entities by id; a fresh store forgets everything.
  let store = createInMemoryCache();
  const cache: Cache = {
    get: (key) => store.get(key),
    set: (...args) => store.set(...args),
    invalidate: (entities) => store.invalidate(entities),
  };
  const clear = () => {
    store = createInMemoryCache();
  };
  const isPublic = (request: Request) => !request.headers.has('authorization');
  const writes = new WeakSet<Request>();

  const plugin: Plugin = {
    onPluginInit({ addPlugin }) {
      addPlugin(
        useResponseCache({
          session: () => null,
          enabled: (request) => isPublic(request),
          cache,
          ttl: options.ttlMs,
          // Every mutation clears the whole cache below, so per-entity invalidation is not needed.
          invalidateViaMutation: false,
        }),
      );
    },
    onExecute({ args }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'mutation') return;
      const request = (args.contextValue as { request?: Request }).request;
      if (request) writes.add(request);
      return { onExecuteDone: clear };
    },
    onResponse({ request, response }) {
      if (new URL(request.url).pathname !== endpoint) return;
      if (!isPublic(request) || writes.has(request)) response.headers.set('cache-control', NO_SHARED_CACHING);
      else if (response.headers.has('etag')) response.headers.set('cache-control', publicCacheControl);
    },
  };
  return { plugin, clear };
}
