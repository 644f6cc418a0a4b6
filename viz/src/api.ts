/**
 * The map's only way to the data: GraphQL over HTTP, like any other client of the public API.
 * Failures are sorted into "cannot reach the API" and "the API said no", which the page
 * explains differently.
 */
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

export async function request<T>(operation: Operation, variables: object = {}, signal?: AbortSignal): Promise<T> {
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(GRAPHQL_ENDPOINT, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
      },
      body: JSON.stringify({ query: documentOf([operation]), operationName: operation.name, variables }),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiUnreachableError(error instanceof Error ? error.message : String(error));
  }

  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    // A proxy's error page or an HTML fallback: the API itself is not there.
    throw new ApiUnreachableError(`HTTP ${response.status} without a GraphQL answer`);
  }
  const first = body.errors?.[0];
  if (first) throw new ApiAnswerError(first.message, first.extensions?.code);
  if (!body.data) throw new ApiUnreachableError(`HTTP ${response.status} without data`);
  return body.data;
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
