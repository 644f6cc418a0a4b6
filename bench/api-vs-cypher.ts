/**
 * `npm run bench:api -- --dataset seed` / `-- --data-dir .data/bench-100k-1m`: serves the real API
 * (in a worker thread of this process) against a dataset and, for each question of
 * `queries.ts`, measures p50/p99 latency and requests/s of the GraphQL query over HTTP and,
 * beside it, of the hand-written Cypher floor through neo4j-driver under the same concurrency,
 * and of that floor served by a bare HTTP endpoint (`floor-server.ts`: what any HTTP API costs)
 * and by graphql-yoga with a one-field schema (`yoga-floor.ts`: what the GraphQL server Archipel is
 * built on costs before any of Archipel's code); then a mixed load run that must finish without a
 * single error. Results go to `bench/results/<label>.json` and the tables of `bench/RESULTS.md`.
 *
 * Run nothing else heavy meanwhile: the machine has two cores, shared by Neo4j, the API and the
 * load generator.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Command, InvalidArgumentError } from 'commander';
import { Database } from '../api/db/database.js';
import { isGraphEmpty } from '../api/db/schema-setup.js';
import { loadDataset } from '../api/seed/load.js';
import { formatProblems, readSeeds } from '../api/seed/read.js';
import { startApiWorker } from './api-server.js';
import { autocannonRun, loadAutocannon } from './autocannon.js';
import { pickFixtures } from './fixtures.js';
import {
  closedLoop,
  closedLoopSamples,
  emptySamples,
  GraphqlClient,
  graphqlProblem,
  type Ratio,
  type RunStats,
  ratioOf,
  summarise,
} from './load.js';
import { describeMachine } from './machine.js';
import { countGraph, openBenchNeo4j, REPO_ROOT, readMarker, writeMarker } from './neo4j.js';
import { profileQueries } from './profile.js';
import { type BenchQuery, benchQueries, nativeRow, type Row } from './queries.js';
import { writeResultsMarkdown } from './report.js';
import { YOGA_FLOOR_ENDPOINT, YOGA_FLOOR_QUERY } from './yoga-floor.js';

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
};

const program = new Command('bench-api')
  .description('GraphQL over HTTP versus hand-written Cypher, per question, plus a mixed load run.')
  .option(
    '--dataset <kind>',
    '"seed" (loads seeds/ into an empty database) or "synthetic" (loaded by bench:load)',
    'seed',
  )
  .option('--data-dir <dir>', 'embedded Neo4j data directory (default .data/bench-seed for seed)')
  .option('--uri <uri>', 'use this Neo4j instead of an embedded one', process.env.NEO4J_URI)
  .option('--label <name>', 'name of this run in bench/results and RESULTS.md (default: from the dataset)')
  .option('--page-cache-mb <n>', 'embedded Neo4j page cache', positiveInt, 2048)
  .option('--heap-mb <n>', 'embedded Neo4j JVM heap', positiveInt, 1024)
  .option('--connections <n>', 'concurrent clients per question', positiveInt, 10)
  .option('--seconds <n>', 'measured seconds per question and side', positiveInt, 15)
  .option('--warmup <n>', 'warm-up seconds before each measurement', positiveInt, 3)
  .option(
    '--global-warmup <n>',
    "seconds of every question in turn on all sides before the first measurement (Neo4j's JIT compiler runs for tens of seconds)",
    Number,
    30,
  )
  .option('--rounds <n>', 'slices each side is cut into, alternating GraphQL and Cypher', positiveInt, 3)
  .option('--mixed-seconds <n>', 'duration of the mixed load run (0: skip)', Number, 60)
  .option('--mixed-connections <n>', 'connections of the mixed load run', positiveInt, 50)
  .option('--runner <name>', 'GraphQL load generator: auto (autocannon if installed), autocannon or loop', 'auto')
  .option('--only <keys>', 'comma-separated question keys (e.g. q1-hosting,q3-search)')
  .option('--profile-runs <n>', 'sequential in-process runs per question for the profile', positiveInt, 15)
  .option('--tx-timeout-ms <n>', "the API's Neo4j transaction timeout (production default)", positiveInt, 10_000)
  .option(
    '--expensive-reads-per-minute <n>',
    "the API's per-client rate limit on expensive reads: all bench clients share one address, so it is lifted",
    positiveInt,
    1_000_000_000,
  );

interface Options {
  dataset: 'seed' | 'synthetic';
  dataDir?: string;
  uri?: string;
  label?: string;
  pageCacheMb: number;
  heapMb: number;
  connections: number;
  seconds: number;
  warmup: number;
  globalWarmup: number;
  rounds: number;
  mixedSeconds: number;
  mixedConnections: number;
  runner: 'auto' | 'autocannon' | 'loop';
  only?: string;
  profileRuns: number;
  txTimeoutMs: number;
  expensiveReadsPerMinute: number;
}

export interface QueryResult {
  key: string;
  title: string;
  /** same: identical answers; equivalent: equal up to order of ties or choice among equal paths. */
  sameData: 'same' | 'equivalent' | 'different' | 'refused';
  /** Measured by sequential requests, not under load (see BenchQuery.probe). */
  probe?: boolean;
  refusal?: { message: string; latencyMs: number[]; floorMs?: number; floorError?: string };
  graphql?: RunStats;
  cypher?: RunStats;
  /** The floor behind a bare HTTP endpoint, loaded like GraphQL (not for sequential probes). */
  httpFloor?: RunStats;
  /** The floor behind graphql-yoga with a one-field schema, loaded the same way. */
  yogaFloor?: RunStats;
  /** GraphQL / Cypher: latencies (higher is slower) and throughput (lower is slower). */
  ratio?: Ratio;
  /** GraphQL / HTTP floor, the same way. */
  httpRatio?: Ratio;
  /** GraphQL / yoga floor, the same way: what Archipel adds to the stack it is built on. */
  yogaRatio?: Ratio;
}

