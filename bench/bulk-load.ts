/**
 * `npm run bench:load -- --entities 100000 --relations 1000000`: generates a synthetic
 * archipelago and loads it into an empty Neo4j with batched `UNWIND … CREATE` (no MERGE: the
 * database is empty and the generator guarantees unique slugs and ids), after `ensureSchema`, so
 * the API's constraints and indexes are the ones the benchmark exercises.
 *
 * One batch is in flight while the next one is generated, so Node and the JVM work in parallel.
 * The data directory (default `.data/bench-<N>-<M>`) keeps the graph for `bench:api`.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import type { Database } from '../api/db/database.js';
import { entityProperties, relationProperties } from '../api/db/mapping.js';
import { ensureSchema } from '../api/db/schema-setup.js';
import { KIND_LABELS, RELATION_TYPE_NAMES, type RelationType } from '../model/vocabulary.js';
import { countGraph, openBenchNeo4j, REPO_ROOT, writeMarker } from './neo4j.js';
import { generateSynthetic } from './synthetic.js';

const positiveInt = (value: string) => {
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
};

/** `100000` → `100k`, for default directory names. */
const shortCount = (n: number) =>
  n >= 1_000_000 && n % 1_000_000 === 0
    ? `${n / 1_000_000}m`
    : n >= 1_000 && n % 1_000 === 0
      ? `${n / 1_000}k`
      : `${n}`;

const program = new Command('bench-load')
  .description('Generate a synthetic archipelago and bulk-load it into an empty Neo4j.')
  .option('--entities <n>', 'number of entities', positiveInt, 100_000)
  .option('--relations <n>', 'number of relations', positiveInt, 1_000_000)
  .option('--seed <n>', 'PRNG seed (same seed, same dataset)', positiveInt, 42)
  .option('--hub-share <x>', 'share of relations with framasoft at one end', Number, 0.01)
  .option('--data-dir <dir>', 'embedded Neo4j data directory (default .data/bench-<N>-<M>)')
  .option('--uri <uri>', 'load into this Neo4j instead of an embedded one', process.env.NEO4J_URI)
  .option('--page-cache-mb <n>', 'embedded Neo4j page cache', positiveInt, 2048)
  .option('--heap-mb <n>', 'embedded Neo4j JVM heap', positiveInt, 1024)
  .option('--batch-size <n>', 'rows per UNWIND transaction', positiveInt, 10_000)
  .option('--fresh', 'delete the data directory first (only under .data/bench-*)', false);

interface Options {
  entities: number;
  relations: number;
  seed: number;
  hubShare: number;
  dataDir?: string;
  uri?: string;
  pageCacheMb: number;
  heapMb: number;
  batchSize: number;
  fresh: boolean;
}

async function main() {
  const options = program.parse().opts<Options>();
  const dataDir = options.dataDir ?? `.data/bench-${shortCount(options.entities)}-${shortCount(options.relations)}`;
  if (options.fresh && !options.uri) deleteBenchDir(dataDir);

  const neo = await openBenchNeo4j({
    uri: options.uri,
    dataDir,
    pageCacheMb: options.pageCacheMb,
    heapMb: options.heapMb,
    log: console.error,
  });
  try {
    const existing = await countGraph(neo.db);
    if (existing.entities > 0) {
      throw new Error(
        `${options.uri ?? dataDir} already holds ${existing.entities} entities and ${existing.relations} relations. ` +
          'This loader CREATEs into an empty database: pass --fresh (embedded) or another --data-dir.',
      );
    }
    await ensureSchema(neo.db);
    // Other work on this 2-core machine changes the rate: record how busy it was.
    const loadBefore = os.loadavg()[0]!;
    const loadStarted = new Date();
    const data = generateSynthetic(options);
    console.error(`Loading ${options.entities} entities and ${options.relations} relations (seed ${options.seed})…`);
    const entityRate = await loadEntities(neo.db, data.entities, options.batchSize);
    const relationRate = await loadRelations(neo.db, data.relations(), options.relations, options.batchSize);
    // The full-text index must have caught up before anyone measures search.
    await neo.db.write('CALL db.awaitIndexes(600)', {}, () => null);
    const stats = data.stats();
    const load = {
      batchSize: options.batchSize,
      pageCacheMb: options.pageCacheMb,
      entitiesPerSecond: Math.round(entityRate.rate),
      entitySeconds: round(entityRate.seconds),
      relationsPerSecond: Math.round(relationRate.rate),
      relationSeconds: round(relationRate.seconds),
      loadAverage: { before: round(loadBefore), after: round(os.loadavg()[0]!) },
    };
    const gcPauses = options.uri ? null : gcPausesOf(dataDir, loadStarted);
    writeLoadRecord(dataDir, {
      dataDir,
      entities: stats.entities,
      relations: stats.relations,
      load,
      gcPauses,
      degrees: stats,
    });
    if (!options.uri) {
      writeMarker(dataDir, {
        kind: 'synthetic',
        entities: stats.entities,
        relations: stats.relations,
        seed: options.seed,
        hubShare: options.hubShare,
        loadedAt: new Date().toISOString(),
        load,
        degrees: { ...stats },
      });
    }
    console.log(JSON.stringify({ dataDir, load, degrees: stats }, null, 2));
  } finally {
    await neo.close();
  }
}

