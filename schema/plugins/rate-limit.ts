/**
 * Per-client rate limits on mutations and expensive reads (graph, path, paths, search), answered with
 * a RATE_LIMITED error, HTTP 429 and Retry-After. Clients are told apart by staff name when
 * authenticated, else by IP address. An operation costs one point per root field it runs,
 * fragments included: 15 aliased mutations cost 15, as 15 requests would.
 *
 * With a shared state (Redis, REDIS_URL) the counters live there, so N replicas behind a load
 * balancer grant one allowance, not N. If Redis fails, each process counts in memory meanwhile
 * (rate-limiter-flexible's insurance limiter): a client may get up to N times the allowance for
 * that while, which is better than refusing or failing every request.
 */
import { type DocumentNode, type ExecutionResult, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { RATE_LIMIT_PREFIX, type SharedState } from '../../api/db/shared-state.js';
import type { Context } from '../context.js';
import { fragmentsOf, operationOf, selectedFields } from './selected-fields.js';

// `paths` (every tied shortest chain) costs at least what `path` does.
export const EXPENSIVE_FIELDS = new Set(['graph', 'path', 'paths', 'search']);

const RATE_LIMITED = 'RATE_LIMITED';

export interface RateLimitOptions {
  mutationsPerMinute: number;
  expensiveReadsPerMinute: number;
  /** The caller's address (from the HTTP server context). */
  clientAddress: (serverContext: Record<string, unknown>) => string;
  /** Where the counters live when several processes serve the API; none: this process's memory. */
  sharedState?: SharedState;
}

/** A limiter of `points` per minute, in Redis (with an in-memory insurance) or in memory. */
function createLimiter(name: string, points: number, sharedState: SharedState | undefined): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ points, duration: 60 });
  if (!sharedState) return memory;
  return new RateLimiterRedis({
    storeClient: sharedState,
    keyPrefix: `${RATE_LIMIT_PREFIX}:${name}`,
    points,
    duration: 60,
    // Fail over to memory at once rather than wait for a Redis that is reconnecting.
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}

/** Takes one expensive read from `client`'s allowance: `null` when allowed, else the seconds to wait. */
export type ConsumeExpensiveRead = (client: string) => Promise<number | null>;

/** The seconds to wait that the answers of a batched request ask for, if any was rate limited. */
function batchRetryAfter(results: readonly ExecutionResult[]): number | null {
  const waits = results.flatMap((r) =>
    (r.errors ?? []).flatMap((e) => (e.extensions?.code === RATE_LIMITED ? [Number(e.extensions.retryAfter)] : [])),
  );
  return waits.length > 0 ? Math.max(...waits) : null;
}

/**
 * The plugin, and `consumeExpensiveRead` for expensive reads outside GraphQL (the exports), which
 * draw on the same per-client allowance as `graph`.
 */
export function useRateLimit(
  options: RateLimitOptions,
): Plugin<Context> & { consumeExpensiveRead: ConsumeExpensiveRead } {
  const mutations = createLimiter('mutations', options.mutationsPerMinute, options.sharedState);
  const expensive = createLimiter('expensive', options.expensiveReadsPerMinute, options.sharedState);
  return {
    async consumeExpensiveRead(client) {
      try {
        await expensive.consume(client, 1);
        return null;
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      }
    },
    async onExecute({ args, setResultAndStopExecution }) {
      const document = args.document as DocumentNode;
      const operation = operationOf(document, args.operationName);
      if (!operation) return;
      const context = args.contextValue as unknown as Context & Record<string, unknown>;
      const client = context.viewer ? `staff:${context.viewer.name}` : `ip:${options.clientAddress(context)}`;
      const names = selectedFields(operation.selectionSet, fragmentsOf(document)).map((f) => f.node.name.value);
      const [limiter, points, what] =
        operation.operation === 'mutation'
          ? [
              mutations,
              names.filter((name) => name !== '__typename').length,
              `mutations (${options.mutationsPerMinute} per minute)`,
            ]
          : [
              expensive,
              names.filter((name) => EXPENSIVE_FIELDS.has(name)).length,
              `expensive reads: graph, path, paths, search (${options.expensiveReadsPerMinute} per minute)`,
            ];
      if (points === 0) return;
      try {
        await limiter.consume(client, points);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        setResultAndStopExecution({
          errors: [
            new GraphQLError(`Too many ${what} from this client; retry in ${retryAfter} s.`, {
              extensions: {
                code: RATE_LIMITED,
                retryAfter,
                http: { status: 429, headers: { 'Retry-After': String(retryAfter) } },
              },
            }),
          ],
        });
      }
    },
    onResultProcess({ result, setResult }) {
      // yoga takes the status and headers of a single answer from its errors, but answers a batch
      // 200 whatever its answers say; it does read `extensions.http` of the list itself (whose own
      // properties are not sent), so a batch with a rate-limited operation is answered as one.
      if (!Array.isArray(result)) return;
      const retryAfter = batchRetryAfter(result);
      if (retryAfter === null) return;
      const http = { status: 429, headers: { 'Retry-After': String(retryAfter) } };
      setResult(Object.assign([...result], { extensions: { http } }));
    },
  };
}