/** The HTTP endpoints the load generator sends each question to, with their bodies. */
interface HttpSides {
  graphql: string;
  httpFloor: (query: BenchQuery) => string;
  yogaFloor: string;
  yogaFloorBody: (query: BenchQuery) => string;
}

const log = (line: string) => console.error(line);

async function main() {
  const options = program.parse().opts<Options>();
  if (!['seed', 'synthetic'].includes(options.dataset)) throw new Error('--dataset is "seed" or "synthetic"');
  const dataDir = options.dataDir ?? (options.dataset === 'seed' ? '.data/bench-seed' : undefined);
  if (!dataDir && !options.uri) throw new Error('give --data-dir (the directory bench:load wrote) or --uri');
  const neo = await openBenchNeo4j({
    uri: options.uri,
    dataDir: dataDir ?? '',
    pageCacheMb: options.pageCacheMb,
    heapMb: options.heapMb,
    log,
  });
  const dbOptions = { database: neo.db.options.database, txTimeoutMs: options.txTimeoutMs };
  const db = new Database(neo.driver, dbOptions);
  const startedAt = new Date().toISOString();
  try {
    // Loading the seeds is one long transaction: it gets the loader's timeout, not the API's.
    const dataset = await prepareDataset(neo.db, options, dataDir);
    const label = options.label ?? dataset.label;
    const machine = await describeMachine(db, options, Boolean(options.uri));
    log(
      `Dataset ${label}: ${dataset.entities} entities, ${dataset.relations} relations. Load average ${machine.loadAverage.join(' ')}.`,
    );
    const { fixtures, notes } = await pickFixtures(db, log);
    const only = options.only?.split(',');
    const queries = benchQueries(fixtures).filter((q) => !only || only.includes(q.key));

    const autocannon = options.runner === 'loop' ? null : await loadAutocannon();
    if (options.runner === 'autocannon' && !autocannon)
      throw new Error('autocannon is not installed: npm i -D autocannon');
    if (!autocannon) log('autocannon is not installed (npm i -D autocannon): GraphQL load runs use the built-in loop.');
    const runner = autocannon ? 'autocannon' : 'loop';

    const api = await startApiWorker({
      uri: neo.uri,
      txTimeoutMs: options.txTimeoutMs,
      expensiveReadsPerMinute: options.expensiveReadsPerMinute,
      floorStatements: Object.fromEntries(
        queries.map((q) => [q.key, { cypher: q.floor.cypher, params: q.floor.params }]),
      ),
    });
    const endpoint = `${api.url}/graphql`;
    const sides: HttpSides = {
      graphql: endpoint,
      httpFloor: (query) => `${api.floorUrl}/floor/${encodeURIComponent(query.key)}`,
      yogaFloor: `${api.floorUrl}${YOGA_FLOOR_ENDPOINT}`,
      yogaFloorBody: (query) => JSON.stringify({ query: YOGA_FLOOR_QUERY, variables: { key: query.key } }),
    };
    const results: QueryResult[] = [];
    try {
      for (const query of queries) results.push(await checkSameData(sides, db, query));
      const accepted = queries.filter((q) => results.find((r) => r.key === q.key)?.sameData !== 'refused');
      const loaded = accepted.filter((q) => !q.probe);
      if (options.globalWarmup > 0 && loaded.length > 0) {
        log(`Warming up (${options.globalWarmup} s, every question in turn on all four sides)…`);
        await globalWarmup(sides, db, loaded, options);
      }
      // After the warm-up: measured cold, the embedded JVM's first minute inflated every figure.
      log('Profiling (sequential, in-process)…');
      const profiles = await profileQueries(
        neo.driver,
        dbOptions,
        accepted.filter((q) => !q.probe),
        {
          runs: options.profileRuns,
          expensiveReadsPerMinute: options.expensiveReadsPerMinute,
        },
      );

      for (const query of accepted) {
        const result = results.find((r) => r.key === query.key)!;
        result.probe = query.probe;
        const measured: Partial<Record<Side, RunStats>> & { graphql: RunStats; cypher: RunStats } = query.probe
          ? await measureProbe(endpoint, db, query)
          : await measureSides(sides, db, query, options, autocannon);
        const { graphql, cypher, httpFloor, yogaFloor } = measured;
        Object.assign(result, { graphql, cypher, httpFloor, yogaFloor });
        result.ratio = ratioOf(graphql, cypher);
        result.httpRatio = httpFloor && ratioOf(graphql, httpFloor);
        result.yogaRatio = yogaFloor && ratioOf(graphql, yogaFloor);
        const figures = (name: string, stats: RunStats | undefined) =>
          stats
            ? `${name} p50 ${stats.latencyMs.p50.toFixed(1)} ms, ${stats.rps.toFixed(0)} rps, ${stats.errors} errors | `
            : '';
        log(
          `${query.key}: ${figures('GraphQL', graphql)}${figures('Cypher', cypher)}${figures('HTTP floor', httpFloor)}` +
            `${figures('yoga floor', yogaFloor)}ratio p50 ${result.ratio?.p50.toFixed(2) ?? '–'} ` +
            `(HTTP floor ${result.httpRatio?.p50.toFixed(2) ?? '–'}, yoga floor ${result.yogaRatio?.p50.toFixed(2) ?? '–'})`,
        );
      }

      const mixedQueries = accepted.filter((q) => q.mixed);
      const mixed = options.mixedSeconds > 0 ? await mixedRun(endpoint, mixedQueries, options, autocannon) : null;
      if (mixed) {
        log(
          `mixed (${options.mixedConnections} connections, ${options.mixedSeconds} s): ${mixed.requests} requests, ` +
            `${mixed.errors} errors, p50 ${mixed.latencyMs.p50.toFixed(1)} ms, p99 ${mixed.latencyMs.p99.toFixed(1)} ms, ${mixed.rps.toFixed(0)} rps`,
        );
      }

      const report = {
        label,
        startedAt,
        finishedAt: new Date().toISOString(),
        dataset,
        machine,
        settings: {
          connections: options.connections,
          seconds: options.seconds,
          warmupSeconds: options.warmup,
          globalWarmupSeconds: options.globalWarmup,
          rounds: options.rounds,
          runner,
          txTimeoutMs: options.txTimeoutMs,
          expensiveReadsPerMinute: options.expensiveReadsPerMinute,
          mixed: {
            connections: options.mixedConnections,
            seconds: options.mixedSeconds,
            queries: mixedQueries.map((q) => q.key),
          },
        },
        fixtures,
        fixtureNotes: notes,
        queries: results,
        profiles,
        mixed,
      };
      const resultsDir = path.join(REPO_ROOT, 'bench', 'results');
      mkdirSync(resultsDir, { recursive: true });
      writeFileSync(path.join(resultsDir, `${label}.json`), `${JSON.stringify(report, null, 2)}\n`);
      writeResultsMarkdown();
      log(`Wrote bench/results/${label}.json and bench/RESULTS.md.`);
      if (mixed && mixed.errors > 0) {
        log(`The mixed run had ${mixed.errors} errors: ${JSON.stringify(mixed.errorKinds)}`);
        process.exitCode = 1;
      }
    } finally {
      await api.stop();
    }
  } finally {
    await neo.close();
  }
}

