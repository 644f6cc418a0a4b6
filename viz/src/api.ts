/**
 * The map's only way to the data: GraphQL over HTTP, like any other client of the public API.
 * Failures are sorted into "cannot reach the API" and "the API said no", which the page
 * explains differently.
 */
import { documentHash, PERSISTED_QUERY_NOT_FOUND } from '../../model/map-operations.js';
import { documentOf, type Operation } from './queries.js';

/** Relative, so that the map works wherever the API server mounts it. */
export const GRAPHQL_ENDPOINT = 'graphql';

const TIMEOUT_MS = 30_000;

/** The network failed, timed out, or something other than the API answered. */
export class ApiUnreachableError extends Error {
  override name = 'ApiUnreachableError';
}

/** The API answered with GraphQL errors. */
export class ApiAnswerError extends Error {
  override name = 'ApiAnswerError';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * A signed-in staff member's token (staff/session.ts sets it): sent with every request while set,
 * so that staff reads bypass the public cache and see their own writes at once.
 */
let staffToken: string | null = null;

/** Sends `token` as `Authorization: Bearer` from now on; `null` goes back to anonymous requests. */
export function setStaffToken(token: string | null): void {
  staffToken = token;
}

/**
 * Runs `operation`. Public reads go over GET by the hash of their document (the API persists every
 * map operation: api/http/persisted-operations.ts), so that the browser, a proxy or a CDN can
 * cache the answer; they go over POST with the document itself when the URL would be too long,
 * when this browser has no Web Crypto (plain HTTP, not localhost) or when the API does not know
 * the hash (another version of the API), as Apollo clients do. Staff requests and mutations are
 * never cached and always POST.
 */
export async function request<T>(operation: Operation, variables: object = {}, signal?: AbortSignal): Promise<T> {
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const abort = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const accept = 'application/graphql-response+json, application/json';
  const document = documentOf([operation]);
  const url = staffToken || isMutation(document) ? null : await persistedUrl(document, operation.name, variables);
  let answer = url ? await exchange<T>(url, { method: 'GET', headers: { accept }, signal: abort }, signal) : null;
  if (answer && isNotPersisted(answer.body)) {
    unpersisted.add(document);
    answer = null;
  }
  answer ??= await exchange<T>(
    GRAPHQL_ENDPOINT,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept,
        ...(staffToken ? { authorization: `Bearer ${staffToken}` } : {}),
      },
      body: JSON.stringify({ query: document, operationName: operation.name, variables }),
      signal: abort,
    },
    signal,
  );
  const { status, body } = answer;
  const first = body.errors?.[0];
  if (first) throw new ApiAnswerError(first.message, first.extensions?.code);
  if (!body.data) throw new ApiUnreachableError(`HTTP ${status} without data`);
  return body.data;
}

/** Beyond this a URL may be cut by a proxy or a CDN (many stop near 2 to 8 kB): POST instead. */
export const MAX_GET_URL_LENGTH = 2000;

/** Documents whose hash the API answered PERSISTED_QUERY_NOT_FOUND for: this page sends them in full. */
const unpersisted = new Set<string>();

/** Hash of each document sent, computed once; null where the browser has no Web Crypto. */
const hashes = new Map<string, Promise<string | null>>();

/** The GET URL (relative) asking for `document` by its hash, or null when it must go over POST. */
export async function persistedUrl(document: string, operationName: string, variables: object): Promise<string | null> {
  if (unpersisted.has(document)) return null;
  let hash = hashes.get(document);
  if (!hash) {
    hash = globalThis.crypto?.subtle ? documentHash(document) : Promise.resolve(null);
    hashes.set(document, hash);
  }
  const sha256Hash = await hash;
  if (!sha256Hash) return null;
  // Always the same parameters in the same order: one question, one URL, one cache entry.
  const params = new URLSearchParams({
    operationName,
    variables: JSON.stringify(variables),
    extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash } }),
  });
  const url = `${GRAPHQL_ENDPOINT}?${params}`;
  return url.length <= MAX_GET_URL_LENGTH ? url : null;
}

/** True for a document whose first operation is a mutation (GET cannot carry those). */
function isMutation(document: string): boolean {
  return /^(?:\s|#[^\n]*)*mutation\b/.test(document);
}

function isNotPersisted(body: GraphQLResponse<unknown>): boolean {
  return body.errors?.some((error) => error.extensions?.code === PERSISTED_QUERY_NOT_FOUND) ?? false;
}

/** One HTTP exchange; a failure to reach the API or an answer that is not GraphQL is ApiUnreachableError. */
async function exchange<T>(
  url: string,
  init: RequestInit,
  callerSignal: AbortSignal | undefined,
): Promise<{ status: number; body: GraphQLResponse<T> }> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    if (callerSignal?.aborted) throw error;
    throw new ApiUnreachableError(error instanceof Error ? error.message : String(error));
  }
  try {
    return { status: response.status, body: (await response.json()) as GraphQLResponse<T> };
  } catch {
    // A proxy's error page or an HTML fallback: the API itself is not there.
    throw new ApiUnreachableError(`HTTP ${response.status} without a GraphQL answer`);
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
