/**
 * How each question is measured on every side (`SIDES`, results.ts): its answers are compared
 * first, then every side is loaded with the same concurrency in alternating slices, so that all
 * sides see the same background load on a shared machine and their ratios stay meaningful even
 * when the absolute figures move. HTTP sides are loaded by autocannon; the driver floor, which has
 * no HTTP, by a closed loop of the same concurrency in this process. The peer (@neo4j/graphql) is
 * timed on the questions it can ask, once its answer is found equal to the floor's.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Database } from '../api/db/database.js';
import { graphqlProblem, httpLoad } from './autocannon.js';
import { type BenchQuery, nativeRow, type Row } from './queries.js';
import { type QueryResult, type RunStats, type Samples, SIDES, type SideName, summarise } from './results.js';
import type { ServerUrls } from './servers.js';
import { yogaFloorBody } from './yoga-floor.js';

/** `bench:api`'s settings (SETTINGS, api-vs-cypher.ts): durations in seconds. */
export type RunSettings = Record<'connections' | 'seconds' | 'rounds' | 'warmup' | 'globalWarmup', number> &
  Record<'mixedConnections' | 'mixedSeconds', number>;

/**
 * Checks every question's answers, then, after a warm-up, measures each accepted one on every
 * side, then the mixed load.
 */
export async function runQuestions(
  urls: ServerUrls,
  db: Database,
  queries: readonly BenchQuery[],
  settings: RunSettings,
) {
  const results: QueryResult[] = [];
  for (const query of queries) results.push(await checkAnswers(urls, db, query));
  const accepted = queries.filter((_, i) => results[i]!.sameData !== 'refused');
  const sides = sidesOf(urls, db);
  const sidesAsking = (query: BenchQuery) =>
    SIDES.filter((side) => side !== 'peer' || peerAgrees(results, queries, query));
  if (settings.globalWarmup > 0 && accepted.length > 0) {
    console.error(`Warming up (${settings.globalWarmup} s, every question in turn on every side)…`);
    // The embedded Neo4j compiles its hot code for tens of seconds after it starts: without this,
    // the first questions measured would pay for it.
    for (const side of SIDES) {
      const asked = accepted.filter((query) => sidesAsking(query).includes(side));
      if (asked.length > 0) await load(sides[side], asked, settings.connections, settings.globalWarmup / SIDES.length);
    }
  }
  for (const query of accepted) {
    const result = results[queries.indexOf(query)]!;
    result.stats = await measure(sides, sidesAsking(query), query, settings);
    const figures = Object.entries(result.stats).map(
      ([side, s]) => `${side} p50 ${s.latencyMs.p50.toFixed(1)} ms, ${s.rps.toFixed(0)} rps, ${s.errors} errors`,
    );
    const peer = result.peer && 'sameData' in result.peer ? `, peer ${result.peer.sameData}` : '';
    console.error(`${query.key} (${result.sameData}${peer}): ${figures.join(' | ')}`);
  }
  // GraphQL only, on many connections: any error fails the run.
  const mixedBodies = accepted.filter((q) => q.mixed).map((q) => JSON.stringify(q.graphql));
  const mixedLoad = { connections: settings.mixedConnections, seconds: settings.mixedSeconds };
  const mixed =
    settings.mixedSeconds > 0 && mixedBodies.length > 0
      ? summarise([await httpLoad(urls.graphql, mixedBodies, mixedLoad)])
      : null;
  return { results, mixed };
}

/** How a side is asked: an HTTP endpoint and the body of each question, or a call in this process. */
type Side = { url: string; body: (query: BenchQuery) => string } | { ask: (query: BenchQuery) => Promise<unknown> };

function sidesOf(urls: ServerUrls, db: Database): Record<SideName, Side> {
  return {
    graphql: { url: urls.graphql, body: (query) => JSON.stringify(query.graphql) },
    cached: { url: urls.cached, body: (query) => JSON.stringify(query.graphql) },
    driver: { ask: (query) => askFloor(db, query) },
    yoga: { url: urls.yoga, body: (query) => yogaFloorBody(query.key) },
    peer: { url: urls.peer, body: (query) => JSON.stringify(peerRequest(query)) },
  };
}

function peerRequest({ key, peer }: BenchQuery) {
  if ('cannot' in peer) throw new Error(`${key}: the peer cannot ask it`);
  return { query: peer.query, variables: peer.variables };
}

/** The peer is timed on a question only when it answered the same entities as the floor. */
function peerAgrees(results: readonly QueryResult[], queries: readonly BenchQuery[], query: BenchQuery) {
  const peer = results[queries.indexOf(query)]?.peer;
  return !!peer && 'sameData' in peer && peer.sameData !== 'different';
}

const askFloor = async (db: Database, query: BenchQuery) =>
  query.floor.shape(await db.read(query.floor.cypher, query.floor.params, nativeRow));

/** `connections` clients asking `queries` in turn for `seconds`. */
function load(side: Side, queries: readonly BenchQuery[], connections: number, seconds: number): Promise<Samples> {
  if ('url' in side) return httpLoad(side.url, queries.map(side.body), { connections, seconds });
  return closedLoop((n) => side.ask(queries[n % queries.length]!), connections, seconds);
}

