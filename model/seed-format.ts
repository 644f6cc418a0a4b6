/**
 * The seed format: the one zod definition of what an entity and a relation are.
 *
 * Seed files (`seeds/**\/*.yaml`) are parsed with it, staff mutations validate their input with
 * the same pieces, and the TypeScript types of the whole code base are inferred from it.
 */
import { z } from 'zod';
import { RELATION_FIELD_SHAPE } from './relation-fields.js';
import { NonEmpty, PartialDate, Slug, STAFF_FIELDS } from './seed-values.js';
import { ORGANISATION_CATEGORIES, PROJECT_CATEGORIES, RELATION_TYPE_NAMES } from './vocabulary.js';

export { isPartialDate, MAX_QUOTE_LENGTH, PartialDate, Slug, Source } from './seed-values.js';

const entityBase = {
  slug: Slug,
  name: NonEmpty,
  aliases: z.array(NonEmpty).default([]),
  summary: NonEmpty.optional(),
  url: z.url().optional(),
  ...STAFF_FIELDS,
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
    ...RELATION_FIELD_SHAPE,
    ...STAFF_FIELDS,
  })
  .superRefine((relation, ctx) => {
    for (const issue of moneyIssues(relation)) ctx.addIssue({ code: 'custom', ...issue });
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

/**
 * Whether the seed format requires a period beside every amount: when true, `seed:validate` (and
 * staff edits) refuse an amount without its period. It was switched on once the seeds gave every
 * amount its period.
 */
export const AMOUNT_NEEDS_PERIOD = true;

/**
 * The money rule: an amount says in what currency and (see `AMOUNT_NEEDS_PERIOD`) over what
 * period it counts. Returns one issue per missing field, with its path.
 *
 * Usage: `moneyIssues(relation, { periodRequired: true })` lists what the rule, switched on, would refuse.
 */
export function moneyIssues(
  relation: { amount?: number; currency?: string; period?: string },
  options: { periodRequired: boolean } = { periodRequired: AMOUNT_NEEDS_PERIOD },
): { path: string[]; message: string }[] {
  if (relation.amount === undefined) return [];
  const issues: { path: string[]; message: string }[] = [];
  if (relation.currency === undefined) issues.push({ path: ['currency'], message: 'an amount needs a currency' });
  if (options.periodRequired && relation.period === undefined) {
    issues.push({ path: ['period'], message: 'an amount needs a period: one-off, per-year or total' });
  }
  return issues;
}

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

/**
 * Where a seed entry lives: its file and its place in that file. Kept in the graph, so that export
 * writes an entry back in place and a restore puts a deleted one back where it was.
 */
export interface SeedOrigin {
  file: string;
  position: number;
}
