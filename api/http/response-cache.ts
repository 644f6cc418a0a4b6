/**
 * The public response cache: anonymous GraphQL answers are kept for a short time (in memory, or in
 * Redis shared by every replica: response-stores.ts), carry an ETag and `Cache-Control: public`
 * with a short max-age and stale-while-revalidate, so that browsers, proxies and CDNs can keep them
 * too. graphql-yoga's response cache plugin does the caching; this module decides who may share
 * it, when it is emptied, and what the ETag is.
 *
 * - Only requests without credentials use it: a staff request (any Authorization header) is
 *   neither served from it nor stored in it, and is answered `private, no-store`, so a staff-only
 *   field can never come from a public entry.
 * - Any mutation empties it whole when it ends: answers mix many entities and relations, and
 *   tracking which ones a write touched would be a second source of truth to get wrong. Writes
 *   are rare; reads refill the cache at once.
 * - A seed load made by another process (`npm run seed`) empties the shared cache when REDIS_URL is
 *   set (it bumps the cache generation); without Redis it cannot reach this process's memory, and
 *   its changes show once the entries expire (the max-age). A load inside the API calls `clear()`.
 * - The ETag is a strong, quoted entity-tag (RFC 9110) of the answer's content, the same from every
 *   replica, and If-None-Match is compared with it as RFC 9110 says (weak comparison, W/ tags, lists,
 *   `*`) on GET and HEAD: a 304 means "what you hold is what you would get", even across writes.
 *   (The plugin's own ETag was its cache key, unquoted, and it answered 304 to any key it held.)
 *
 * Usage: `const cache = createPublicResponseCache({ ttlMs: 30_000 }); plugins: [cache.plugin]; cache.clear();`
 */
import { createHash } from 'node:crypto';
import { type Cache, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { type ExecutionResult, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { createMemoryResponseStore, type ResponseStore } from './response-stores.js';

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
  /** Where answers are kept. @default this process's memory */
  store?: ResponseStore;
}

export interface PublicResponseCache {
  plugin: Plugin;
  /** Forgets every answer (after a write that did not go through a mutation, such as a seed load). */
  clear(): Promise<void>;
}

/** Short, so that a write made outside this process shows within half a minute. */
export const PUBLIC_CACHE_TTL_MS = 30_000;

export const NO_SHARED_CACHING = 'private, no-store';

export function createPublicResponseCache(options: PublicResponseCacheOptions): PublicResponseCache {
  const endpoint = options.graphqlEndpoint ?? '/graphql';
  const maxAge = Math.max(0, Math.round(options.ttlMs / 1000));
  const publicCacheControl = `public, max-age=${maxAge}, stale-while-revalidate=${options.staleWhileRevalidateSeconds ?? 300}`;
  const store = options.store ?? createMemoryResponseStore();
  const cache: Cache = {
    // The plugin also looks up the raw If-None-Match value as a key; a quoted entity-tag is never
    // one, so that lookup (and its round trip to Redis) is skipped: `onResponse` below compares.
    get: (key) => (key.includes('"') ? undefined : store.get(key)),
    set: (key, result, _entities, ttl) => {
      stampEntityTag(result);
      return store.set(key, result, ttl);
    },
    // Every mutation clears the whole cache (below), so per-entity invalidation is not needed.
    invalidate: () => {},
  };
  const clear = async () => {
    await store.clear();
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
          invalidateViaMutation: false,
        }),
      );
    },
    onExecute({ args }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'mutation') return;
      const request = (args.contextValue as { request?: Request }).request;
      if (request) writes.add(request);
    },
    async onResponse({ request, response, setResponse, fetchAPI }) {
      if (new URL(request.url).pathname !== endpoint) return;
      if (writes.has(request)) {
        // Before the write's answer leaves, so that the writer's next read (from any replica) sees it.
        await clear();
        response.headers.set('cache-control', NO_SHARED_CACHING);
        return;
      }
      if (!isPublic(request)) {
        response.headers.set('cache-control', NO_SHARED_CACHING);
        return;
      }
      const etag = response.headers.get('etag');
      if (!etag) return;
      response.headers.set('cache-control', publicCacheControl);
      const conditional = request.headers.get('if-none-match');
      if (conditional && response.status === 200 && /^(GET|HEAD)$/.test(request.method)) {
        if (ifNoneMatchMatches(conditional, etag)) setResponse(notModified(response, fetchAPI));
      }
    },
  };
  return { plugin, clear };
}

/**
 * Replaces the plugin's ETag (its cache key) with a quoted hash of the answer, in the answer's
 * own HTTP extensions: they are stored with it, so a cached answer carries the same ETag from
 * whichever replica serves it. Called as the answer is stored, before it is sent.
 */
function stampEntityTag(result: ExecutionResult): void {
  const headers = (result.extensions as { http?: { headers?: Record<string, string> } } | undefined)?.http?.headers;
  if (!headers) return;
  const digest = createHash('sha256')
    .update(JSON.stringify({ data: result.data, errors: result.errors }))
    .digest('base64url');
  headers.ETag = `"${digest.slice(0, 27)}"`;
}

/** The opaque tags an If-None-Match lists (`*` kept as is), weakness dropped, lenient about bare tokens. */
export function entityTagsOf(header: string): string[] {
  const tags: string[] = [];
  for (const match of header.matchAll(/\s*(?:(\*)|(?:W\/)?("[^"]*")|([^\s,"]+))\s*(?:,|$)/g)) {
    const tag = match[1] ?? match[2] ?? (match[3] ? `"${match[3]}"` : undefined);
    if (tag) tags.push(tag);
  }
  return tags;
}

/** RFC 9110 §13.1.2: If-None-Match uses the weak comparison (W/ ignored on both sides); `*` matches any. */
export function ifNoneMatchMatches(header: string, etag: string): boolean {
  const current = etag.replace(/^W\//, '');
  return entityTagsOf(header).some((tag) => tag === '*' || tag === current);
}

/** The 304 for `response`: no body, the headers a 200 would have carried (RFC 9110 §15.4.5). */
function notModified(response: Response, fetchAPI: { Response: typeof Response; Headers: typeof Headers }): Response {
  const headers = new fetchAPI.Headers(response.headers);
  for (const name of ['content-type', 'content-length', 'content-encoding']) headers.delete(name);
  return new fetchAPI.Response(null, { status: 304, headers });
}
