/**
 * The state that API replicas share through Redis (REDIS_URL): the rate-limit counters
 * (schema/plugins/rate-limit.ts) and the public response cache with its generation
 * (api/http/redis-response-store.ts). Without REDIS_URL each process keeps them in memory, which is
 * right for one process and wrong for several behind a load balancer.
 *
 * Redis is a help, never a dependency: a command sent while it is unreachable fails at once (no
 * offline queue) or after COMMAND_TIMEOUT_MS, and the callers fall back (in-memory rate limits, no
 * caching) instead of holding or failing the request. The client reconnects in the background.
 *
 * Usage: `const redis = openSharedState(config.REDIS_URL, log); … await bumpCacheGeneration(redis);`
 */
import { Redis } from 'ioredis';

export type SharedState = Redis;

/**
 * The public response cache's generation: every write and every seed load increments it, and a
 * cached answer stored under an older one is never served. One INCR forgets the whole cache of
 * every replica; the old entries expire by themselves. The braces are a Redis Cluster hash tag,
 * so that the generation and the entries live in one slot and can be read with one MGET.
 */
export const CACHE_GENERATION_KEY = '{archipel:response-cache}:generation';
/** Prefix of the cached answers' keys (same hash tag as the generation). */
export const CACHE_ENTRY_PREFIX = '{archipel:response-cache}:entry:';
/** Prefix of the rate-limit counters' keys. */
export const RATE_LIMIT_PREFIX = 'archipel:rate-limit';

/** A Redis that answers slower than this is treated as unreachable for that command. */
const COMMAND_TIMEOUT_MS = 1_000;
const CONNECT_TIMEOUT_MS = 2_000;

/**
 * Opens the connection (in the background: commands fail fast until it is ready). `log` hears
 * when Redis becomes unreachable and when it is back, once each, not on every retry.
 */
export function openSharedState(url: string, log: (line: string) => void = () => {}): SharedState {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
    // Keep trying for as long as the process lives: Redis may come back.
    retryStrategy: (attempt) => Math.min(attempt * 250, 5_000),
  });
  let down = false;
  // ioredis emits 'error' on each failed attempt; an 'error' event nobody listens to would crash the process.
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    log(
      `Redis at ${redactedUrl(url)} is unreachable (${error.message}); rate limits fall back to memory and the response cache is off until it is back.`,
    );
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    log(`Redis at ${redactedUrl(url)} is reachable again.`);
  });
  return redis;
}

/** Resolves true once the connection is ready, false if it is not within `timeoutMs`. */
export function whenReady(redis: SharedState, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    redis.once('ready', onReady);
  });
}

/** Forgets every replica's cached answers (see CACHE_GENERATION_KEY); resolves to the new generation. */
export function bumpCacheGeneration(redis: SharedState): Promise<number> {
  return redis.incr(CACHE_GENERATION_KEY);
}

/** Closes the connection without waiting for a Redis that does not answer. */
export async function closeSharedState(redis: SharedState): Promise<void> {
  if (redis.status !== 'ready') {
    redis.disconnect();
    return;
  }
  await redis.quit().catch(() => redis.disconnect());
}

/** The URL without its password, for logs. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(invalid URL)';
  }
}
