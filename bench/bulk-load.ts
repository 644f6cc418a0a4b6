/**
 * `npm run bench:load -- --entities 100000 --relations 1000000`: generates a synthetic archipelago
 * (`synthetic.ts`) and loads it into an empty Neo4j with batched `UNWIND … CREATE` (no MERGE: the
 * database is empty and the generator guarantees unique slugs and ids), after `ensureSchema`, so
 * that the benchmark exercises the API's own constraints and indexes.
 *
 * One batch is in flight while the next one is generated, so that Node and the JVM work in
 * parallel. The data directory (default `.data/bench-<N>-<M>`) keeps the graph for `bench:api`.
 */
import { Command, InvalidArgumentError } from 'commander';
import type { Database } from '../api/db/database.js';
import { entityProperties, relationProperties } from '../api/db/records/write.js';
import { ensureSchema } from '../api/db/schema-setup.js';
import type { Entity } from '../model/seed-format.js';
import { KIND_LABELS, RELATION_TYPE_NAMES, type RelationType } from '../model/vocabulary.js';
import { countGraph, openBenchNeo4j, shortCount } from './neo4j.js';
import { generateSynthetic, type SyntheticRelation } from './synthetic.js';

const positiveInt = (value: string) => {
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
};

const options = new Command('bench-load')
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
  .parse()
  .opts<{
    entities: number;
    relations: number;
    seed: number;
    hubShare: number;
    dataDir?: string;
    uri?: string;
    pageCacheMb: number;
    heapMb: number;
    batchSize: number;
  }>();

async function main() {
  const dataDir = options.dataDir ?? `.data/bench-${shortCount(options.entities)}-${shortCount(options.relations)}`;
  const neo = await openBenchNeo4j({ ...options, dataDir, log: console.error });
  try {
    const existing = await countGraph(neo.db);
    if (existing.entities > 0) {
      throw new Error(
        `${options.uri ?? dataDir} already holds ${existing.entities} entities and ${existing.relations} relations. ` +
          'This loader CREATEs into an empty database: empty it first, or pass another --data-dir.',
      );
    }
    await ensureSchema(neo.db);
    const data = generateSynthetic(options);
    console.error(`Loading ${options.entities} entities and ${options.relations} relations (seed ${options.seed})…`);
    const entities = await loadEntities(neo.db, data.entities, options.batchSize);
    const relations = await loadRelations(neo.db, data.relations(), options.relations, options.batchSize);
    // The full-text index must have caught up before anyone measures search.
    await neo.db.write('CALL db.awaitIndexes(600)', {}, () => null);
    console.log(JSON.stringify({ dataDir, entities, relations, degrees: data.stats() }, null, 2));
  } finally {
    await neo.close();
  }
}

/** Counts what was loaded; a line every 10 s, since long loads run unattended. */
function progress(label: string, total: number) {
  const started = performance.now();
  let done = 0;
  const timer = setInterval(() => console.error(`${label}: ${done}/${total}`), 10_000);
  return {
    add(rows: number) {
      done += rows;
    },
    end() {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      return { rows: done, seconds: Math.round(seconds), perSecond: Math.round(done / seconds) };
    },
  };
}

async function loadEntities(db: Database, entities: readonly Entity[], size: number) {
  const counter = progress('entities', entities.length);
  for (let i = 0; i < entities.length; i += size) {
    const batch = entities.slice(i, i + size);
    // Labels cannot be parameters: one statement per kind.
    for (const kind of new Set(batch.map((e) => e.kind))) {
      const rows = batch.filter((e) => e.kind === kind).map((e) => entityProperties(e, null));
      await db.write(`UNWIND $rows AS row CREATE (e:Entity:${KIND_LABELS[kind]}) SET e = row`, { rows }, () => null);
      counter.add(rows.length);
    }
  }
  return counter.end();
}

async function loadRelations(db: Database, relations: Iterable<SyntheticRelation>, total: number, size: number) {
  const counter = progress('relations', total);
  // Relationship types cannot be parameters: one buffer, and one statement, per type.
  const buffers = new Map<RelationType, unknown[]>(RELATION_TYPE_NAMES.map((t) => [t, []]));
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async (type: RelationType) => {
    const rows = buffers.get(type)!;
    if (rows.length === 0) return;
    buffers.set(type, []);
    await inFlight;
    const statement = `UNWIND $rows AS row
      MATCH (a:Entity {slug: row.from})
      MATCH (b:Entity {slug: row.to})
      CREATE (a)-[r:${type}]->(b)
      SET r = row.props`;
    inFlight = db.write(statement, { rows }, () => null).then(() => counter.add(rows.length));
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
  return counter.end();
}

main().catch((error: unknown) => {
  console.error(`\nbench:load failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
