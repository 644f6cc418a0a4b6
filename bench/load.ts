/**
 * Closed-loop load generation: `connections` virtual clients each send a request, wait for the
 * answer, and send the next, for a fixed duration. The same loop drives GraphQL over HTTP and the
 * raw Cypher floor, so both sides are measured identically (same concurrency, same clock, same
 * percentile code). With autocannon installed, GraphQL runs can use it instead (see `autocannon.ts`).
 *
 * Usage: `const stats = await closedLoop(() => post(body), { connections: 10, durationMs: 10_000 })`.
 */
import http from 'node:http';

export interface RunStats {
  requests: number;
  errors: number;
  /** Error messages (GraphQL code, HTTP status or exception) and how often each occurred. */
  errorKinds: Record<string, number>;
  seconds: number;
  rps: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
}

export interface Ratio {
  p50: number;
  p99: number;
  rps: number;
}

/** A over B for latencies (higher is slower) and throughput (lower is slower); none without successes. */
export function ratioOf(a: RunStats, b: RunStats): Ratio | undefined {
  if (a.requests <= a.errors || b.requests <= b.errors) return undefined;
  return { p50: a.latencyMs.p50 / b.latencyMs.p50, p99: a.latencyMs.p99 / b.latencyMs.p99, rps: a.rps / b.rps };
}

export interface LoopOptions {
  connections: number;
  durationMs: number;
}

/** Raw samples of one or more runs; `summarise` turns them into `RunStats`. */
export interface Samples {
  latencies: number[];
  errors: number;
  errorKinds: Record<string, number>;
  seconds: number;
}

export const emptySamples = (): Samples => ({ latencies: [], errors: 0, errorKinds: {}, seconds: 0 });

/** Runs `task` from `connections` concurrent clients; `task(i)` gets each client's running count. */
export async function closedLoop(task: (n: number) => Promise<unknown>, options: LoopOptions): Promise<RunStats> {
  const samples = await closedLoopSamples(task, options);
  return summarise(samples.latencies, samples.errors, samples.errorKinds, samples.seconds);
}

/** Like `closedLoop`, adding its samples to `into` (to merge interleaved slices of one measurement). */
export async function closedLoopSamples(
  task: (n: number) => Promise<unknown>,
  options: LoopOptions,
  into: Samples = emptySamples(),
): Promise<Samples> {
  const started = performance.now();
  const deadline = started + options.durationMs;
  const client = async (id: number) => {
    for (let n = id; performance.now() < deadline; n += options.connections) {
      const t0 = performance.now();
      try {
        await task(n);
        into.latencies.push(performance.now() - t0);
      } catch (error) {
        into.errors++;
        const kind = error instanceof Error ? error.message.slice(0, 160) : String(error);
        into.errorKinds[kind] = (into.errorKinds[kind] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, (_, id) => client(id)));
  into.seconds += (performance.now() - started) / 1000;
  return into;
}

export function summarise(latencies: number[], errors: number, errorKinds: Record<string, number>, seconds: number) {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : 0;
  const mean = sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : 0;
  const requests = latencies.length + errors;
  return {
    requests,
    errors,
    errorKinds,
    seconds,
    rps: latencies.length / seconds,
    latencyMs: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted.at(-1) ?? 0, mean },
  };
}

/** A keep-alive GraphQL client: one socket per virtual connection, like autocannon's. */
export class GraphqlClient {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(endpoint: string, connections: number) {
    this.url = new URL(endpoint);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  }

  /**
   * Posts a prepared JSON body; resolves with the response text, rejects on a non-200 status or
   * a GraphQL `errors` entry (so that an error never counts as a fast success).
   */
  post(body: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json, application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const problem = graphqlProblem(response.statusCode ?? 0, text);
            if (problem) reject(new Error(problem));
            else resolve(text);
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  close() {
    this.agent.destroy();
  }
}

/** Why a GraphQL HTTP answer is a failure, or null. Only answers that mention errors are parsed. */
export function graphqlProblem(status: number, text: string): string | null {
  if (status !== 200) {
    const code = /"code":"([A-Z_]+)"/.exec(text)?.[1];
    return `HTTP ${status}${code ? ` ${code}` : ''}`;
  }
  if (!text.includes('"errors"')) return null;
  try {
    const parsed = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[] };
    if (!parsed.errors?.length) return null;
    const first = parsed.errors[0]!;
    return `GraphQL ${first.extensions?.code ?? 'ERROR'}: ${first.message}`;
  } catch {
    return 'unparseable response';
  }
}
