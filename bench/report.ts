/**
 * Renders `bench/results/*.json` into the tables of `bench/RESULTS.md`. Only the part between the
 * two markers is generated; the reading of the figures around it is written by hand and kept.
 *
 * Usage: `npm run bench:report` (also called at the end of every `bench:api` run).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { QueryResult } from './api-vs-cypher.js';
import { type RunStats, ratioOf } from './load.js';
import type { MachineDescription } from './machine.js';
import type { DatasetMarker } from './neo4j.js';
import type { QueryProfile } from './profile.js';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_FILE = path.join(BENCH_DIR, 'RESULTS.md');
const START = '<!-- generated:start (npm run bench:report) -->';
const END = '<!-- generated:end -->';

interface Report {
  label: string;
  startedAt: string;
  dataset: { kind: string; entities: number; relations: number; marker: DatasetMarker | null };
  machine: MachineDescription;
  settings: {
    connections: number;
    seconds: number;
    warmupSeconds: number;
    globalWarmupSeconds?: number;
    rounds?: number;
    runner: string;
    txTimeoutMs: number;
    mixed: { connections: number; seconds: number; queries: string[] };
  };
  fixtureNotes: {
    medianDegree: number;
    hubDegree: number;
    focusViews: { slug: string; nodes: number }[];
    pathLength: number | null;
  };
  queries: (QueryResult & { refusal?: { floorMs?: number; floorError?: string } })[];
  profiles: QueryProfile[];
  mixed: (RunStats & { perQuery?: Record<string, RunStats> }) | null;
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const n = (x: number) => Math.round(x).toLocaleString('en-US');
const ratio = (x: number) => `${x.toFixed(2)}×`;

function loadReports(): Report[] {
  const dir = path.join(BENCH_DIR, 'results');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.startsWith('load-'))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Report)
    .sort((a, b) => a.dataset.entities - b.dataset.entities);
}

function machineSection(reports: Report[]): string[] {
  const m = reports.at(-1)!.machine;
  return [
    '### Machine',
    '',
    `- ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB RAM, ${m.os}`,
    `- Node ${m.node}; ${m.java}; ${m.neo4j}`,
    `- Neo4j JVM: ${m.jvm}`,
    `- Load average when each run started: ${reports.map((r) => `${r.label} ${r.machine.loadAverage.join(' / ')}`).join('; ')}`,
    '',
  ];
}

interface LoadRecord {
  dataDir: string;
  entities: number;
  relations: number;
  loadedAt: string;
  load: Record<string, number> & { loadAverage?: { before: number; after: number } };
  gcPauses: { count: number; totalMs: number; maxMs: number } | null;
  degrees: Record<string, unknown>;
}

function loadRecords(): LoadRecord[] {
  const dir = path.join(BENCH_DIR, 'results');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.startsWith('load-') && f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as LoadRecord)
    .sort((a, b) => a.relations - b.relations || a.loadedAt.localeCompare(b.loadedAt));
}

function loadSection(): string[] {
  const loads = loadRecords();
  if (loads.length === 0) return [];
  const lines = [
    '### Bulk load (`bench:load`)',
    '',
    '| data directory | entities | relations | entities/s | relations/s | total | batch | page cache | load avg. before → after | JVM GC pauses |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|---|',
  ];
  for (const r of loads) {
    const l = r.load;
    const total = (l.entitySeconds ?? 0) + (l.relationSeconds ?? 0);
    const gc = r.gcPauses
      ? `${r.gcPauses.count}, ${(r.gcPauses.totalMs / 1000).toFixed(1)} s (max ${r.gcPauses.maxMs} ms)`
      : '–';
    lines.push(
      `| ${r.dataDir} | ${n(r.entities)} | ${n(r.relations)} | ${n(l.entitiesPerSecond ?? 0)} | ${n(l.relationsPerSecond ?? 0)} | ` +
        `${Math.round(total)} s | ${n(l.batchSize ?? 0)} | ${l.pageCacheMb} MB | ` +
        `${l.loadAverage ? `${l.loadAverage.before} → ${l.loadAverage.after}` : '–'} | ${gc} |`,
    );
  }
  lines.push('', 'Degrees of the synthetic graphs (relations per entity):', '');
  const seen = new Set<number>();
  for (const r of loads) {
    if (seen.has(r.relations)) continue;
    seen.add(r.relations);
    const d = r.degrees;
    const p = d.percentiles as Record<string, number>;
    lines.push(
      `- ${n(r.entities)} / ${n(r.relations)}: p50 ${p.p50}, p90 ${p.p90}, p99 ${p.p99}, p99.9 ${p.p999}, ` +
        `max ${(d.maxDegree as { degree: number }).degree} (framasoft); framasoft hosts PeerTube for ${d.peertubeHostedByFramasoft}.`,
    );
  }
  return [...lines, ''];
}

function querySection(r: Report): string[] {
  const s = r.settings;
  const lines = [
    `### ${r.label}: ${n(r.dataset.entities)} entities, ${n(r.dataset.relations)} relations`,
    '',
    `${s.connections} connections, ${s.globalWarmupSeconds ? `${s.globalWarmupSeconds} s of every question first, ` : ''}` +
      `${s.warmupSeconds} s warm-up then ${s.seconds} s per side in ${s.rounds ?? 1} alternating slices; HTTP load (GraphQL, HTTP and yoga floors) by ` +
      `${s.runner === 'autocannon' ? 'autocannon' : 'the built-in closed loop (autocannon not installed)'}, the driver floor by the same closed loop; ` +
      `median degree ${r.fixtureNotes.medianDegree}, framasoft ${r.fixtureNotes.hubDegree}.`,
    '',
    '| question | same data | GraphQL p50 | p99 | req/s | Cypher p50 | p99 | req/s | ratio p50 | ratio p99 | req/s ratio |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const q of r.queries) {
    if (q.sameData === 'refused' || !q.graphql || !q.cypher) {
      const times = q.refusal?.latencyMs ?? [];
      const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
      const floor = q.refusal?.floorMs
        ? `${ms(q.refusal.floorMs)} ms (once)`
        : q.refusal?.floorError
          ? `failed too: ${q.refusal.floorError.slice(0, 60)}`
          : '';
      lines.push(
        `| \`${q.title}\` | refused: ${q.refusal?.message ?? '?'} | ${ms(median)} ms (sequential) | | | ${floor} | | | | | |`,
      );
      continue;
    }
    const g = q.graphql;
    const c = q.cypher;
    const errors = g.errors + c.errors ? ` (errors ${g.errors}/${c.errors})` : '';
    const how = q.probe ? ' *(sequential, 3 runs)*' : '';
    lines.push(
      `| \`${q.title}\`${how} | ${q.sameData}${errors} | ${ms(g.latencyMs.p50)} ms | ${ms(g.latencyMs.p99)} ms | ${n(g.rps)} | ` +
        `${ms(c.latencyMs.p50)} ms | ${ms(c.latencyMs.p99)} ms | ${n(c.rps)} | ` +
        (q.ratio ? `**${ratio(q.ratio.p50)}** | ${ratio(q.ratio.p99)} | ${q.ratio.rps.toFixed(2)} |` : '– | – | – |'),
    );
  }
  lines.push(...layersTable(r));
  lines.push(
    '',
    'Where the time goes (sequential, in-process, no HTTP; medians): round trips the API makes, Neo4j time inside them, ' +
      'the rest of the GraphQL execution, the floor alone, and the plans (database hits; label/type scans, if any).',
    '',
    '| question | round trips | GraphQL | of which Neo4j | GraphQL overhead | floor | answer | API db hits | floor db hits | scans |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  );
  for (const p of r.profiles) {
    const apiHits = p.statements.reduce((sum, st) => sum + Math.max(0, st.plan?.dbHits ?? 0), 0);
    const scans = [
      ...p.statements.flatMap((st) => st.plan?.scans ?? []),
      ...(p.floorPlan?.scans ?? []).map((x) => `floor: ${x}`),
    ];
    lines.push(
      `| ${p.key} | ${p.roundTrips} | ${ms(p.graphqlMs)} ms | ${ms(p.neo4jMs)} ms | ${ms(p.overheadMs)} ms | ${ms(p.floorMs)} ms | ` +
        `${(p.responseBytes / 1024).toFixed(1)} KB | ${n(apiHits)} | ${n(p.floorPlan?.dbHits ?? 0)} | ${scans.length ? scans.join('; ') : 'none'} |`,
    );
  }
  return [...lines, ''];
}

/**
 * The same p50s split by layer: the driver floor, the floor behind a bare HTTP endpoint, behind
 * graphql-yoga with a one-field schema, and Archipel's GraphQL. Each ratio is one layer's cost.
 */
