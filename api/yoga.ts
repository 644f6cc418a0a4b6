/**
 * Builds the graphql-yoga instance (no port is opened here: tests call `yoga.fetch`), with the
 * public API's protections: query limits, CSRF prevention, CORS (public reads from any origin,
 * writes from the site and CORS_ORIGINS), rate limits, a request timeout, masked errors logged with
 * their request id, and metrics; GraphiQL served from this origin, and the exports at /export/.
 *
 * Usage: `const yoga = createArchipelYoga({ db }); await yoga.fetch('http://x/graphql', {...})`.
 */
import type { IncomingMessage } from 'node:http';
import { useErrorHandler } from '@envelop/core';
import { GraphQLError } from 'graphql';
import { createYoga, maskError as defaultMask, type YogaServerInstance } from 'graphql-yoga';
import type { StaffDirectory } from '../schema/auth.js';
import { type Context, createContext } from '../schema/context.js';
import { schema } from '../schema/index.js';
import { useCompiledExecution } from '../schema/plugins/compiled-execution.js';
import { armorPlugin, useLimitCodes } from '../schema/plugins/limits.js';
import { useNodeLimit } from '../schema/plugins/node-limit.js';
import { useRateLimit } from '../schema/plugins/rate-limit.js';
import { useShortErrorMessages } from '../schema/plugins/short-errors.js';
import { requestTimeoutError, useRequestTimeout } from '../schema/plugins/timeout.js';
import { CONFIG_DEFAULTS } from './core/config.js';
import { apiError, QueryTimeoutError, ServiceUnavailableError } from './core/errors.js';
import { LIMITS } from './core/limits.js';
import { type Logger, silentLogger } from './core/logger.js';
import type { Database } from './db/database.js';
import type { SharedState } from './db/shared-state.js';
import { useRequestBodyLimit } from './http/body-limit.js';
import { clientAddressOf } from './http/client-address.js';
import { useCorsPolicy } from './http/cors.js';
import { useCsrfPrevention } from './http/csrf.js';
import { EXAMPLE_OPERATIONS } from './http/example-operations.js';
import { useExports } from './http/exports.js';
import { graphiqlOptions, renderGraphiQLPage, useGraphiQLAssets } from './http/graphiql.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import { usePersistedOperationsByHash } from './http/persisted-operations.js';
import { useRequestId } from './http/request-id.js';
import { createPublicResponseCache, type PublicResponseCache } from './http/response-cache.js';
import { createRedisResponseStore } from './http/response-stores.js';
import type { ReportText } from './seed/report.js';

export interface YogaOptions {
  db: Database;
  logger?: Logger;
  /**
   * Origins trusted with mutations and staff credentials, like the site's own pages; ['*']: any.
   * Public reads are open to every origin whatever this says (api/http/cors.ts).
   */
  corsOrigins?: string[];
  requestTimeoutMs?: number;
  /** Bound on the entities one `graph` answer may hold. */
  maxGraphNodes?: number;
  /** Bound on the relations one `graph` answer may hold. */
  maxGraphRelations?: number;
  mutationsPerMinute?: number;
  expensiveReadsPerMinute?: number;
  /** Runs of a document interpreted before it is compiled (schema/plugins/compiled-execution.ts). */
  interpretedRuns?: number;
  /** Reverse proxies whose X-Forwarded-For names the client (config TRUST_PROXY); none: the socket's peer is the client. */
  trustProxy?: string[];
  /** Staff credentials (`parseStaffTokens(config.STAFF_TOKENS)`); none: nobody can edit. */
  staff?: StaffDirectory;
  /**
   * How long public answers are cached in memory and by HTTP caches (api/http/response-cache.ts);
   * 0 or none: no cache, no ETag. Cached answers skip the rate limits (they touch no database).
   */
  responseCacheTtlMs?: number;
  /**
   * Redis shared by every API process on this database (config REDIS_URL, api/db/shared-state.ts):
   * rate-limit counters and the response cache live there, so N replicas behave as one.
   * None: both in this process's memory.
   */
  sharedState?: SharedState;
  /**
   * The activity report staff quotes are checked against (`checkQuote`, createRelation…), read
   * once at start (`reportForServer()`); none: report sources are accepted unchecked, with a
   * warning logged once here.
   */
  report?: ReportText | null;
}

interface ServerContext {
  req?: IncomingMessage;
}

export type ArchipelYoga = YogaServerInstance<ServerContext, Context> & {
  metrics: Metrics;
  /** Empties the public response cache (a no-op without one), every replica's when it is shared. */
  clearResponseCache: () => Promise<void>;
};

