/**
 * Seed command line: `validate`, `load` and `export` the dataset.
 *
 * Usage: `npm run seed:validate`, `npm run seed`, `npm run seed:export -- --out backup/`.
 * `load` and `export` use NEO4J_URI when set, else the embedded Neo4j (see README).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../core/config.js';
import { connectNeo4j } from '../db/connect.js';
import { Database } from '../db/database.js';
import { StartupError } from '../db/embedded.js';
import { bumpCacheGeneration, closeSharedState, openSharedState, redactedUrl, whenReady } from '../db/shared-state.js';
import { findCitationProblems } from './check-quotes.js';
import { fidelityProblems, formatFidelityProblems, reportFidelityProblems } from './checks/index.js';
import { checkCoverage } from './coverage/check.js';
import { readCoverage } from './coverage/format.js';
import { exportDataset, writeExport } from './export.js';
import { loadDataset } from './load.js';
import { COVERAGE_DIR, formatProblems, readSeeds } from './read.js';
import { findReport, MissingReportError, readReport } from './report.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const defaultSeedDir = path.join(repoRoot, 'seeds');

async function validated(dir: string) {
  const result = await readSeeds(dir);
  if (!result.ok) {
    console.error(formatProblems(result.problems));
    console.error(`\n${result.problems.length} problem(s) in ${dir}; nothing was loaded.`);
    process.exit(1);
  }
  return result;
}

const program = new Command('archipel-seed').description('Validate, load and export the Archipel dataset');

program
  .command('validate')
  .description('check the seed files (format, references, quotes against the report) without a database')
  .option('--dir <dir>', 'seed directory', defaultSeedDir)
  .action(async (options: { dir: string }) => {
    const result = await validated(options.dir);
    const failures: string[] = [];
    const fail = (lines: string[], what: string) => {
      if (lines.length === 0) return;
      console.error(lines.join('\n'));
      failures.push(`${lines.length} ${what}`);
    };
    fail(formatLines(formatFidelityProblems(fidelityProblems(result))), 'fidelity problem(s)');
    const reportFile = findReport(repoRoot);
    if (reportFile) {
      const report = await readReport(reportFile);
      const citations = findCitationProblems(result.relations, report);
      fail(
        citations.map((p) => `seeds/${p.file} relation ${p.relationId}: ${p.message}`),
        'citation problem(s)',
      );
      fail(formatLines(formatFidelityProblems(reportFidelityProblems(result, report))), 'quote problem(s)');
      const coverageFiles = await listCoverageFiles(options.dir);
      if (coverageFiles.length > 0) {
        const read = await readCoverage(options.dir, coverageFiles);
        const checked = checkCoverage(read.sections, report, result);
        const problems = [...read.problems, ...checked.problems];
        fail(
          problems.map((p) => `seeds/${p.file}:${p.line} ${p.field}: ${p.message}`),
          'coverage problem(s)',
        );
        const { sections, held, explained, empty } = checked.summary;
        console.log(
          `coverage: ${sections} sections of the report; ${held} held by relations or entities, ` +
            `${explained} explained without one, ${empty} stating no fact`,
        );
      } else {
        console.warn(
          `notice: no ${COVERAGE_DIR}/ in ${options.dir}; the reconciliation with the report was not checked`,
        );
      }
    } else {
      console.warn('notice: the report was not found (set ARCHIPEL_REPORT); quotes were not checked');
    }
    if (failures.length > 0) {
      console.error(`\n${failures.join(', ')}`);
      process.exit(1);
    }
    console.log(`ok: ${result.entities.length} entities, ${result.relations.length} relations`);
  });

function formatLines(text: string): string[] {
  return text ? text.split('\n') : [];
}

async function listCoverageFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(dir, COVERAGE_DIR)).catch(() => [] as string[]);
  return entries.filter((name) => /\.ya?ml$/.test(name)).sort();
}

program
  .command('load')
  .description('load the seed files into Neo4j (the graph becomes equal to the seeds)')
  .option('--dir <dir>', 'seed directory', defaultSeedDir)
  .action(async (options: { dir: string }) => {
    const dataset = await validated(options.dir);
    await withNeo4j(async (db) => {
      const showBar = process.stderr.isTTY && !process.env.CI;
      const bar = new SingleBar({ format: 'loading [{bar}] {value}/{total} entries', clearOnComplete: true });
      if (showBar) bar.start(dataset.entities.length + dataset.relations.length, 0);
      const summary = await loadDataset(db, dataset, { onProgress: (done) => showBar && bar.update(done) });
      if (showBar) bar.stop();
      console.log(
        `loaded ${summary.entities} entities and ${summary.relations} relations ` +
          `(removed ${summary.removedEntities} entities and ${summary.removedRelations} relations no longer in the seeds)`,
      );
    }, LOAD_TX_TIMEOUT_MS);
    await emptySharedResponseCache(loadConfig().REDIS_URL);
  });

/**
 * After a load: empties the response cache of every API process sharing REDIS_URL, which cannot
 * see a load made by another process (without Redis, they show it once their answers expire).
 * A Redis that does not answer is a warning, not a failure: the data is loaded.
 */
async function emptySharedResponseCache(url: string | undefined) {
  if (!url) return;
  const redis = openSharedState(url);
  try {
    if (!(await whenReady(redis, 5_000))) throw new Error('no answer within 5 s');
    await bumpCacheGeneration(redis);
    console.log(`emptied the API's shared response cache (Redis at ${redactedUrl(url)})`);
  } catch (error) {
    console.warn(
      `warning: could not empty the API's shared response cache at ${redactedUrl(url)} (${(error as Error).message}); ` +
        'the API shows the new data once its cached answers expire',
    );
  } finally {
    await closeSharedState(redis);
  }
}

program
  .command('export')
  .description('write the graph back to seed files (a backup that `load` restores)')
  .requiredOption('--out <dir>', 'output directory (YAML files there that the export does not produce are removed)')
  .action(async (options: { out: string }) => {
    await withNeo4j(async (db) => {
      const files = await exportDataset(db);
      await writeExport(options.out, files);
      console.log(`exported ${files.size} file(s) to ${options.out}`);
    });
  });

/**
 * A load writes the whole dataset: it gets more time than one API query (NEO4J_TX_TIMEOUT_MS), as
 * the start-up load does (api/main.ts), so that a busy machine does not time it out.
 */
const LOAD_TX_TIMEOUT_MS = 120_000;

async function withNeo4j(work: (db: Database) => Promise<void>, minTxTimeoutMs = 0) {
  const config = loadConfig();
  const neo4j = await connectNeo4j(config, (line) => console.error(line));
  const db =
    minTxTimeoutMs > config.NEO4J_TX_TIMEOUT_MS
      ? new Database(neo4j.driver, { ...neo4j.db.options, txTimeoutMs: minTxTimeoutMs })
      : neo4j.db;
  try {
    await work(db);
  } finally {
    await neo4j.close();
  }
}

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof ConfigError || error instanceof StartupError || error instanceof MissingReportError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