const round = (x: number) => Math.round(x * 10) / 10;

/**
 * Stop-the-world pauses Neo4j logged since `since` (its VmPauseMonitor writes them to debug.log):
 * the embedded JVM has a 1 GB heap, and big transactions make it collect.
 */
function gcPausesOf(dataDir: string, since: Date) {
  const log = path.resolve(REPO_ROOT, dataDir, 'logs', 'debug.log');
  if (!existsSync(log)) return null;
  const pauses = readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line.includes('stop-the-world') && new Date(line.slice(0, 23).replace(' ', 'T')) >= since)
    .map((line) => Number(/pauseTime=(\d+)/.exec(line)?.[1] ?? 0));
  return { count: pauses.length, totalMs: pauses.reduce((a, b) => a + b, 0), maxMs: Math.max(0, ...pauses) };
}

/** One file per load in bench/results (git-ignored), rendered into RESULTS.md by `bench:report`. */
function writeLoadRecord(dataDir: string, record: Record<string, unknown>) {
  const dir = path.join(REPO_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `load-${path.basename(dataDir)}.json`);
  writeFileSync(file, `${JSON.stringify({ ...record, loadedAt: new Date().toISOString() }, null, 2)}\n`);
}

function deleteBenchDir(dataDir: string) {
  const absolute = path.resolve(REPO_ROOT, dataDir);
  const benchRoot = path.resolve(REPO_ROOT, '.data');
  if (!absolute.startsWith(`${benchRoot}${path.sep}bench-`)) {
    throw new Error(`--fresh only deletes directories under .data/bench-*, not ${dataDir}`);
  }
  rmSync(absolute, { recursive: true, force: true });
}

function progressBar(label: string, total: number) {
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`,
    hideCursor: true,
    etaBuffer: 50,
    // Long loads run in the background: print a line every 10 s when stderr is not a terminal.
    noTTYOutput: true,
    notTTYSchedule: 10_000,
  });
  const started = performance.now();
  bar.start(total, 0, { rate: 0 });
  return {
    update(done: number) {
      bar.update(done, { rate: Math.round(done / ((performance.now() - started) / 1000)) });
    },
    stop(done: number) {
      bar.update(done);
      bar.stop();
      const seconds = (performance.now() - started) / 1000;
      return { seconds, rate: done / seconds };
    },
  };
}

async function loadEntities(db: Database, entities: ReturnType<typeof generateSynthetic>['entities'], size: number) {
  const bar = progressBar('entities ', entities.length);
  let done = 0;
  for (let i = 0; i < entities.length; i += size) {
    const batch = entities.slice(i, i + size);
    // A batch may mix kinds: group by kind because labels cannot be parameters.
    for (const kind of new Set(batch.map((e) => e.kind))) {
      const rows = batch.filter((e) => e.kind === kind).map((e) => entityProperties(e, null));
      await db.write(`UNWIND $rows AS row CREATE (e:Entity:${KIND_LABELS[kind]}) SET e = row`, { rows }, () => null);
      done += rows.length;
    }
    bar.update(done);
  }
  return bar.stop(done);
}

async function loadRelations(
  db: Database,
  relations: Iterable<Parameters<typeof relationProperties>[0]>,
  total: number,
  size: number,
) {
  const bar = progressBar('relations', total);
  // Relationship types cannot be parameters: one buffer, and one statement, per type.
  const buffers = new Map<RelationType, unknown[]>(RELATION_TYPE_NAMES.map((t) => [t, []]));
  let inFlight: Promise<void> = Promise.resolve();
  let done = 0;
  const flush = async (type: RelationType) => {
    const rows = buffers.get(type)!;
    if (rows.length === 0) return;
    buffers.set(type, []);
    await inFlight;
    inFlight = db
      .write(
        `UNWIND $rows AS row
         MATCH (a:Entity {slug: row.from})
         MATCH (b:Entity {slug: row.to})
         CREATE (a)-[r:${type}]->(b)
         SET r = row.props`,
        { rows },
        () => null,
      )
      .then(() => {
        done += rows.length;
        bar.update(done);
      });
    // A failure surfaces at the next `await inFlight`; until then it must not count as unhandled.
    inFlight.catch(() => {});
  };
  for (const relation of relations) {
    const rows = buffers.get(relation.type)!;
    rows.push({ from: relation.from, to: relation.to, props: relationProperties(relation, null) });
    if (rows.length >= size) await flush(relation.type);
  }
  for (const type of RELATION_TYPE_NAMES) await flush(type);
  await inFlight;
  return bar.stop(done);
}

main().catch((error: unknown) => {
  console.error(`\nbench:load failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
