/**
 * Typed, client-safe errors. Each carries an `extensions.code` that clients can switch on; any
 * other error is masked by yoga ("Unexpected error.") and logged with its request id.
 */
import type { GraphQLErrorOptions } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';

export const ERROR_CODES = [
  'NOT_FOUND',
  'INVALID_ARGUMENT',
  'GRAPH_TOO_LARGE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'SERVICE_UNAVAILABLE',
  'RATE_LIMITED',
  'TIMEOUT',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A coded error for clients; `at` places it on the field it happened at (its `path` and `locations`). */
export function apiError(
  code: ErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
  at: Pick<GraphQLErrorOptions, 'nodes' | 'path'> = {},
) {
  return createGraphQLError(message, { ...at, extensions: { code, ...extra } });
}

export const notFound = (what: string) => apiError('NOT_FOUND', `${what} was not found`);

export const invalidArgument = (argument: string, message: string) =>
  apiError('INVALID_ARGUMENT', `Invalid argument "${argument}": ${message}`, { argument });

/** Thrown by the data layer when a query outlives the Neo4j transaction timeout. */
export class QueryTimeoutError extends Error {
  override name = 'QueryTimeoutError';
  /** True when what ran out was the request's own time (REQUEST_TIMEOUT_MS), not one query's. */
  readonly byRequestDeadline: boolean;
  constructor(options: { byRequestDeadline?: boolean } = {}) {
    super(
      'The query took longer than the database allows and was stopped; narrow it (focus, filters, smaller pages) and retry.',
    );
    this.byRequestDeadline = options.byRequestDeadline ?? false;
  }
}

/** Thrown by the data layer when Neo4j cannot be reached; shown to clients as SERVICE_UNAVAILABLE. */
export class ServiceUnavailableError extends Error {
  override name = 'ServiceUnavailableError';
  /** `cause`: the driver's error, when there was one (a broken circuit has none). */
  constructor(options?: ErrorOptions) {
    super('The database is unavailable right now; retry in a few seconds.', options);
  }
}

/** True for the NOT_FOUND errors loaders put in the slot of a missing key. */
export function isNotFound(error: unknown): boolean {
  return (error as { extensions?: { code?: unknown } } | null)?.extensions?.code === 'NOT_FOUND';
}

/** A loader slot as a value: a missing key becomes null, any other failure is thrown. */
export function orNull<T>(slot: T | Error): T | null {
  if (!(slot instanceof Error)) return slot;
  if (isNotFound(slot)) return null;
  throw slot;
}