async function prepareDataset(db: Database, options: Options, dataDir: string | undefined) {
  if (options.dataset === 'seed') {
    if (await isGraphEmpty(db)) {
      const seeds = await readSeeds(path.join(REPO_ROOT, 'seeds'));
      if (!seeds.ok) throw new Error(`The seeds are invalid:\n${formatProblems(seeds.problems)}`);
      const summary = await loadDataset(db, seeds);
      log(`Loaded the seeds: ${summary.entities} entities, ${summary.relations} relations.`);
      if (dataDir && !options.uri) {
        writeMarker(dataDir, { kind: 'seed', ...summary, loadedAt: new Date().toISOString() });
      }
    }
  }
  const counts = await countGraph(db);
  if (counts.entities === 0) throw new Error('The database is empty: load it with bench:load first.');
  const marker = dataDir && !options.uri ? readMarker(dataDir) : null;
  const label = options.dataset === 'seed' ? 'seed' : `${shortCount(counts.entities)}-${shortCount(counts.relations)}`;
  return { kind: options.dataset, label, dataDir: dataDir ?? null, ...counts, marker };
}

const shortCount = (n: number) =>
  n >= 1_000_000 ? `${Math.round(n / 100_000) / 10}m` : n >= 1_000 ? `${Math.round(n / 100) / 10}k` : `${n}`;

