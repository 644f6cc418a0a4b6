/**
 * Runs a GraphQL load with autocannon when it is installed (`npm i -D autocannon`), and reports
 * it in the same `RunStats` shape as the built-in loop. autocannon only counts transport errors
 * and non-2xx answers; GraphQL answers with `errors` come back as 200, so each body is checked
 * in `onResponse` and counted as an error too.
 *
 * The package is imported by a computed name so that the bench type-checks without it.
 */
import { graphqlProblem, type RunStats } from './load.js';

interface AutocannonRequest {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
  onResponse?: (status: number, body: string) => void;
}

interface AutocannonResult {
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  requests: { average: number; total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}

type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: AutocannonRequest[];
}) => Promise<AutocannonResult>;

let cached: Autocannon | null | undefined;

/** The autocannon function, or null when the package is not installed. */
export async function loadAutocannon(): Promise<Autocannon | null> {
  if (cached !== undefined) return cached;
  const name = 'autocannon';
  try {
    const module = (await import(name)) as { default: Autocannon };
    cached = module.default;
  } catch {
    cached = null;
  }
  return cached;
}

/**
 * Sends `bodies` in turn on each connection (one body: the same query; several: a mixed load)
 * for `seconds`, to `endpoint` (the /graphql URL).
 */
export async function autocannonRun(
  autocannon: Autocannon,
  endpoint: string,
  bodies: readonly string[],
  options: { connections: number; seconds: number },
): Promise<RunStats> {
  const url = new URL(endpoint);
  const errorKinds: Record<string, number> = {};
  let graphqlErrors = 0;
  const result = await autocannon({
    url: url.origin,
    connections: options.connections,
    duration: options.seconds,
    requests: bodies.map((body) => ({
      method: 'POST',
      path: url.pathname,
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body,
      onResponse: (status, text) => {
        const problem = graphqlProblem(status, text);
        if (!problem) return;
        graphqlErrors++;
        errorKinds[problem.slice(0, 160)] = (errorKinds[problem.slice(0, 160)] ?? 0) + 1;
      },
    })),
  });
  if (result.timeouts) errorKinds.timeout = result.timeouts;
  if (result.errors) errorKinds['transport error'] = result.errors;
  // non2xx answers are already counted through onResponse.
  const errors = graphqlErrors + result.errors + result.timeouts;
  return {
    requests: result.requests.total,
    errors,
    errorKinds,
    seconds: result.duration,
    rps: (result.requests.total - errors) / result.duration,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.mean,
    },
  };
}
