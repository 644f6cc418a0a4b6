/**
 * What one `bench:api` run records, one JSON file per dataset in `bench/results/` (git-ignored),
 * which `report.ts` renders into `bench/RESULTS.md`: the figures of each side, and the machine they
 * were measured on, so that they are never read without their context.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../api/db/database.js';
import { embeddedJvmOptions } from '../api/db/embedded.js';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.join(BENCH_DIR, 'results');

/**
 * The sides each question is measured on, in the order of their alternating slices: Archipel's
 * GraphQL over HTTP; the hand-written Cypher through neo4j-driver in this process (the driver
 * floor); that Cypher served by a one-field graphql-yoga schema (the yoga floor); @neo4j/graphql
 * over the same data, served by graphql-yoga too (the peer, peer.ts), for the questions it can ask.
 */
export const SIDES = ['graphql', 'cached', 'driver', 'yoga', 'peer'] as const;
export type SideName = (typeof SIDES)[number];

export interface RunStats {
  requests: number;
  errors: number;
  /** Error messages (GraphQL code, HTTP status or exception) and how often each occurred. */
  errorKinds: Record<string, number>;
  seconds: number;
  /** Successful answers per second. */
  rps: number;
  latencyMs: { p50: number; p99: number; max: number };
}

/** The raw measurements of one load run; slices of one side are pooled before `summarise`. */
export interface Samples {
  /** Response times of the successful answers, in ms. */
  latencies: number[];
  errorKinds: Record<string, number>;
  seconds: number;
}

/** One figure from the samples of one or more runs, by the same percentile code for every side. */
export function summarise(runs: readonly Samples[]): RunStats {
  const sorted = Float64Array.from(runs.flatMap((r) => r.latencies)).sort();
  const at = (q: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : 0;
  const errorKinds: Record<string, number> = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.errorKinds)) errorKinds[k] = (errorKinds[k] ?? 0) + v;
  const errors = Object.values(errorKinds).reduce((a, b) => a + b, 0);
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  return {
    requests: sorted.length + errors,
    errors,
    errorKinds,
    seconds,
    rps: sorted.length / seconds,
    latencyMs: { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0 },
  };
}

export interface QueryResult {
  key: string;
  title: string;
  /** same: identical answers; equivalent: equal up to the order of ties; refused: GraphQL answered an error. */
  sameData: 'same' | 'equivalent' | 'different' | 'refused';
  /** The error and how long each of a few sequential refusals took. */
  refusal?: { message: string; latencyMs: number[] };
  /** The peer's answer against the floor's (then it is timed), or why it cannot ask the question. */
  peer?: { sameData: 'same' | 'equivalent' | 'different' } | { cannot: string };
  stats?: Partial<Record<SideName, RunStats>>;
}

export interface RunReport {
  label: string;
  startedAt: string;
  /** The commit measured (`+ changes` when the work tree differed from it) and the command run. */
  commit?: string;
  command?: string;
  dataset: { kind: string; entities: number; relations: number };
  machine: MachineDescription;
  /** The numeric settings of `bench:api` this run used (`SETTINGS`, api-vs-cypher.ts). */
  settings: Record<string, number>;
  fixtureNotes: { medianDegree: number; hubDegree: number };
  queries: QueryResult[];
  /** Every accepted question in turn on many connections: any error fails the run. */
  mixed: RunStats | null;
}

export function writeRunReport(report: RunReport): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${report.label}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return path.relative(path.dirname(BENCH_DIR), file);
}

/** Every recorded run, smallest dataset first. */
export function readRunReports(): RunReport[] {
  if (!existsSync(RESULTS_DIR)) return [];
  return readdirSync(RESULTS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(RESULTS_DIR, f), 'utf8')) as RunReport)
    .sort((a, b) => a.dataset.relations - b.dataset.relations);
}

/** The commit checked out, with `+ changes` when the work tree differs from it. */
export function currentCommit(): string {
  const git = (...args: string[]) => spawnSync('git', args, { encoding: 'utf8' }).stdout.trim();
  const head = git('rev-parse', '--short', 'HEAD') || 'unknown';
  return git('status', '--porcelain', '--untracked-files=no') ? `${head} + changes` : head;
}

export type MachineDescription = Awaited<ReturnType<typeof describeMachine>>;

export async function describeMachine(db: Database, neo4j: { pageCacheMb: number; heapMb: number; uri?: string }) {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const [version] = await db.read(
    'CALL dbms.components() YIELD name, versions, edition RETURN name + " " + versions[0] + " " + edition AS v',
    {},
    (r) => r.get('v') as string,
  );
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    java: (java.stderr || java.stdout || 'unknown').split('\n')[0]!.trim(),
    neo4j: version ?? 'unknown',
    /** The embedded launcher's JVM flags (api/db/embedded.ts) and the page cache this run used. */
    jvm: neo4j.uri
      ? 'external server'
      : `embedded, ${embeddedJvmOptions(neo4j.heapMb).join(' ')}, page cache ${neo4j.pageCacheMb} MB`,
    /** Load average when the run started: other work on the machine skews every figure. */
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
