/**
 * `npm start`: connect to (or start) Neo4j, seed an empty database, serve GraphQL and the map.
 * SIGTERM or Ctrl-C drains the server (requests in flight finish, up to DRAIN_TIMEOUT_MS), then
 * stops everything it started, the embedded JVM included; a second signal exits at once.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseStaffTokens } from '../schema/auth.js';
import { ConfigError, loadConfig } from './core/config.js';
import { createLogger } from './core/logger.js';
import { connectNeo4j, type Neo4jConnection } from './db/connect.js';
import { Database } from './db/database.js';
import { StartupError } from './db/embedded.js';
import { ensureSchema, isGraphEmpty } from './db/schema-setup.js';
import { closeSharedState, openSharedState, redactedUrl, type SharedState, whenReady } from './db/shared-state.js';
import { PUBLIC_CACHE_TTL_MS } from './http/response-cache.js';
import { warmUp } from './http/warm-up.js';
import { loadDataset } from './seed/load.js';
import { formatProblems, readSeeds } from './seed/read.js';
import { MissingReportError, reportForServer } from './seed/report.js';
import { type HttpServer, startHttpServer } from './server.js';
import { createArchipelYoga } from './yoga.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => console.error(line);
/** Long enough for a slow first plan, short enough not to hold a start back when Neo4j is struggling. */
const WARM_UP_TIMEOUT_MS = 15_000;

async function main() {
  const started = performance.now();
  const config = loadConfig();
  // tsx turns source maps on; Node documents their cost where stacks are read often (see SOURCE_MAPS).
  process.setSourceMapsEnabled(config.SOURCE_MAPS);
  const staff = parseStaffTokens(config.STAFF_TOKENS);
  const logger = createLogger(config.LOG_LEVEL);
  let neo4j: Neo4jConnection | null = null;
  let server: HttpServer | null = null;
  let sharedState: SharedState | null = null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log(`${signal} again: exiting now.`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: finishing the requests in flight (up to ${config.DRAIN_TIMEOUT_MS} ms), then stopping…`);
    const deadline = Date.now() + config.DRAIN_TIMEOUT_MS;
    const outcome = await server?.drain(config.DRAIN_TIMEOUT_MS);
    if (outcome === 'deadline') log('Drain deadline reached: the requests still open were cut.');
    // The embedded JVM is asked to stop and given what is left of the deadline. If it needs
    // longer, this process exits anyway: the launcher sees its parent gone and finishes its clean
    // shutdown alone, so the deadline holds and no write is lost.
    if (sharedState) void closeSharedState(sharedState);
    const closed = neo4j?.close();
    const left = deadline - Date.now();
    if (left > 0) await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, left).unref())]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  neo4j = await connectNeo4j(config, log);
  if (await isGraphEmpty(neo4j.db)) {
    const seedsDir = path.resolve(repoRoot, config.SEEDS_DIR);
    const dataset = await readSeeds(seedsDir);
    if (!dataset.ok) {
      throw new StartupError(
        `The seed files are invalid, so the empty database was not loaded:\n${formatProblems(dataset.problems)}`,
      );
    }
    // The first load writes the whole dataset: it gets more time than one API query, so that a
    // slow or busy machine does not refuse to start.
    const loader = new Database(neo4j.driver, {
      ...neo4j.db.options,
      txTimeoutMs: Math.max(120_000, config.NEO4J_TX_TIMEOUT_MS),
    });
    const summary = await loadDataset(loader, dataset);
    log(`Loaded the seed data: ${summary.entities} entities, ${summary.relations} relations.`);
  } else {
    // A graph written by an older version gets the constraints (and relation id nodes) added since.
    await ensureSchema(neo4j.db);
  }
  if (config.REDIS_URL) {
    sharedState = openSharedState(config.REDIS_URL, log);
    // Not needed to start: until Redis answers, limits are counted in memory and answers go uncached.
    if (await whenReady(sharedState, 5_000)) {
      log(`Rate limits and the response cache are shared through Redis at ${redactedUrl(config.REDIS_URL)}.`);
    }
  }
  const yoga = createArchipelYoga({
    db: neo4j.db,
    logger,
    // Staff quotes are checked against it; without one they are accepted unchecked (logged).
    report: reportForServer(),
    corsOrigins: config.CORS_ORIGINS,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    maxGraphNodes: config.MAX_GRAPH_NODES,
    maxGraphRelations: config.MAX_GRAPH_RELATIONS,
    mutationsPerMinute: config.RATE_LIMIT_MUTATIONS_PER_MINUTE,
    expensiveReadsPerMinute: config.RATE_LIMIT_EXPENSIVE_PER_MINUTE,
    staff,
    trustProxy: config.TRUST_PROXY,
    responseCacheTtlMs: PUBLIC_CACHE_TTL_MS,
    sharedState: sharedState ?? undefined,
  });
  // The first visitor after a start would wait for Neo4j to plan the map's statement: pay it now.
  const warm = await warmUp(yoga, { timeoutMs: WARM_UP_TIMEOUT_MS });
  log(
    warm.ok
      ? `Warmed up: the map's opening answer took ${warm.ms} ms.`
      : `Warm-up skipped (${warm.reason}): the first visitor's map will take longer.`,
  );
  server = await startHttpServer({
    yoga,
    db: neo4j.db,
    host: config.HOST,
    port: config.PORT,
    limits: {
      maxConnections: config.MAX_CONNECTIONS,
      maxConnectionsPerClient: config.MAX_CONNECTIONS_PER_CLIENT,
      headersTimeoutMs: config.HEADERS_TIMEOUT_MS,
      requestTimeoutMs: config.REQUEST_RECEIVE_TIMEOUT_MS,
    },
    isLive: () => neo4j?.live() ?? true,
    metricsToken: config.METRICS_TOKEN,
  });
  log(
    `Archipel is ready in ${((performance.now() - started) / 1000).toFixed(1)} s: map at ${server.url}/ , GraphQL at ${server.url}/graphql`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError || error instanceof MissingReportError) {
    console.error(`\n${error.message}\n`);
  } else {
    console.error('\nArchipel could not start:', error instanceof Error ? error.message : error, '\n');
  }
  process.exit(1);
});
