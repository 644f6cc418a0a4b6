/**
 * `importRows`: staff bring many entities or relations at once from a CSV file, checked row by row
 * with a dry run, then written all together or not at all (`api/db/edits/import.ts`).
 */

import {
  IMPORT_COLUMNS,
  IMPORT_TARGETS,
  type ImportAction,
  type ImportProblem,
  type ImportRowResult,
  type ImportTarget,
  importRows,
  MAX_IMPORT_ROWS,
} from '../../api/db/edits/import.js';
import { citationCheck } from '../../api/seed/report.js';
import { builder } from '../builder.js';
import { staffMutation } from './staff-mutation.js';

const TARGET_DESCRIPTIONS: Record<ImportTarget, string> = {
  ENTITIES: 'Each row is an entity; a row whose slug exists updates that entity.',
  RELATIONS: 'Each row is a relation; a row whose id (given or derived) exists updates that relation.',
};

const ImportTargetEnum = builder.enumType('ImportTarget', {
  description: 'What the rows of an import are.',
  values: Object.fromEntries(IMPORT_TARGETS.map((t) => [t, { description: TARGET_DESCRIPTIONS[t] }])) as Record<
    ImportTarget,
    { description: string }
  >,
});

const ImportActionEnum = builder.enumType('ImportAction', {
  description: 'What importing a row does (or, on a dry run, would do).',
  values: {
    CREATE: { description: 'Creates the entity or relation.' },
    UPDATE: { description: 'Changes the existing entity or relation with that slug or id.' },
    UNCHANGED: { description: 'The entity or relation already says what the row says: nothing is written.' },
    ERROR: { description: 'The row has problems (see `problems`): nothing of the import is written.' },
  } satisfies Record<ImportAction, { description: string }>,
});

const ImportProblemRef = builder.objectRef<ImportProblem>('ImportProblem').implement({
  description: 'What is wrong with one cell of a row.',
  fields: (t) => ({
    column: t.exposeString('column', { description: 'The column, as named in the header row, e.g. "from".' }),
    message: t.exposeString('message', { description: 'What is wrong, in English.' }),
    suggestion: t.exposeString('suggestion', {
      nullable: true,
      description:
        'What the cell likely should say, when there is a likely value: the closest existing slug, relation type ' +
        'or kind, the section a quote really is in.',
    }),
  }),
});

const ImportRowResultRef = builder.objectRef<ImportRowResult>('ImportRowResult').implement({
  description: 'What importing one row does, or why it cannot.',
  fields: (t) => ({
    line: t.exposeInt('line', { description: 'The line of the file the row starts on (the header row is line 1).' }),
    action: t.field({ type: ImportActionEnum, description: 'What the row does.', resolve: (r) => r.action }),
    key: t.exposeString('key', {
      nullable: true,
      description: 'The slug (entities) or relation id (relations) the row is about; null when it cannot be told.',
    }),
    problems: t.field({
      type: [ImportProblemRef],
      description: 'Empty unless `action` is ERROR.',
      resolve: (r) => r.problems,
    }),
  }),
});

const columnList = (target: ImportTarget) =>
  IMPORT_COLUMNS[target].map((c) => `${c.name}${c.required ? ' (required)' : ''}: ${c.description}`).join('; ');

staffMutation('importRows', 'editor', {
  does:
    'imports entities or relations from a CSV file, all or nothing. Every row is checked as createEntity, ' +
    'updateEntity, createRelation or updateRelation would check it (report quotes included). With `dryRun` ' +
    'nothing is written and each row says what it would do; otherwise, if any row has a problem nothing is ' +
    'written (`applied` false), else every row is written in one transaction, recorded as one operation.',
  input: 'A CSV file and what its rows are.',
  inputFields: (t) => ({
    target: t.field({
      type: ImportTargetEnum,
      required: true,
      description: 'Whether the rows are entities or relations.',
    }),
    csv: t.string({
      required: true,
      description:
        `The file: UTF-8 CSV, comma-separated, "double quotes" around cells with commas or line breaks, a header ` +
        `row naming the columns in any order, at most ${MAX_IMPORT_ROWS} rows. A column left out keeps the ` +
        `field of an entry a row updates; an empty cell clears it. ENTITIES columns: ${columnList('ENTITIES')}. ` +
        `RELATIONS columns: ${columnList('RELATIONS')}.`,
    }),
    dryRun: t.boolean({
      required: true,
      description: 'True: check every row and write nothing. False: write every row, or nothing if any has a problem.',
    }),
  }),
  run: (db, actor, input, ctx) =>
    importRows(db, actor, { target: input.target, csv: input.csv, dryRun: input.dryRun }, citationCheck(ctx.report)),
  payload: (t) => ({
    applied: t.boolean({
      description: 'True when the rows were written: not a dry run, and no row had a problem.',
      resolve: (p) => p.result.applied,
    }),
    rows: t.field({
      type: [ImportRowResultRef],
      description: 'Every row of the file, in order, with what it does or its problems.',
      resolve: (p) => p.result.rows,
    }),
    errorCount: t.int({ description: 'How many rows have problems.', resolve: (p) => p.result.errorCount }),
  }),
});
