/**
 * The seed format: the one zod definition of what an entity and a relation are.
 *
 * Seed files (`seeds/**\/*.yaml`) are parsed with it, staff mutations validate their input with
 * the same pieces, and the TypeScript types of the whole code base are inferred from it.
 */
import { z } from 'zod';
import {
  CURRENCIES,
  ORGANISATION_CATEGORIES,
  PROJECT_CATEGORIES,
  RELATION_TYPE_NAMES,
  SLUG_PATTERN,
} from './vocabulary.js';

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

const NonEmpty = z.string().trim().min(1, 'must not be empty');

export const MAX_QUOTE_LENGTH = 250;

export const Source = z.strictObject({
  section: NonEmpty.describe('Heading of the report section the quote comes from'),
  quote: NonEmpty.max(MAX_QUOTE_LENGTH, `a quote is at most ${MAX_QUOTE_LENGTH} characters`).describe(
    'Verbatim quote from the report',
  ),
});
export type Source = z.infer<typeof Source>;

/**
 * Fields that only staff see and that backups carry. Optional, so hand-written seeds never
 * mention them: a missing `version` is version 1.
 */
const staffFields = {
  internalNotes: NonEmpty.optional().describe('Staff only: notes the public API never shows'),
  version: z.number().int().positive().optional().describe('Optimistic-concurrency version; absent means 1'),
};

const entityBase = {
  slug: Slug,
  name: NonEmpty,
  aliases: z.array(NonEmpty).default([]),
  summary: NonEmpty.optional(),
  url: z.url().optional(),
  ...staffFields,
};

export const Organisation = z.strictObject({
  kind: z.literal('ORGANISATION'),
  ...entityBase,
  category: z.enum(ORGANISATION_CATEGORIES).optional(),
  location: NonEmpty.optional(),
});

export const Project = z.strictObject({
  kind: z.literal('PROJECT'),
  ...entityBase,
  category: z.enum(PROJECT_CATEGORIES).optional(),
});

export const Person = z.strictObject({
  kind: z.literal('PERSON'),
  ...entityBase,
});

export const Event = z.strictObject({
  kind: z.literal('EVENT'),
  ...entityBase,
  date: PartialDate,
  place: NonEmpty.optional(),
  format: NonEmpty.optional(),
});

export const Entity = z.discriminatedUnion('kind', [Organisation, Project, Person, Event]);
export type Entity = z.infer<typeof Entity>;
export type EntityInput = z.input<typeof Entity>;

const RELATION_ID_PATTERN = /^[a-z0-9]+(?:-{1,2}[a-z0-9]+)*$/;

export const RelationType = z.enum(RELATION_TYPE_NAMES);

export const Relation = z
  .strictObject({
    id: z
      .string()
      .regex(RELATION_ID_PATTERN, 'expected lowercase ASCII words joined by "-" or "--"')
      .optional()
      .describe('Stable id; derived from type, ends and software when omitted'),
    type: RelationType,
    from: Slug,
    to: Slug,
    role: NonEmpty.optional(),
    software: Slug.optional().describe('HOSTING: slug of the hosted software project'),
    resource: NonEmpty.optional().describe('HOSTING: hosted resource other than software'),
    since: PartialDate.optional(),
    until: PartialDate.optional(),
    amount: z.number().nonnegative().optional(),
    currency: z.enum(CURRENCIES).optional(),
    description: NonEmpty.optional(),
    sources: z.array(Source).min(1, 'every relation needs at least one source from the report'),
    ...staffFields,
  })
  .superRefine((relation, ctx) => {
    if (relation.amount !== undefined && relation.currency === undefined) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'an amount needs a currency' });
    }
    if (relation.since && relation.until && comparePartialDates(relation.since, relation.until) > 0) {
      ctx.addIssue({ code: 'custom', path: ['until'], message: `must not be before since (${relation.since})` });
    }
    if (relation.type === 'HOSTING' && !relation.software && !relation.resource) {
      ctx.addIssue({
        code: 'custom',
        path: ['software'],
        message: 'a HOSTING relation names its software or its resource',
      });
    }
    if (relation.type !== 'HOSTING' && relation.software) {
      ctx.addIssue({ code: 'custom', path: ['software'], message: 'only HOSTING relations have a software' });
    }
    if (relation.from === relation.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'a relation joins two different entities' });
    }
  });
export type Relation = z.infer<typeof Relation>;
export type RelationInput = z.input<typeof Relation>;

/** A seed file's outline; its entries are validated one by one so that every problem is reported. */
export const SeedFileOutline = z.strictObject({
  entities: z.array(z.unknown()).default([]),
  relations: z.array(z.unknown()).default([]),
});

export const CHANGE_ACTIONS = ['CREATE', 'UPDATE', 'DELETE', 'MERGE', 'RESTORE'] as const;
export const CHANGE_TARGETS = ['ENTITY', 'RELATION'] as const;

/**
 * One recorded change, as the backup's `history.yaml` stores it: `before`/`after` are the
 * target's snapshots (null before a creation and after a deletion).
 */
export const ChangeRecord = z.strictObject({
  id: z.string().min(1),
  operation: z.string().min(1).describe('Id shared by the changes one mutation made'),
  seq: z.number().int().nonnegative().describe('Order of the change within its operation'),
  at: z.iso.datetime(),
  actor: NonEmpty,
  action: z.enum(CHANGE_ACTIONS),
  targetKind: z.enum(CHANGE_TARGETS),
  targetId: z.string().min(1),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type ChangeRecord = z.infer<typeof ChangeRecord>;

/** The outline of the backup's history file. */
export const HistoryFileOutline = z.strictObject({
  changes: z.array(z.unknown()).default([]),
});

/** Compares partial dates by their first day: "2019" < "2019-01-15" < "2019-02". */
export function comparePartialDates(a: string, b: string): number {
  return a.localeCompare(b);
}

/** The id a relation gets when its seed entry does not set one. */
export function deriveRelationId(relation: Pick<Relation, 'type' | 'from' | 'to' | 'software'>): string {
  const parts = [relation.type.toLowerCase().replace(/_/g, '-'), relation.from, relation.to];
  if (relation.software) parts.push(relation.software);
  return parts.join('--');
}
