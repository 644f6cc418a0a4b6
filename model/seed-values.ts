/**
 * The value schemas the seed format is made of (dates, slugs, non-empty text, sources), apart from
 * the entries that use them so that the relation field table and the seed format share them.
 */
import { z } from 'zod';
import { SLUG_PATTERN } from './vocabulary.js';

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True for "2014", "2019-12" and real calendar days such as "2020-02-29". */
export function isPartialDate(value: string): boolean {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return false;
  const [, year, month, day] = match;
  if (month === undefined) return true;
  const m = Number(month);
  if (m < 1 || m > 12) return false;
  if (day === undefined) return true;
  const d = Number(day);
  const leap = Number(year) % 4 === 0 && (Number(year) % 100 !== 0 || Number(year) % 400 === 0);
  const max = m === 2 && !leap ? 28 : (DAYS_IN_MONTH[m - 1] ?? 31);
  return d >= 1 && d <= max;
}

const DATE_MESSAGE = 'expected an ISO date: YYYY, YYYY-MM or YYYY-MM-DD (a real calendar day)';

/** YAML reads an unquoted `2014` as a number; a year is still a date. */
export const PartialDate = z.preprocess(
  (value) => (typeof value === 'number' && Number.isInteger(value) ? String(value) : value),
  z.string(DATE_MESSAGE).refine(isPartialDate, DATE_MESSAGE),
);

export const Slug = z
  .string()
  .regex(SLUG_PATTERN, 'expected a slug: lowercase ASCII words joined by "-", e.g. "wikimedia-france"');

export const NonEmpty = z.string().trim().min(1, 'must not be empty');

export const MAX_QUOTE_LENGTH = 250;

/**
 * A source of a relation. Without `url` it cites the 2020 activity report, and its quote must be
 * verbatim in the section it names (checked by `seed:validate` and by staff edits); with `url` and
 * `title` it cites another document, and is taken as given.
 */
export const Source = z
  .strictObject({
    section: NonEmpty.describe('Heading of the report section the quote comes from (or part of the other document)'),
    quote: NonEmpty.max(MAX_QUOTE_LENGTH, `a quote is at most ${MAX_QUOTE_LENGTH} characters`).describe(
      'Verbatim quote from the report (or from the other document)',
    ),
    url: z.url().optional().describe('Another document than the report: its address (given with title)'),
    title: NonEmpty.optional().describe('Another document than the report: its title (given with url)'),
  })
  .superRefine((source, ctx) => {
    if ((source.url === undefined) !== (source.title === undefined)) {
      const missing = source.url === undefined ? 'url' : 'title';
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: 'a source from another document than the report gives both its url and its title',
      });
    }
  });
export type Source = z.infer<typeof Source>;

/** True when a source cites the activity report (its quote is checked), false for another document. */
export const citesReport = (source: { url?: string | null }) => !source.url;

/**
 * Fields that only staff see and that backups carry, on entities and relations alike. Optional,
 * so hand-written seeds never mention them: a missing `version` is version 1.
 */
export const STAFF_FIELDS = {
  internalNotes: NonEmpty.optional().describe('Staff only: notes the public API never shows'),
  version: z.number().int().positive().optional().describe('Optimistic-concurrency version; absent means 1'),
};
