/**
 * Runs GraphQL operations against the real schema and database through yoga's fetch (no port).
 */
import { expect } from 'vitest';
import type { Database } from '../../api/db/database.js';
import { type ArchipelYoga, createArchipelYoga, type YogaOptions } from '../../api/yoga.js';
import { recording } from './neo4j.js';

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  locations?: { line: number; column: number }[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: GraphQLError[];
}

/**
 * The answer's `data`, after checking that it came without any error: a test never reads `data`
 * alone, where a field nulled by an error would pass for "not found".
 *
 * Usage: `const { entity } = expectData(await api.request('{ entity(slug: "framasoft") { name } }'))`.
 */
export function expectData<T = Record<string, any>>(response: GraphQLResponse<T>): T {
  expect(response.errors, 'the answer has errors').toBeUndefined();
  expect(response.data, 'the answer has no data').toBeTruthy();
  return response.data as T;
}

/**
 * The answer's one error, after checking its code, its message and (when given) its path.
 *
 * Usage: `expectError(await api.request('{ entity(slug: "Bad") { name } }'), 'INVALID_ARGUMENT', /slug/, ['entity'])`.
 */
export function expectError(
  response: GraphQLResponse<unknown>,
  code: string,
  message: RegExp,
  path?: (string | number)[],
): GraphQLError {
  expect(response.errors, 'the answer has no error').toBeDefined();
  expect(response.errors, 'the answer has more than one error').toHaveLength(1);
  const error = response.errors![0]!;
  expect(error.extensions?.code).toBe(code);
  expect(error.message).toMatch(message);
  if (path) expect(error.path).toEqual(path);
  return error;
}

/** Per-request options: `token` is sent as `Authorization: Bearer <token>`. */
export interface RequestOptions {
  token?: string;
  /** Sent as the body's `operationName`, as the map does (the public cache keys on it too). */
  operationName?: string;
}

/**
 * A client bound to `db`; `lastRoundTrips` tells how many Cypher statements the last call sent,
 * `lastStatements` which.
 * `options` go to the yoga instance, e.g. `{ staff: parseStaffTokens('ada:editor:<sha256>') }`;
 * documents are compiled from their first run unless `interpretedRuns` says otherwise.
 */
export function graphqlClient(db: Database, options: Omit<YogaOptions, 'db'> = {}) {
  const { db: observed, queries } = recording(db);
  // Compiled from the first run: the API's tests then check the path repeated documents take.
  const yoga = createArchipelYoga({ interpretedRuns: 0, ...options, db: observed });
  let before = 0;
  const client = {
    yoga,
    lastRoundTrips: 0,
    lastStatements: [] as string[],
    async request<T = Record<string, any>>(
      query: string,
      variables?: Record<string, unknown>,
      requestOptions: RequestOptions = {},
    ): Promise<GraphQLResponse<T>> {
      before = queries.length;
      const response = await yoga.fetch('http://archipel.test/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          ...(requestOptions.token ? { authorization: `Bearer ${requestOptions.token}` } : {}),
        },
        body: JSON.stringify({ query, variables, operationName: requestOptions.operationName }),
      });
      client.lastRoundTrips = queries.length - before;
      client.lastStatements = queries.slice(before).map((q) => q.cypher);
      return (await response.json()) as GraphQLResponse<T>;
    },
  };
  return client;
}

/**
 * Sends one POST to a yoga instance and keeps what limit tests read: the status, the headers and
 * the body. Usage: `const post = (body, instance = yoga) => postTo(instance, body)`.
 */
export async function postTo(yoga: ArchipelYoga, body: unknown, headers: Record<string, string> = {}) {
  const response = await yoga.fetch('http://archipel.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}