function layersTable(r: Report): string[] {
  const measured = r.queries.filter((q) => q.cypher && q.graphql && q.httpFloor);
  if (measured.length === 0) return [];
  const p50 = (stats: RunStats | undefined) => (stats ? `${ms(stats.latencyMs.p50)} ms` : '–');
  const over = (a: RunStats | undefined, b: RunStats | undefined) => {
    const r = a && b ? ratioOf(a, b) : undefined;
    return r ? ratio(r.p50) : '–';
  };
  const lines = [
    '',
    'The same p50s by layer: the floor behind a bare `node:http` endpoint (`bench/floor-server.ts`: what any HTTP API ' +
      "costs), behind graphql-yoga with a one-field schema returning the floor's rows (`bench/yoga-floor.ts`: what the " +
      "GraphQL server Archipel is built on costs, before any of Archipel's code), and Archipel's GraphQL.",
    '',
    '| question | driver floor | HTTP floor | yoga floor | GraphQL | HTTP floor / driver floor | yoga floor / driver floor | GraphQL / yoga floor | GraphQL / HTTP floor |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const q of measured) {
    lines.push(
      `| ${q.key} | ${p50(q.cypher)} | ${p50(q.httpFloor)} | ${p50(q.yogaFloor)} | ${p50(q.graphql)} | ` +
        `${over(q.httpFloor, q.cypher)} | ${over(q.yogaFloor, q.cypher)} | ${over(q.graphql, q.yogaFloor)} | ` +
        `${over(q.graphql, q.httpFloor)} |`,
    );
  }
  return lines;
}

