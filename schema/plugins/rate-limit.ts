/**
 * Per-client rate limits on mutations and expensive reads (graph, path, search), answered with
 * a RATE_LIMITED error, HTTP 429 and Retry-After. Clients are told apart by staff name when
 * authenticated, else by IP address.
 */
import { type DocumentNode, GraphQLError, Kind, type OperationDefinitionNode, type SelectionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Context } from '../context.js';

export const EXPENSIVE_FIELDS = new Set(['graph', 'path', 'search']);

export interface RateLimitOptions {
  mutationsPerMinute: number;
  expensiveReadsPerMinute: number;
  /** The caller's address (from the HTTP server context). */
  clientAddress: (serverContext: Record<string, unknown>) => string;
}

/** Takes one expensive read from `client`'s allowance: `null` when allowed, else the seconds to wait. */
export type ConsumeExpensiveRead = (client: string) => Promise<number | null>;

/**
 * The plugin, and `consumeExpensiveRead` for expensive reads outside GraphQL (the exports), which
 * draw on the same per-client allowance as `graph`.
 */
export function useRateLimit(
  options: RateLimitOptions,
): Plugin<Context> & { consumeExpensiveRead: ConsumeExpensiveRead } {
  const mutations = new RateLimiterMemory({ points: options.mutationsPerMinute, duration: 60 });
  const expensive = new RateLimiterMemory({ points: options.expensiveReadsPerMinute, duration: 60 });
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
      const operation = (args.document as DocumentNode).definitions.find(
        (d): d is OperationDefinitionNode =>
          d.kind === Kind.OPERATION_DEFINITION && (!args.operationName || d.name?.value === args.operationName),
      );
      if (!operation) return;
      const context = args.contextValue as unknown as Context & Record<string, unknown>;
      const client = context.viewer ? `staff:${context.viewer.name}` : `ip:${options.clientAddress(context)}`;
      const expensiveCount = operation.selectionSet.selections.filter(
        (s: SelectionNode) => s.kind === Kind.FIELD && EXPENSIVE_FIELDS.has(s.name.value),
      ).length;
      const [limiter, points, what] =
        operation.operation === 'mutation'
          ? [mutations, 1, `mutations (${options.mutationsPerMinute} per minute)`]
          : [
              expensive,
              expensiveCount,
              `expensive reads: graph, path, search (${options.expensiveReadsPerMinute} per minute)`,
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
                code: 'RATE_LIMITED',
                retryAfter,
                http: { status: 429, headers: { 'Retry-After': String(retryAfter) } },
              },
            }),
          ],
        });
      }
    },
  };
}