/** Each of `connections` clients sends a request, waits for the answer, and sends the next. */
async function closedLoop(task: (n: number) => Promise<unknown>, connections: number, seconds: number) {
  const samples: Samples = { latencies: [], errorKinds: {}, seconds: 0 };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const client = async (id: number) => {
    for (let n = id; performance.now() < deadline; n += connections) {
      const t0 = performance.now();
      try {
        await task(n);
        samples.latencies.push(performance.now() - t0);
      } catch (error) {
        const kind = error instanceof Error ? error.message.slice(0, 160) : String(error);
        samples.errorKinds[kind] = (samples.errorKinds[kind] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, id) => client(id)));
  samples.seconds = (performance.now() - started) / 1000;
  return samples;
}

/**
 * Asks GraphQL, the driver floor and the yoga floor once and compares their answers: a floor that
 * fetched less would flatter nothing. A GraphQL error (e.g. GRAPH_TOO_LARGE at scale) marks the
 * question as refused; then only how fast the refusal comes is measured.
 */
async function checkAnswers(urls: ServerUrls, db: Database, query: BenchQuery): Promise<QueryResult> {
  const post = async (url: string, body: string) => {
    const started = performance.now();
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { status: response.status, text: await response.text(), ms: performance.now() - started };
  };
  const { key, title } = query;
  let first = await post(urls.graphql, JSON.stringify(query.graphql));
  // A cold first request may time out where a warm one would not: a refusal must repeat.
  if (graphqlProblem(first.status, first.text)) first = await post(urls.graphql, JSON.stringify(query.graphql));
  const problem = graphqlProblem(first.status, first.text);
  if (problem) {
    const latencyMs = [first.ms];
    for (let i = 0; i < 4; i++) latencyMs.push((await post(urls.graphql, JSON.stringify(query.graphql))).ms);
    const peer = 'cannot' in query.peer ? { peer: { cannot: query.peer.cannot } } : {};
    return { key, title, sameData: 'refused', refusal: { message: problem, latencyMs }, ...peer };
  }
  const floor = await askFloor(db, query);
  const yoga = await post(urls.yoga, yogaFloorBody(key));
  const yogaRows = (JSON.parse(yoga.text) as { data?: { floor?: Row[] } }).data?.floor;
  if (!yogaRows || !isDeepStrictEqual(query.floor.shape(yogaRows), floor)) {
    throw new Error(`${key}: the yoga floor does not answer the driver floor's rows: ${yoga.text.slice(0, 300)}`);
  }
  const graphql = (JSON.parse(first.text) as { data: unknown }).data;
  const sameData = compare(query, 'GraphQL', graphql, floor);
  // Asked twice: the second answer comes from the cache, and must be the first one.
  for (let i = 0; i < 2; i++) {
    const cached = await post(urls.cached, JSON.stringify(query.graphql));
    if (!isDeepStrictEqual((JSON.parse(cached.text) as { data?: unknown }).data, graphql)) {
      throw new Error(`${key}: the cached API does not answer as the API: ${cached.text.slice(0, 300)}`);
    }
  }
  if ('cannot' in query.peer) return { key, title, sameData, peer: { cannot: query.peer.cannot } };
  const peer = await post(urls.peer, JSON.stringify(peerRequest(query)));
  const peerProblem = graphqlProblem(peer.status, peer.text);
  if (peerProblem) throw new Error(`${key}: the peer answered ${peerProblem}`);
  const peerData = query.peer.shape((JSON.parse(peer.text) as { data: unknown }).data);
  return { key, title, sameData, peer: { sameData: compare(query, 'the peer', peerData, floor) } };
}

/** Whether an answer is the floor's: identical, equal once put in canonical form, or different (then shown). */
function compare(query: BenchQuery, side: string, data: unknown, floor: unknown) {
  const canonical = query.canonical ?? ((value: unknown) => value);
  const sameData = isDeepStrictEqual(data, floor)
    ? 'same'
    : isDeepStrictEqual(canonical(data), canonical(floor))
      ? 'equivalent'
      : 'different';
  if (sameData === 'different') {
    console.error(
      `${query.key}: ${side} ${JSON.stringify(data).slice(0, 600)}\n  differs from ${JSON.stringify(floor).slice(0, 600)}`,
    );
  }
  return sameData;
}

/**
 * One question on the sides that ask it: a warm-up of each, then slices in alternating order
 * (G D Y P, P Y D G, …).
 */
async function measure(
  sides: Record<SideName, Side>,
  asking: readonly SideName[],
  query: BenchQuery,
  settings: RunSettings,
) {
  const { connections, rounds } = settings;
  for (const side of asking) await load(sides[side], [query], connections, settings.warmup);
  const slices = Object.fromEntries(asking.map((side) => [side, [] as Samples[]])) as Record<SideName, Samples[]>;
  for (let round = 0; round < rounds; round++) {
    for (const side of round % 2 === 0 ? asking : [...asking].reverse()) {
      slices[side].push(await load(sides[side], [query], connections, settings.seconds / rounds));
    }
  }
  return Object.fromEntries(asking.map((side) => [side, summarise(slices[side])])) as Partial<
    Record<SideName, RunStats>
  >;
}