function mixedSection(reports: Report[]): string[] {
  const runs = reports.filter((r) => r.mixed);
  if (runs.length === 0) return [];
  const lines = [
    '### Mixed load run',
    '',
    '| dataset | connections | duration | requests | errors | req/s | p50 | p99 | max |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of runs) {
    const m = r.mixed!;
    lines.push(
      `| ${r.label} | ${r.settings.mixed.connections} | ${m.seconds.toFixed(0)} s | ${n(m.requests)} | **${m.errors}** | ${n(m.rps)} | ` +
        `${ms(m.latencyMs.p50)} ms | ${ms(m.latencyMs.p99)} ms | ${ms(m.latencyMs.max)} ms |`,
    );
  }
  for (const r of runs) {
    if (!r.mixed?.perQuery) continue;
    const per = Object.entries(r.mixed.perQuery)
      .map(([key, s]) => `${key} p50 ${ms(s.latencyMs.p50)} / p99 ${ms(s.latencyMs.p99)} ms`)
      .join('; ');
    lines.push('', `${r.label}, per question: ${per}.`);
    if (r.mixed.errors) lines.push('', `Errors: ${JSON.stringify(r.mixed.errorKinds)}`);
  }
  return [...lines, ''];
}

function growthSection(reports: Report[]): string[] {
  if (reports.length < 2) return [];
  const keys = [...new Set(reports.flatMap((r) => r.queries.map((q) => q.key)))];
  const base = reports[0]!;
  const lines = [
    '### Growth with the data (GraphQL p50, under the same load)',
    '',
    `| question | ${reports.map((r) => `${r.label} (${n(r.dataset.relations)} rel.)`).join(' | ')} |`,
    `|---|${reports.map(() => '---:').join('|')}|`,
  ];
  for (const key of keys) {
    const cells = reports.map((r) => {
      const q = r.queries.find((x) => x.key === key);
      if (!q) return '–';
      if (!q.graphql) return 'refused';
      return `${ms(q.graphql.latencyMs.p50)} ms`;
    });
    lines.push(`| ${key} | ${cells.join(' | ')} |`);
  }
  lines.push(
    `| *data size* | ${reports.map((r) => `×${(r.dataset.relations / base.dataset.relations).toFixed(0)}`).join(' | ')} |`,
  );
  return [...lines, ''];
}

export function renderGenerated(reports: Report[]): string {
  if (reports.length === 0) return 'No results yet: run `npm run bench:api`.';
  return [
    ...machineSection(reports),
    ...loadSection(),
    ...reports.flatMap(querySection),
    ...mixedSection(reports),
    ...growthSection(reports),
  ].join('\n');
}

export function writeResultsMarkdown(): void {
  const generated = `${START}\n\n${renderGenerated(loadReports())}\n${END}`;
  const current = existsSync(RESULTS_FILE)
    ? readFileSync(RESULTS_FILE, 'utf8')
    : `# Benchmark results\n\n${START}\n${END}\n`;
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${current.slice(0, start)}${generated}${current.slice(end + END.length)}`
      : `${current.trimEnd()}\n\n${generated}\n`;
  writeFileSync(RESULTS_FILE, next);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) writeResultsMarkdown();
