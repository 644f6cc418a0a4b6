/**
 * Renders `bench/results/*.json` into the tables of `bench/RESULTS.md`. Only the part between the
 * two markers is generated; the text around it is written by hand and kept.
 *
 * Usage: `npm run bench:report` (also run at the end of every `bench:api` run).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BENCH_DIR,
  type QueryResult,
  type RunReport,
  type RunStats,
  readRunReports,
  type SideName,
} from './results.js';

const RESULTS_FILE = path.join(BENCH_DIR, 'RESULTS.md');
const START = '<!-- generated:start (npm run bench:report) -->';
const END = '<!-- generated:end -->';

const LABELS: Record<SideName, string> = {
  graphql: 'Archipel',
  cached: 'Archipel, cached',
  peer: '@neo4j/graphql',
  driver: 'driver floor',
  yoga: 'yoga floor',
};
/** The order of the sides' columns. */
const COLUMNS: SideName[] = ['graphql', 'cached', 'peer', 'driver', 'yoga'];
/** The ratios of p50 latencies shown for each question: each layer's cost over the one below it. */
const RATIOS: [SideName, SideName][] = [
  ['graphql', 'driver'],
  ['yoga', 'driver'],
  ['graphql', 'yoga'],
  // Repeated public reads from the response cache touch no database: below the driver floor.
  ['cached', 'driver'],
];

const answered = (s: RunStats | undefined): s is RunStats => !!s && s.requests > s.errors;
const ms = (x: number) => `${x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)} ms`;
const n = (x: number) => Math.round(x).toLocaleString('en-US');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
/** A side's p50 and throughput in one cell. */
const figures = (s: RunStats | undefined) => (answered(s) ? `${ms(s.latencyMs.p50)} · ${n(s.rps)}/s` : '–');

function questionRow({ title, sameData, refusal, peer, stats = {} }: QueryResult): string {
  const cells = 2 + COLUMNS.length + 3 + RATIOS.length;
  if (refusal)
    return `| \`${title}\` | refused: ${refusal.message} (in ${ms(median(refusal.latencyMs))}) |${' |'.repeat(cells - 1)}`;
  const errors = Object.values(stats).reduce((sum, s) => sum + s.errors, 0);
  const ratios = RATIOS.map(([a, b]) => {
    const [x, y] = [stats[a], stats[b]];
    return answered(x) && answered(y) ? `${(x.latencyMs.p50 / y.latencyMs.p50).toFixed(2)}×` : '–';
  });
  const [g, p, y] = [stats.graphql, stats.peer, stats.yoga];
  const versusPeer = answered(g) && answered(p) ? `**${(g.rps / p.rps).toFixed(2)}×**` : '–';
  const floorVersusPeer = answered(y) && answered(p) ? `${(y.rps / p.rps).toFixed(2)}×` : '–';
  const peerData = !peer ? '–' : 'cannot' in peer ? 'not expressible' : peer.sameData;
  const sides = COLUMNS.map((side) =>
    side === 'peer' && peer && 'cannot' in peer ? 'not expressible' : figures(stats[side]),
  );
  return (
    `| \`${title}\` | ${sameData} / ${peerData}${errors ? ` (${errors} errors)` : ''} | ${sides.join(' | ')} | ` +
    `${answered(g) ? ms(g.latencyMs.p99) : '–'} | ${versusPeer} | ${floorVersusPeer} | ${ratios.join(' | ')} |`
  );
}

/** Why the peer is not asked some questions, below the table. */
function peerCannot(r: RunReport): string[] {
  const lines = r.queries.flatMap(({ title, peer }) =>
    peer && 'cannot' in peer ? [`- \`${title}\`: ${peer.cannot}.`] : [],
  );
  return lines.length === 0
    ? []
    : ['Not expressible with @neo4j/graphql (without a hand-written `@cypher` field):', '', ...lines, ''];
}

function datasetSection(r: RunReport): string[] {
  const s = r.settings;
  return [
    `### ${r.label}: ${n(r.dataset.entities)} entities, ${n(r.dataset.relations)} relations`,
    '',
    `Run ${r.startedAt.slice(0, 16)}Z${r.commit ? ` on commit \`${r.commit}\`` : ''}, load average ${r.machine.loadAverage.join(' / ')} at the start. ${s.connections} connections; ` +
      `${s.globalWarmup} s of every question on every side first, then per question ${s.warmup} s of warm-up and ` +
      `${s.seconds} s per side in ${s.rounds} alternating slices. Median degree ${r.fixtureNotes.medianDegree}, framasoft ${r.fixtureNotes.hubDegree}.`,
    '',
    ...(r.command ? [`\`${r.command}\``, ''] : []),
    'Each side: p50 latency · successful answers per second. Same data: Archipel / the peer against the floor. ' +
      'Yoga floor / @neo4j/graphql: the most a server on graphql-yoga reached over the peer (the floor Cypher, nothing else).',
    '',
    `| question | same data | ${COLUMNS.map((side) => LABELS[side]).join(' | ')} | Archipel p99 | ` +
      `Archipel / @neo4j/graphql req/s | yoga floor / @neo4j/graphql req/s | ${RATIOS.map(([a, b]) => `${LABELS[a]} / ${LABELS[b]} p50`).join(' | ')} |`,
    `|---|---|${COLUMNS.map(() => '---:').join('|')}|---:|---:|---:|${RATIOS.map(() => '---:').join('|')}|`,
    ...r.queries.map(questionRow),
    '',
    ...peerCannot(r),
  ];
}

export function renderGenerated(reports: RunReport[]): string {
  if (reports.length === 0) return 'No results yet: run `npm run bench:api`.\n';
  const m = reports.at(-1)!.machine;
  const mixed = reports.filter((r) => r.mixed);
  return [
    `Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB RAM, ${m.os}; Node ${m.node}; ${m.java}; ${m.neo4j}; Neo4j JVM ${m.jvm}.`,
    '',
    ...reports.flatMap(datasetSection),
    ...(mixed.length === 0 ? [] : ['Mixed load (GraphQL only, the questions marked `mixed` in turn):', '']),
    ...mixed.map(({ label, settings: s, mixed: m }) => {
      const { p50, p99, max } = m!.latencyMs;
      return `- ${label}: ${s.mixedConnections} connections, ${m!.seconds.toFixed(0)} s, ${n(m!.requests)} requests, **${m!.errors} errors**, ${n(m!.rps)} req/s, p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(max)}.`;
    }),
    '',
  ].join('\n');
}

export function writeResultsMarkdown(): void {
  const generated = `${START}\n\n${renderGenerated(readRunReports())}${END}`;
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
