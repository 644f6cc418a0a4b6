/**
 * What the staff workspace reads besides the graph: who is signed in (`viewer`), the report's
 * sections and a check of a quote against them (public: anyone may verify a citation), and the
 * feed of recent changes (staff only).
 */

import { apiError } from '../../api/core/errors.js';
import { recentChanges } from '../../api/db/history.js';
import { locateQuote, type ReportSection } from '../../api/seed/report.js';
import { AFTER_DESCRIPTION, PAGE_SIZE_DESCRIPTION, paging, toConnection } from '../args.js';
import type { StaffRole } from '../auth.js';
import { builder } from '../builder.js';
import { ChangeConnection } from './history.js';

export const StaffRoleEnum = builder.enumType('StaffRole', {
  description: 'What a staff member may do (their role in STAFF_TOKENS).',
  values: {
    EDITOR: { value: 'editor', description: 'Creates, changes, deletes and restores entities and relations.' },
    ADMIN: { value: 'admin', description: 'What an editor does, and merges entities.' },
  } satisfies Record<string, { value: StaffRole; description: string }>,
});

const ViewerRef = builder.objectRef<{ name: string; role: StaffRole }>('Viewer').implement({
  description: 'The staff member the request’s token proves.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Their name in STAFF_TOKENS, as the history records it.' }),
    role: t.field({ type: StaffRoleEnum, description: 'Their role.', resolve: (v) => v.role }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerRef,
    nullable: true,
    description:
      'Who is calling: the staff member whose token the request sends as "Authorization: Bearer <token>"; null ' +
      'without a token. An unknown token is refused (UNAUTHENTICATED), as on every staff field.',
    resolve: (_root, _args, ctx) => {
      if (!ctx.viewer && ctx.credentialsSent) {
        throw apiError(
          'UNAUTHENTICATED',
          'The Authorization header does not carry a staff token (unknown token): sign in again, or send none',
        );
      }
      return ctx.viewer;
    },
  }),
);

const ReportSectionRef = builder.objectRef<ReportSection>('ReportSection').implement({
  description: 'A heading of the 2020 activity report: what a source’s `section` names.',
  fields: (t) => ({
    heading: t.exposeString('heading', { description: 'The heading as plain text, as a source names it.' }),
    level: t.exposeInt('level', { description: 'Its depth: 1 for a chapter, 2 for a section in it, …' }),
    parent: t.exposeString('parent', {
      nullable: true,
      description: 'The heading it is under; null for a chapter.',
    }),
  }),
});

builder.queryField('reportSections', (t) =>
  t.field({
    type: [ReportSectionRef],
    description:
      'The headings of the 2020 activity report, in document order. Empty when this server has no copy of the ' +
      'report (then `checkQuote` says so).',
    resolve: (_root, _args, ctx) => ctx.report?.sections ?? [],
  }),
);

interface QuoteCheck {
  verbatim: boolean;
  inSection: boolean;
  foundInSection: string | null;
  message: string;
}

const QuoteCheckRef = builder.objectRef<QuoteCheck>('QuoteCheck').implement({
  description:
    'Where a quote is in the activity report, compared as `seed:validate` does (white space folded, emphasis ' +
    'and links reduced to their text): what createRelation and updateRelation require of a report source.',
  fields: (t) => ({
    verbatim: t.exposeBoolean('verbatim', { description: 'The quote is somewhere in the report, verbatim.' }),
    inSection: t.exposeBoolean('inSection', {
      description: 'The quote is in the section named (its own text, up to the next heading): a source may cite it.',
    }),
    foundInSection: t.exposeString('foundInSection', {
      nullable: true,
      description: 'The section that holds the quote (the one named when it does); null when none does.',
    }),
    message: t.exposeString('message', { description: 'The answer as one English sentence, to show as it is.' }),
  }),
});

export const NO_REPORT_MESSAGE = 'This server has no copy of the report to check against.';

builder.queryField('checkQuote', (t) =>
  t.field({
    type: QuoteCheckRef,
    description: 'Checks a quote against a section of the activity report before citing it in a source.',
    args: {
      section: t.arg.string({ required: true, description: 'The heading of the section, as in `reportSections`.' }),
      quote: t.arg.string({ required: true, description: 'The quote to look for.' }),
    },
    resolve: (_root, { section, quote }, ctx) => {
      if (!ctx.report) return { verbatim: false, inSection: false, foundInSection: null, message: NO_REPORT_MESSAGE };
      const where = locateQuote(ctx.report, section, quote);
      return { ...where, message: quoteCheckMessage(where, section) };
    },
  }),
);

/** The sentence that sums a quote's location up. */
function quoteCheckMessage(where: ReturnType<typeof locateQuote>, section: string): string {
  if (where.inSection) return 'Found verbatim in this section.';
  if (!where.verbatim) return 'Not found verbatim in the report.';
  const named = where.sectionExists ? `not in "${section}"` : `and "${section}" is not a heading of the report`;
  return where.foundInSection
    ? `Found verbatim in "${where.foundInSection}", ${named}.`
    : `Found verbatim in the report, but across a heading, ${named}.`;
}

builder.queryField('recentChanges', (t) =>
  t.field({
    type: ChangeConnection,
    description:
      'Staff only. Every recorded change of the whole graph, newest first: the workspace’s feed of what the ' +
      'staff did (`history` gives one entity’s or relation’s).',
    authScopes: { editor: true },
    args: {
      first: t.arg.int({ description: PAGE_SIZE_DESCRIPTION }),
      after: t.arg.string({ description: AFTER_DESCRIPTION }),
    },
    resolve: async (_root, args, ctx) => toConnection(await recentChanges(ctx.db, paging(args))),
  }),
);