export function createArchipelYoga(options: YogaOptions): ArchipelYoga {
  const logger = options.logger ?? silentLogger;
  const metrics = createMetrics();
  const db = options.db.observed(() => metrics.roundTrips.inc());
  const clientAddress = clientAddressOf(options.trustProxy ?? []);
  const rateLimit = useRateLimit({
    mutationsPerMinute: options.mutationsPerMinute ?? CONFIG_DEFAULTS.RATE_LIMIT_MUTATIONS_PER_MINUTE,
    expensiveReadsPerMinute: options.expensiveReadsPerMinute ?? CONFIG_DEFAULTS.RATE_LIMIT_EXPENSIVE_PER_MINUTE,
    clientAddress,
    sharedState: options.sharedState,
  });
  const requestTimeoutMs = options.requestTimeoutMs ?? CONFIG_DEFAULTS.REQUEST_TIMEOUT_MS;
  const maxGraphNodes = options.maxGraphNodes ?? CONFIG_DEFAULTS.MAX_GRAPH_NODES;
  const maxGraphRelations = options.maxGraphRelations ?? CONFIG_DEFAULTS.MAX_GRAPH_RELATIONS;
  const responseCache: PublicResponseCache | null = options.responseCacheTtlMs
    ? createPublicResponseCache({
        ttlMs: options.responseCacheTtlMs,
        store: options.sharedState
          ? createRedisResponseStore(options.sharedState, (line) => logger.warn(line))
          : undefined,
      })
    : null;
  const report = options.report ?? null;
  if (!report) {
    logger.warn('No copy of the activity report: staff edits accept report sources without checking their quotes');
  }
  const yoga = createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // Resolver errors are logged by the error handler below, with their request id.
    logging: { debug: () => {}, info: (...a) => logger.info(a), warn: (...a) => logger.warn(a), error: () => {} },
    batching: { limit: LIMITS.maxBatch },
    // Replaced by useRequestBodyLimit (api/http/body-limit.ts), which streams only bodies of unknown length.
    maxRequestBodySize: false,
    // Replaced by useCorsPolicy (api/http/cors.ts): public reads from anywhere, writes from trusted origins.
    cors: false,
    context: ({ request }) =>
      createContext(db, {
        request,
        staff: options.staff,
        maxGraphNodes,
        maxGraphRelations,
        requestTimeoutMs,
        report,
      }),
    graphiql: graphiqlOptions('Archipel — GraphQL', EXAMPLE_OPERATIONS),
    renderGraphiQL: renderGraphiQLPage,
    plugins: [
      useCompiledExecution({
        interpretedRuns: options.interpretedRuns,
        logger,
        onCompile: () => metrics.compiledDocuments.inc(),
      }),
      useRequestId(),
      metrics.plugin,
      useCorsPolicy({ trustedOrigins: options.corsOrigins ?? [] }),
      useGraphiQLAssets(),
      useExports({
        db,
        maxGraphNodes,
        maxGraphRelations,
        consumeExpensiveRead: rateLimit.consumeExpensiveRead,
        clientAddress,
        logger,
      }),
      useCsrfPrevention(),
      useRequestBodyLimit(),
      // Before the response cache, which keys its entries on the document this puts in place of the hash.
      usePersistedOperationsByHash(),
      armorPlugin(),
      useLimitCodes(),
      useNodeLimit(),
      rateLimit,
      useShortErrorMessages(),
      ...(responseCache ? [responseCache.plugin] : []),
      useRequestTimeout(requestTimeoutMs),
      useErrorHandler(({ errors, context }) => {
        // In the execution phase envelop hands over the execution arguments, not the context.
        const requestId = ((context as { contextValue?: Context }).contextValue ?? (context as Partial<Context>))
          .requestId;
        for (const error of errors) {
          const original = (error as { originalError?: unknown }).originalError;
          const expected = original instanceof ServiceUnavailableError || original instanceof QueryTimeoutError;
          if (original && !expected && !('extensions' in (original as object))) {
            logger.error({ requestId, err: original, path: (error as { path?: unknown }).path }, 'resolver error');
          }
        }
      }),
    ],
    maskedErrors: {
      // Database outages are the client's business (retry later); everything else stays internal.
      // The client's error keeps the field it happened at (path, locations), as every other does.
      maskError: (error, message, isDev) => {
        const original = (error as { originalError?: unknown }).originalError;
        const at = error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {};
        if (original instanceof ServiceUnavailableError) {
          return apiError('SERVICE_UNAVAILABLE', original.message, {}, at);
        }
        if (original instanceof QueryTimeoutError && original.byRequestDeadline) {
          return requestTimeoutError(requestTimeoutMs, at);
        }
        if (original instanceof QueryTimeoutError) {
          return apiError('TIMEOUT', original.message, { limit: 'NEO4J_TX_TIMEOUT_MS' }, at);
        }
        return defaultMask(error, message, isDev);
      },
    },
  });
  return Object.assign(yoga, { metrics, clearResponseCache: async () => responseCache?.clear() });
}
