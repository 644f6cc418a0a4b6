/**
 * Argument validation (zod) and cursor pagination shared by every field. Invalid input becomes
 * an INVALID_ARGUMENT error that names the argument and what was expected.
 */
import { z } from 'zod';
import { invalidArgument } from '../api/core/errors.js';
import { LIMITS } from '../api/core/limits.js';
import type { Page } from '../model/models.js';
import { Slug } from '../model/seed-format.js';

export const MAX_PAGE_SIZE = LIMITS.maxPageSize;
export const DEFAULT_PAGE_SIZE = LIMITS.defaultPageSize;

export const SlugArg = Slug;
export const YearArg = z
  .number()
  .int()
  .min(1900, 'expected a year between 1900 and 2100')
  .max(2100, 'expected a year between 1900 and 2100');
/** The time filters, described once for every field that takes them (model/validity.ts). */
export const ACTIVE_IN_DESCRIPTION =
  'Only relations that hold during this year: dated ones over [since, until] (open ends open), ' +
  "those about an event in the event's year, undated ones in the report's year (2020) only.";
export const STARTED_IN_DESCRIPTION = 'Only relations whose `since` falls in this year ("what started in 2019?").';
export const ENDED_IN_DESCRIPTION = 'Only relations whose `until` falls in this year ("what ended in 2020?").';

export const PAGE_SIZE_DESCRIPTION = `Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`;
export const AFTER_DESCRIPTION = "A cursor from this list's pageInfo.endCursor: the page after it.";

export const MAX_TEXT_LENGTH = 200;
/** Free text (search, software names): trimmed, non-empty, bounded. */
export const TextArg = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_TEXT_LENGTH, `at most ${MAX_TEXT_LENGTH} characters`);
/** An integer in [min, max]. Schemas are built once, at import: building one per call showed in CPU profiles. */
export const intBetween = (min: number, max: number) =>
  z.number().int().min(min, `expected ${min} to ${max}`).max(max, `expected ${min} to ${max}`);
export const FirstArg = z
  .number()
  .int()
  .min(1, `expected 1 to ${MAX_PAGE_SIZE}`)
  .max(MAX_PAGE_SIZE, `at most ${MAX_PAGE_SIZE} items per page; use "after" to read the next page`);

/** Validates one argument with a zod schema; `null`/`undefined` pass through as null. */
export function arg<T>(name: string, schema: z.ZodType<T>, value: unknown): T | null {
  if (value === null || value === undefined) return null;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw invalidArgument(name, `${result.error.issues[0]?.message ?? 'invalid value'} (got ${JSON.stringify(value)})`);
}

const CURSOR_PREFIX = 'cursor:';
/**
 * The offsets a cursor may hold: decimal digits, at most a billion. No list comes near it, and a
 * larger number (or an exponent, a sign, a fraction) would reach Neo4j as an offset it cannot
 * take, failing as an internal error instead of a refused argument.
 */
const CURSOR_OFFSET = /^(0|[1-9][0-9]{0,8}|1000000000)$/;

export function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`).toString('base64url');
}

/** The offset in a cursor this API gave out; anything else (forged, altered) is INVALID_ARGUMENT. */
function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const digits = text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length) : '';
  const offset = CURSOR_OFFSET.test(digits) ? Number(digits) : null;
  // Decoding skips characters outside base64url: only the exact encoding of the offset is a cursor.
  if (offset === null || encodeCursor(offset) !== cursor) {
    throw invalidArgument('after', `not a cursor returned by this API (got ${JSON.stringify(cursor)})`);
  }
  return offset;
}

/** `first`/`after` → offset and limit (cursors are opaque offsets). */
export function paging(args: { first?: number | null; after?: string | null }): { offset: number; limit: number } {
  const first = arg('first', FirstArg, args.first) ?? DEFAULT_PAGE_SIZE;
  const offset = args.after ? decodeCursor(args.after) + 1 : 0;
  return { offset, limit: first };
}

/** A page from the data layer → a Relay connection with totalCount (when it was counted). */
export function toConnection<T>(page: Page<T>) {
  const edges = page.items.map((node, i) => ({ cursor: encodeCursor(page.offset + i), node }));
  return {
    edges,
    totalCount: page.totalCount,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
