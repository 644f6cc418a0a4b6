/**
 * The checks every edit makes before it writes: the version it is based on, the existence of its
 * target, and its input against the seed format's zod schemas (so an edit can never put into the
 * graph what a seed file could not hold). Each becomes a coded error naming what is wrong.
 */
import type { z } from 'zod';
import { citesReport, type Source } from '../../../model/seed-values.js';
import { apiError, invalidArgument, notFound } from '../../core/errors.js';

/** A partial update: a field left out keeps its value, a `null` clears it. */
export type Patch = Record<string, unknown>;

/** CONFLICT when the entry is no longer at the version the edit is based on. */
export function checkVersion(what: string, id: string, current: number, expected: number) {
  if (current !== expected) {
    throw apiError(
      'CONFLICT',
      `${what} "${id}" is at version ${current}, not ${expected}: someone changed it since you read it. ` +
        'Read it again and reapply your change.',
      { currentVersion: current },
    );
  }
}

/** Throws NOT_FOUND; typed `never` so that it can end a `??`. */
export const notFoundError = (what: string, id: string): never => {
  throw notFound(`${what} "${id}"`);
};

/** Parses with a seed schema; the first problem becomes INVALID_ARGUMENT naming the input field. */
export function validated<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    throw invalidArgument(`input.${issue.keys[0]}`, `not a field of this kind of entry (${issue.keys.join(', ')})`);
  }
  const field = issue.path.map(String).join('.');
  throw invalidArgument(field ? `input.${field}` : 'input', issue.message);
}

/** The seed form after a patch: `undefined` keeps a field, `null` removes it. */
export function applyPatch(seed: Record<string, unknown>, patch: Patch): Record<string, unknown> {
  const next = { ...seed };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}

/** What is wrong with a report source's citation, for the source field it names. */
export interface CitationProblem {
  field: 'section' | 'quote';
  message: string;
  /** What to write instead, e.g. the section the quote really is in. */
  suggestion?: string;
}

/**
 * Checks a source that cites the report against the server's copy of it (null: nothing wrong).
 * The API builds it from the report it loaded; without a report, edits get none and report
 * sources are taken unchecked.
 */
export type CitationCheck = (source: Pick<Source, 'section' | 'quote'>) => CitationProblem | null;

/** The INVALID_ARGUMENT for a source's citation problem, naming `sources[i].<field>`. */
export function citationError(index: number, problem: CitationProblem) {
  const field = `sources[${index}].${problem.field}`;
  return apiError('INVALID_ARGUMENT', `${field}: ${problem.message}`, { argument: `input.${field}`, field });
}

/** Throws the first citation problem of the sources that cite the report; others are not checked. */
export function checkCitations(sources: readonly Source[], check: CitationCheck | undefined) {
  if (!check) return;
  sources.forEach((source, index) => {
    const problem = citesReport(source) ? check(source) : null;
    if (problem) throw citationError(index, problem);
  });
}