/**
 * Asks both sides once and compares the answers (and checks that the yoga floor answers the
 * floor's rows). A GraphQL error (e.g. GRAPH_TOO_LARGE at scale) marks the question as refused:
 * only how fast the refusal comes is then measured.
 */
async function checkSameData(sides: HttpSides, db: Database, query: BenchQuery): Promise<QueryResult> {
  const ask = async (endpoint = sides.graphql, body = JSON.stringify(query.graphql)) => {
    const started = performance.now();
    const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const text = await response.text();
    return { text, status: response.status, ms: performance.now() - started };
  };
  const first = await ask();
  const problem = graphqlProblem(first.status, first.text);
  if (problem) {
    const latencyMs = [first.ms];
    for (let i = 0; i < 4; i++) latencyMs.push((await ask()).ms);
    log(`${query.key}: refused by the API (${problem}); ${latencyMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    const refusal: NonNullable<QueryResult['refusal']> = { message: problem, latencyMs };
    if (query.probe) {
      // A legitimate question the API failed: how long does the floor take for the same data?
      const started = performance.now();
      try {
        query.floor.shape(await db.read(query.floor.cypher, query.floor.params, nativeRow));
        refusal.floorMs = performance.now() - started;
      } catch (error) {
        refusal.floorError = error instanceof Error ? error.message.split('\n')[0] : String(error);
      }
    }
    return { key: query.key, title: query.title, sameData: 'refused', refusal };
  }
  const graphqlData = (JSON.parse(first.text) as { data: unknown }).data;
  const floorData = query.floor.shape(await db.read(query.floor.cypher, query.floor.params, nativeRow));
  const yoga = await ask(sides.yogaFloor, sides.yogaFloorBody(query));
  const yogaRows = (JSON.parse(yoga.text) as { data?: { floor?: Row[] } }).data?.floor;
  if (!yogaRows || !isDeepStrictEqual(query.floor.shape(yogaRows), floorData)) {
    log(`${query.key}: the yoga floor's answer differs from the floor's: ${yoga.text.slice(0, 300)}`);
  }
  let sameData: QueryResult['sameData'] = 'same';
  if (!isDeepStrictEqual(graphqlData, floorData)) {
    const canonical = query.canonical ?? ((d: unknown) => d);
    sameData = isDeepStrictEqual(canonical(graphqlData), canonical(floorData)) ? 'equivalent' : 'different';
    if (sameData === 'different') {
      log(`${query.key}: the floor's answer differs from GraphQL's!`);
      log(`  GraphQL: ${JSON.stringify(graphqlData).slice(0, 600)}`);
      log(`  Cypher:  ${JSON.stringify(floorData).slice(0, 600)}`);
    }
  }
  return { key: query.key, title: query.title, sameData };
}

/**
 * Every loaded question in turn, GraphQL then the driver floor then the HTTP floor, before the
 * first measurement: the embedded Neo4j compiles its hot code for tens of seconds after start, and
 * the first questions measured would otherwise pay for it.
 */
async function globalWarmup(sides: HttpSides, db: Database, queries: BenchQuery[], options: Options) {
  const loop = { connections: options.connections, durationMs: (options.globalWarmup * 1000) / 4 };
  const graphql = new GraphqlClient(sides.graphql, options.connections);
  const floors = queries.map((q) => new GraphqlClient(sides.httpFloor(q), options.connections));
  const yoga = new GraphqlClient(sides.yogaFloor, options.connections);
  const bodies = queries.map((q) => JSON.stringify(q.graphql));
  const yogaBodies = queries.map(sides.yogaFloorBody);
  const pick = (n: number) => n % queries.length;
  try {
    await closedLoop((n) => graphql.post(bodies[pick(n)]!), loop);
    await closedLoop((n) => {
      const floor = queries[pick(n)]!.floor;
      return db.read(floor.cypher, floor.params, nativeRow);
    }, loop);
    await closedLoop((n) => floors[pick(n)]!.post('{}'), loop);
    await closedLoop((n) => yoga.post(yogaBodies[pick(n)]!), loop);
  } finally {
    graphql.close();
    yoga.close();
    for (const floor of floors) floor.close();
  }
}

type Side = 'graphql' | 'cypher' | 'httpFloor' | 'yogaFloor';

/**
 * Measures one question on four sides (GraphQL over HTTP, the driver floor, the HTTP floor, the
 * yoga floor) in alternating slices (G C H Y, Y H C G, …) after a warm-up of each, so that every
 * side sees the same background load on this shared 2-core machine and the ratios stay meaningful
 * even when the absolute figures move. The HTTP sides use the same load generator.
 */
async function measureSides(
  endpoints: HttpSides,
  db: Database,
  query: BenchQuery,
  options: Options,
  autocannon: Awaited<ReturnType<typeof loadAutocannon>>,
): Promise<Record<Side, RunStats>> {
  const loop = { connections: options.connections, durationMs: (options.seconds * 1000) / options.rounds };
  const warmup = { connections: options.connections, durationMs: options.warmup * 1000 };
  const http = (url: string, body: string) => {
    const client = new GraphqlClient(url, options.connections);
    const slices: RunStats[] = [];
    const samples = emptySamples();
    return {
      warm: () => closedLoop(() => client.post(body), warmup),
      slice: async () => {
        if (autocannon) {
          slices.push(
            await autocannonRun(autocannon, url, [body], {
              connections: loop.connections,
              seconds: loop.durationMs / 1000,
            }),
          );
        } else {
          await closedLoopSamples(() => client.post(body), loop, samples);
        }
      },
      stats: () =>
        autocannon
          ? mergeSlices(slices)
          : summarise(samples.latencies, samples.errors, samples.errorKinds, samples.seconds),
      close: () => client.close(),
    };
  };
  const cypherTask = async () => query.floor.shape(await db.read(query.floor.cypher, query.floor.params, nativeRow));
  const c = emptySamples();
  const cypher = {
    warm: () => closedLoop(cypherTask, warmup),
    slice: () => closedLoopSamples(cypherTask, loop, c),
    stats: () => summarise(c.latencies, c.errors, c.errorKinds, c.seconds),
    close: () => {},
  };
  const sides = {
    graphql: http(endpoints.graphql, JSON.stringify(query.graphql)),
    cypher,
    httpFloor: http(endpoints.httpFloor(query), '{}'),
    yogaFloor: http(endpoints.yogaFloor, endpoints.yogaFloorBody(query)),
  };
  const order: Side[] = ['graphql', 'cypher', 'httpFloor', 'yogaFloor'];
  try {
    for (const side of order) await sides[side].warm();
    for (let round = 0; round < options.rounds; round++) {
      for (const side of round % 2 === 0 ? order : [...order].reverse()) await sides[side].slice();
    }
  } finally {
    for (const side of order) sides[side].close();
  }
  return {
    graphql: sides.graphql.stats(),
    cypher: cypher.stats(),
    httpFloor: sides.httpFloor.stats(),
    yogaFloor: sides.yogaFloor.stats(),
  };
}

const PROBE_RUNS = 3;

/** A few sequential requests on each side, alternating: for questions too slow to load-test. */
async function measureProbe(endpoint: string, db: Database, query: BenchQuery) {
  const client = new GraphqlClient(endpoint, 1);
  const g = emptySamples();
  const c = emptySamples();
  const once = async (task: () => Promise<unknown>, into: typeof g) => {
    const started = performance.now();
    try {
      await task();
      into.latencies.push(performance.now() - started);
    } catch (error) {
      into.errors++;
      const kind = error instanceof Error ? error.message.slice(0, 160) : String(error);
      into.errorKinds[kind] = (into.errorKinds[kind] ?? 0) + 1;
    }
    into.seconds += (performance.now() - started) / 1000;
  };
  try {
    for (let run = 0; run < PROBE_RUNS; run++) {
      await once(() => client.post(JSON.stringify(query.graphql)), g);
      await once(async () => query.floor.shape(await db.read(query.floor.cypher, query.floor.params, nativeRow)), c);
    }
  } finally {
    client.close();
  }
  return {
    graphql: summarise(g.latencies, g.errors, g.errorKinds, g.seconds),
    cypher: summarise(c.latencies, c.errors, c.errorKinds, c.seconds),
  };
}

/**
 * autocannon reports percentiles, not samples: slices are merged by request-weighted means of
 * their percentiles (an approximation, exact when the slices agree).
 */
function mergeSlices(slices: RunStats[]): RunStats {
  const requests = slices.reduce((sum, s) => sum + s.requests, 0);
  const weighted = (pick: (s: RunStats) => number) =>
    slices.reduce((sum, s) => sum + pick(s) * s.requests, 0) / Math.max(1, requests);
  const errorKinds: Record<string, number> = {};
  for (const s of slices) for (const [k, v] of Object.entries(s.errorKinds)) errorKinds[k] = (errorKinds[k] ?? 0) + v;
  const seconds = slices.reduce((sum, s) => sum + s.seconds, 0);
  const errors = slices.reduce((sum, s) => sum + s.errors, 0);
  return {
    requests,
    errors,
    errorKinds,
    seconds,
    rps: (requests - errors) / seconds,
    latencyMs: {
      p50: weighted((s) => s.latencyMs.p50),
      p90: weighted((s) => s.latencyMs.p90),
      p99: weighted((s) => s.latencyMs.p99),
      max: Math.max(...slices.map((s) => s.latencyMs.max)),
      mean: weighted((s) => s.latencyMs.mean),
    },
  };
}

/** All accepted questions in turn on every connection; every error counts (HTTP or GraphQL). */
async function mixedRun(
  endpoint: string,
  queries: BenchQuery[],
  options: Options,
  autocannon: Awaited<ReturnType<typeof loadAutocannon>>,
): Promise<(RunStats & { perQuery?: Record<string, RunStats> }) | null> {
  const bodies = queries.map((q) => JSON.stringify(q.graphql));
  if (autocannon) {
    return autocannonRun(autocannon, endpoint, bodies, {
      connections: options.mixedConnections,
      seconds: options.mixedSeconds,
    });
  }
  const client = new GraphqlClient(endpoint, options.mixedConnections);
  const perQuery = queries.map(() => ({ latencies: [] as number[], errors: 0 }));
  try {
    const overall = await closedLoop(
      async (n) => {
        const index = n % bodies.length;
        const started = performance.now();
        try {
          await client.post(bodies[index]!);
          perQuery[index]!.latencies.push(performance.now() - started);
        } catch (error) {
          perQuery[index]!.errors++;
          throw error;
        }
      },
      { connections: options.mixedConnections, durationMs: options.mixedSeconds * 1000 },
    );
    return {
      ...overall,
      perQuery: Object.fromEntries(
        queries.map((q, i) => [q.key, summarise(perQuery[i]!.latencies, perQuery[i]!.errors, {}, overall.seconds)]),
      ),
    };
  } finally {
    client.close();
  }
}

main().catch((error: unknown) => {
  console.error(`\nbench:api failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
