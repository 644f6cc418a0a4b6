/**
 * `npm run bench:api -- --dataset seed` / `-- --dataset synthetic --data-dir .data/bench-100k-1m`:
 * serves the real API against a dataset (in a worker thread of this process) and, for each
 * question of `queries.ts`, measures p50/p99 latency and requests/s of Archipel's GraphQL over
 * HTTP and, in the same run and under the same load, of its floors (`SIDES`, results.ts); then a
 * mixed load run that must finish without a single error. Results go to
 * `bench/results/<label>.json` and the generated tables of `bench/RESULTS.md`.
 *
 * Run nothing else heavy meanwhile: Neo4j, the API and the load generator share the machine.
 */
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { Database } from '../api/db/database.js';
import { isGraphEmpty } from '../api/db/schema-setup.js';
import { loadDataset } from '../api/seed/load.js';
import { formatProblems, readSeeds } from '../api/seed/read.js';
import { pickQuestions } from './fixtures.js';
import { runQuestions } from './measure.js';
import { countGraph, openBenchNeo4j, REPO_ROOT, shortCount } from './neo4j.js';
import { writeResultsMarkdown } from './report.js';
import { currentCommit, describeMachine, writeRunReport } from './results.js';
import { startServers } from './servers.js';

/** The numeric settings, with their defaults: the figures in RESULTS.md are measured with these. */
const SETTINGS = {
  connections: [10, 'concurrent clients per question'],
  seconds: [15, 'measured seconds per question and side'],
  rounds: [3, 'slices each side is cut into, in alternating order'],
  warmup: [3, 'warm-up seconds of each side before each question'],
  globalWarmup: [30, "seconds of every question on every side first (Neo4j's JIT compiler runs for tens of seconds)"],
  mixedSeconds: [60, 'duration of the mixed load run (0: skip)'],
  mixedConnections: [50, 'connections of the mixed load run'],
  pageCacheMb: [2048, 'embedded Neo4j page cache (MB)'],
  heapMb: [1024, 'embedded Neo4j JVM heap (MB)'],
  txTimeoutMs: [10_000, "the API's Neo4j transaction timeout (production default)"],
  expensiveReadsPerMinute: [1e9, "the API's per-client limit on expensive reads, lifted: clients share one address"],
} as const;

const program = new Command('bench-api')
  .description('GraphQL over HTTP versus its floors, per question, plus a mixed load run.')
  .option('--dataset <kind>', '"seed" (loads seeds/ into an empty database) or "synthetic" (from bench:load)', 'seed')
  .option('--data-dir <dir>', 'embedded Neo4j data directory (default .data/bench-seed for seed)')
  .option('--uri <uri>', 'use this Neo4j instead of an embedded one', process.env.NEO4J_URI)
  .option('--label <name>', 'name of this run in bench/results and RESULTS.md (default: from the dataset)')
  .option('--only <keys>', 'comma-separated question keys (e.g. q1-hosting,q3-search)');
const count = (value: string) => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
};
for (const [name, [initial, help]] of Object.entries(SETTINGS)) {
  program.option(`--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} <n>`, help, count, initial);
}
type Flags = Record<'dataset', string> & Partial<Record<'dataDir' | 'uri' | 'label' | 'only', string>>;
const options = program.parse().opts<Flags & { [K in keyof typeof SETTINGS]: number }>();

const log = (line: string) => console.error(line);

async function main() {
  if (!['seed', 'synthetic'].includes(options.dataset)) throw new Error('--dataset is "seed" or "synthetic"');
  const dataDir = options.dataDir ?? (options.dataset === 'seed' ? '.data/bench-seed' : undefined);
  if (!dataDir && !options.uri) throw new Error('give --data-dir (the directory bench:load wrote) or --uri');
  const neo = await openBenchNeo4j({ ...options, dataDir: dataDir ?? '', log });
  const startedAt = new Date().toISOString();
  try {
    if (options.dataset === 'seed') await loadSeedsIfEmpty(neo.db);
    const counts = await countGraph(neo.db);
    if (counts.entities === 0) throw new Error('The database is empty: load it with bench:load first.');
    const label =
      options.label ??
      (options.dataset === 'seed' ? 'seed' : `${shortCount(counts.entities)}-${shortCount(counts.relations)}`);
    // The API's own transaction timeout; the bench's Database (neo.db) has a long one for loading.
    const db = new Database(neo.driver, { database: neo.db.options.database, txTimeoutMs: options.txTimeoutMs });
    const machine = await describeMachine(db, options);
    log(
      `Dataset ${label}: ${counts.entities} entities, ${counts.relations} relations. Load average ${machine.loadAverage.join(' ')}.`,
    );
    const picked = await pickQuestions(db, log);
    const only = options.only?.split(',');
    const queries = picked.queries.filter((q) => !only || only.includes(q.key));
    // The yoga floor's statements go to a worker thread: data only, not the floors' shape functions.
    const floorStatements = Object.fromEntries(
      queries.map(({ key, floor: { cypher, params } }) => [key, { cypher, params }]),
    );
    const { txTimeoutMs, expensiveReadsPerMinute } = options;
    const servers = await startServers({ uri: neo.uri, txTimeoutMs, expensiveReadsPerMinute, floorStatements });
    try {
      const { results, mixed } = await runQuestions(servers, db, queries, options);
      if (mixed)
        log(`mixed: ${mixed.requests} requests, ${mixed.errors} errors, p50 ${mixed.latencyMs.p50.toFixed(1)} ms`);
      const file = writeRunReport({
        label,
        startedAt,
        commit: currentCommit(),
        command: `npm run bench:api -- ${process.argv.slice(2).join(' ')}`,
        dataset: { kind: options.dataset, ...counts },
        machine,
        settings: Object.fromEntries(Object.keys(SETTINGS).map((k) => [k, options[k as keyof typeof SETTINGS]])),
        fixtureNotes: picked.notes,
        queries: results,
        mixed,
      });
      writeResultsMarkdown();
      log(`Wrote ${file} and bench/RESULTS.md.`);
      if (mixed && (mixed.errors > 0 || mixed.requests === 0)) {
        log(`The mixed run failed: ${mixed.requests} requests, errors ${JSON.stringify(mixed.errorKinds)}`);
        process.exitCode = 1;
      }
    } finally {
      await servers.stop();
    }
  } finally {
    await neo.close();
  }
}

/** Loading the seeds is one long transaction: it runs with the loader's timeout, not the API's. */
async function loadSeedsIfEmpty(db: Database) {
  if (!(await isGraphEmpty(db))) return;
  const seeds = await readSeeds(path.join(REPO_ROOT, 'seeds'));
  if (!seeds.ok) throw new Error(`The seeds are invalid:\n${formatProblems(seeds.problems)}`);
  const summary = await loadDataset(db, seeds);
  log(`Loaded the seeds: ${summary.entities} entities, ${summary.relations} relations.`);
}

main().catch((error: unknown) => {
  console.error(`\nbench:api failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
