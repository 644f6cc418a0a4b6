/**
 * Where the public response cache (response-cache.ts) keeps its answers: this process's memory, or
 * Redis when several API processes serve the same database (REDIS_URL), so that they share one
 * cache and one write or seed load empties it for all of them.
 *
 * Why a generation key rather than @envelop/response-cache-redis: the cache is emptied whole on
 * every write (response-cache.ts says why), and that store can only forget by entity, which would
 * mean scanning keys; one INCR of a generation (api/db/shared-state.ts) forgets everything at once
 * for every replica and for the seed command, and needs no other package.
 */
import { createInMemoryCache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import { bumpCacheGeneration, CACHE_ENTRY_PREFIX, CACHE_GENERATION_KEY, type SharedState } from '../db/shared-state.js';

export interface ResponseStore {
  get(key: string): Promise<ExecutionResult | null | undefined> | ExecutionResult | null | undefined;
  set(key: string, result: ExecutionResult, ttlMs: number): Promise<void> | void;
  /** Forgets every answer. */
  clear(): Promise<void> | void;
}

/** Answers kept in this process only. */
export function createMemoryResponseStore(): ResponseStore {
  // The plugin's in-memory cache can only forget entities by id; a fresh one forgets everything.
  let cache = createInMemoryCache();
  return {
    get: (key) => cache.get(key),
    set: (key, result, ttlMs) => cache.set(key, result, [], ttlMs),
    clear: () => {
      cache = createInMemoryCache();
    },
  };
}

/** Most cache misses remembered while their answer is computed (a miss whose answer has errors is never stored). */
const MAX_PENDING_MISSES = 10_000;

/**
 * Answers kept in Redis, each stamped with the generation current when it was looked for: an
 * answer computed while a write happened is stored under the generation before the write, so it
 * is never served. Any Redis failure is a miss (get) or nothing (set): the API answers uncached.
 */
export function createRedisResponseStore(redis: SharedState, log: (line: string) => void = () => {}): ResponseStore {
  const generationAtMiss = new Map<string, string>();
  return {
    async get(key) {
      let values: (string | null)[];
      try {
        values = await redis.mget(CACHE_GENERATION_KEY, CACHE_ENTRY_PREFIX + key);
      } catch {
        return undefined;
      }
      const [generation, entry] = values;
      const current = generation ?? '0';
      const stored = entry ? parseEntry(entry) : null;
      if (stored?.g === current) return stored.r;
      if (generationAtMiss.size >= MAX_PENDING_MISSES) generationAtMiss.clear();
      generationAtMiss.set(key, current);
      return undefined;
    },
    async set(key, result, ttlMs) {
      const generation = generationAtMiss.get(key);
      generationAtMiss.delete(key);
      if (generation === undefined) return;
      const entry = JSON.stringify({ g: generation, r: result });
      await redis.set(CACHE_ENTRY_PREFIX + key, entry, 'PX', Math.max(1, Math.round(ttlMs))).catch(() => undefined);
    },
    async clear() {
      try {
        await bumpCacheGeneration(redis);
      } catch (error) {
        // Other replicas keep their answers until they expire (the cache's ttl): say so.
        log(
          `Could not empty the shared response cache (${(error as Error).message}); cached answers may lag until they expire.`,
        );
      }
    },
  };
}

/** A stored entry, or null for one this version cannot read (a miss, not an error). */
function parseEntry(entry: string): { g: string; r: ExecutionResult } | null {
  try {
    const parsed = JSON.parse(entry) as { g?: unknown; r?: unknown };
    return typeof parsed.g === 'string' && parsed.r && typeof parsed.r === 'object'
      ? (parsed as { g: string; r: ExecutionResult })
      : null;
  } catch {
    return null;
  }
}
