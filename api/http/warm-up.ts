/**
 * Asks the map's opening question (the whole archipelago: `GRAPH` with no variables, what every
 * visitor's first page asks) through the API itself, before the server listens. On a fresh start
 * that first answer is slow (Neo4j plans the statement, Node compiles the resolvers: about 0.7 s
 * at seed size against 40 ms after): the warm-up pays for it instead of the first visitor, and
 * leaves the answer in the public cache. It never fails the start: an error is reported, not thrown.
 *
 * Usage: `const outcome = await warmUp(yoga, { timeoutMs: 10_000 });`
 */
import { documentOf, GRAPH } from '../../model/map-operations.js';

/** What the warm-up needs of the API: its in-process fetch (yoga's `fetch`, no socket). */
export interface Fetches {
  fetch(url: string, init: RequestInit): Promise<Response> | Response;
}

export type WarmUpOutcome = { ok: true; ms: number } | { ok: false; ms: number; reason: string };

interface Answer {
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function warmUp(api: Fetches, options: { timeoutMs: number }): Promise<WarmUpOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
  });
  try {
    const asked = Promise.resolve(
      api.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query: documentOf([GRAPH]), operationName: GRAPH.name, variables: {} }),
      }),
    ).then((response) => response.json() as Promise<Answer>);
    const answer = await Promise.race([asked, deadline]);
    const error = answer.errors?.[0];
    if (error) {
      const code = error.extensions?.code;
      return { ok: false, ms: elapsed(), reason: code ? `${code}: ${error.message}` : error.message };
    }
    return { ok: true, ms: elapsed() };
  } catch (error) {
    return { ok: false, ms: elapsed(), reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
