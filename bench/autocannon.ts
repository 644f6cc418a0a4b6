/**
 * HTTP load by autocannon (a dev dependency: it sends and checks requests with less CPU than a
 * loop of Node requests, and on a shared machine the client's CPU would otherwise be billed to the
 * server). autocannon counts only transport errors and non-2xx answers; a GraphQL answer with
 * `errors` comes back as 200, so each body is checked, and an error never counts as a fast success.
 *
 * Usage: `const samples = await httpLoad(url, [body], { connections: 10, seconds: 5 })`.
 */
import type { Samples } from './results.js';

interface AutocannonRun extends PromiseLike<{ errors: number; timeouts: number; duration: number }> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}

type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: {
    method: 'POST';
    path: string;
    headers: Record<string, string>;
    body: string;
    onResponse: (status: number, body: string) => void;
  }[];
}) => AutocannonRun;

// autocannon ships no types: it is imported by a computed name and typed above.
const autocannonModule = 'autocannon';
const autocannon = ((await import(autocannonModule)) as { default: Autocannon }).default;

/** Sends `bodies` in turn on each connection (one body: one question; several: a mix) for `seconds`. */
export async function httpLoad(
  endpoint: string,
  bodies: readonly string[],
  options: { connections: number; seconds: number },
): Promise<Samples> {
  const url = new URL(endpoint);
  const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
  const samples: Samples = { latencies: [], errorKinds: {}, seconds: 0 };
  const count = (kind: string, n = 1) => {
    samples.errorKinds[kind] = (samples.errorKinds[kind] ?? 0) + n;
  };
  let failed = false;
  const run = autocannon({
    url: url.origin,
    connections: options.connections,
    duration: options.seconds,
    requests: bodies.map((body) => ({
      method: 'POST',
      path: url.pathname,
      headers,
      body,
      // Called just before the 'response' event of the same answer, which then leaves out its time.
      onResponse: (status, text) => {
        const problem = graphqlProblem(status, text);
        failed = problem !== null;
        if (problem) count(problem.slice(0, 160));
      },
    })),
  });
  run.on('response', (_client, _status, _bytes, ms) => {
    if (!failed) samples.latencies.push(ms);
  });
  const result = await run;
  // autocannon's errors include its timeouts.
  if (result.timeouts) count('timeout', result.timeouts);
  if (result.errors > result.timeouts) count('transport error', result.errors - result.timeouts);
  samples.seconds = result.duration;
  // autocannon does not wait for the requests still in flight when the time is up: one more
  // request, answered about when they are, keeps them out of whatever is measured next.
  await fetch(endpoint, { method: 'POST', headers, body: bodies[0] }).then((r) => r.text(), String);
  return samples;
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
    const first = parsed.errors?.[0];
    return first ? `GraphQL ${first.extensions?.code ?? 'ERROR'}: ${first.message}` : null;
  } catch {
    return 'unparseable response';
  }
}
