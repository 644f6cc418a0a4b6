/**
 * The CSV files staff import (`import.ts`): one table of columns per target, derived from the seed
 * format, and the reading of a file into rows of seed-format values, each cell's problem named by
 * its column. A header row names the columns, in any order; a column left out of the file keeps
 * the field of an entry it updates, an empty cell clears it.
 *
 * Usage: `const table = readImportCsv('RELATIONS', csv); for (const row of table.rows) row.values.from`.
 */
import { parse } from 'csv-parse/sync';
import { closest } from 'fastest-levenshtein';
import { z } from 'zod';
import { MONEY_PERIODS, RELATION_FIELD_NAMES, RELATION_FIELDS } from '../../../model/relation-fields.js';
import { Entity } from '../../../model/seed-format.js';
import { STAFF_FIELDS } from '../../../model/seed-values.js';
import { CURRENCIES, ENTITY_KINDS, RELATION_TYPE_NAMES } from '../../../model/vocabulary.js';
import { invalidArgument } from '../../core/errors.js';

export const IMPORT_TARGETS = ['ENTITIES', 'RELATIONS'] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];

/** At most this many rows per import: a larger file is split, so one transaction stays short. */
export const MAX_IMPORT_ROWS = 1000;

/** How a cell becomes a seed value: text as it is, a number, a list split on "|", an enum name. */
type CellKind = 'text' | 'number' | 'list' | 'upper' | 'period';

export interface ImportColumn {
  name: string;
  /** The seed field it sets (`source` for the source columns). */
  field: string;
  cell: CellKind;
  required?: true;
  description: string;
}

/** The one source a relation row can give, from its `source_*` columns. */
export const SOURCE_COLUMNS = {
  source_section: 'section',
  source_quote: 'quote',
  source_url: 'url',
  source_title: 'title',
} as const;

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const INTERNAL_NOTES: ImportColumn = {
  name: 'internal_notes',
  field: 'internalNotes',
  cell: 'text',
  description: 'staff-only notes',
};

const RELATION_CELLS: Partial<Record<string, CellKind>> = { Float: 'number', MoneyPeriod: 'period' };

/** What an entity column says beyond which kinds take it and whether it is required (the seed format says that). */
const ENTITY_COLUMN_WORDS: Record<string, string> = {
  slug: 'an existing slug updates that entity',
  kind: ENTITY_KINDS.join(', '),
  name: 'its name',
  aliases: 'other names, separated by "|"',
  summary: 'one or two sentences',
  url: 'its website',
  date: 'YYYY, YYYY-MM or YYYY-MM-DD',
  internalNotes: 'staff-only notes',
};

/** The version belongs to an edit, not to the data: a spreadsheet does not set it. */
const NOT_IMPORTED = new Set(['version']);

/**
 * One column per field of the seed format's entity kinds: the key first, staff fields last. A
 * field some kinds lack says which kinds take it; required only where every kind requires it.
 */
function entityColumns(): ImportColumn[] {
  const kinds = Entity.options.map((kind) => ({
    name: kind.shape.kind.value,
    shape: kind.shape as Record<string, z.ZodType>,
  }));
  const rank = (field: string) => (field === 'slug' ? 0 : field === 'kind' ? 1 : field in STAFF_FIELDS ? 3 : 2);
  const fields = [...new Set(kinds.flatMap((kind) => Object.keys(kind.shape)))]
    .filter((field) => !NOT_IMPORTED.has(field))
    .sort((a, b) => rank(a) - rank(b));
  return fields.map((field): ImportColumn => {
    const having = kinds.filter((kind) => field in kind.shape);
    const requiring = having.filter((kind) => !kind.shape[field]!.safeParse(undefined).success);
    const everywhere = having.length === kinds.length;
    const scope = everywhere
      ? ''
      : `${having.map((kind) => kind.name).join(' and ')} only${requiring.length > 0 ? ', required there' : ''}`;
    return {
      name: snake(field),
      field,
      cell: field === 'kind' ? 'upper' : isList(having[0]!.shape[field]!) ? 'list' : 'text',
      ...(everywhere && requiring.length === kinds.length ? { required: true as const } : {}),
      description: [scope, ENTITY_COLUMN_WORDS[field]].filter(Boolean).join(': '),
    };
  });
}

function isList(schema: z.ZodType): boolean {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) inner = inner.unwrap() as z.ZodType;
  return inner instanceof z.ZodArray;
}

/** The columns of each target, in the order the schema and README document them. */
export const IMPORT_COLUMNS: Record<ImportTarget, readonly ImportColumn[]> = {
  ENTITIES: entityColumns(),
  RELATIONS: [
    {
      name: 'id',
      field: 'id',
      cell: 'text',
      description: 'derived from type, from, to (and software) when empty; an existing id updates that relation',
    },
    { name: 'type', field: 'type', cell: 'upper', required: true, description: 'a RelationType, e.g. FUNDING' },
    { name: 'from', field: 'from', cell: 'text', required: true, description: 'slug of the source entity' },
    { name: 'to', field: 'to', cell: 'text', required: true, description: 'slug of the target entity' },
    ...RELATION_FIELD_NAMES.filter((name) => name !== 'sources').map(
      (name): ImportColumn => ({
        name: snake(name),
        field: name,
        cell: RELATION_CELLS[RELATION_FIELDS[name].graphql] ?? (name === 'currency' ? 'upper' : 'text'),
        description:
          name === 'period'
            ? MONEY_PERIODS.join(', ')
            : name === 'currency'
              ? CURRENCIES.join(', ')
              : name === 'software'
                ? 'HOSTING: slug of the hosted software project'
                : `as \`Relation.${name}\``,
      }),
    ),
    {
      name: 'source_section',
      field: 'source',
      cell: 'text',
      description: 'heading of the report section (one source per row; on an existing relation it is added)',
    },
    { name: 'source_quote', field: 'source', cell: 'text', description: 'the quote, verbatim in that section' },
    { name: 'source_url', field: 'source', cell: 'text', description: 'another document than the report: its url' },
    { name: 'source_title', field: 'source', cell: 'text', description: 'and its title' },
    INTERNAL_NOTES,
  ],
};

/** A problem of one row, on one column; `suggestion` is what to write instead, when there is a likely one. */
export interface ImportProblem {
  column: string;
  message: string;
  suggestion: string | null;
}

export interface ImportRow {
  /** Line of the file the row starts on (the header is line 1). */
  line: number;
  /**
   * Seed-format values of the columns the file has: null for an empty cell. A relation's source
   * columns give `sources` (one source), or nothing when they are all empty.
   */
  values: Record<string, unknown>;
  /** Cells that could not be read (e.g. "abc" as an amount). */
  problems: ImportProblem[];
}

export interface ImportTable {
  target: ImportTarget;
  /** The columns the file has. */
  columns: ImportColumn[];
  rows: ImportRow[];
}

/**
 * Reads a CSV file for `target`. A file that cannot be read as a whole (bad CSV, unknown or
 * missing columns, no rows, too many) is INVALID_ARGUMENT on `input.csv`; a bad cell is a problem
 * of its row.
 */
export function readImportCsv(target: ImportTarget, csv: string): ImportTable {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(csv.replace(/\r\n?/g, '\n'), {
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      info: true,
      bom: true,
      skip_empty_lines: true,
      trim: false,
    });
  } catch (error) {
    throw invalidArgument('input.csv', `not a CSV file with a header row: ${(error as Error).message}`);
  }
  const known = IMPORT_COLUMNS[target];
  const header = Object.keys(records[0]?.record ?? headerOf(csv));
  const columns = header.map((name) => {
    const column = known.find((c) => c.name === name);
    if (!column) {
      throw invalidArgument(
        'input.csv',
        `unknown column "${name}" (did you mean "${closest(
          name,
          known.map((c) => c.name),
        )}"?); the columns of ` + `${target} are ${known.map((c) => c.name).join(', ')}`,
      );
    }
    return column;
  });
  const missing = known.filter((c) => c.required && !header.includes(c.name)).map((c) => c.name);
  if (missing.length > 0)
    throw invalidArgument('input.csv', `the header row lacks the column(s) ${missing.join(', ')}`);
  if (records.length === 0) throw invalidArgument('input.csv', 'no rows under the header row');
  if (records.length > MAX_IMPORT_ROWS) {
    throw invalidArgument(
      'input.csv',
      `at most ${MAX_IMPORT_ROWS} rows per import, got ${records.length}: split the file`,
    );
  }
  return {
    target,
    columns,
    rows: records.map(({ record, info }) => {
      // `lines` is where the record ends; quoted cells may span lines.
      const spanned = Object.values(record).reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
      return { line: info.lines - spanned, ...rowValues(columns, record) };
    }),
  };
}

/** The header alone, for a file without rows (its error says so, after the header is checked). */
function headerOf(csv: string): Record<string, string> {
  const firstLine = csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  const [names = []] = parse(firstLine, { relax_column_count: true }) as string[][];
  return Object.fromEntries(names.map((name) => [name.trim().toLowerCase(), '']));
}

function rowValues(columns: ImportColumn[], record: Record<string, string>) {
  const values: Record<string, unknown> = {};
  const problems: ImportProblem[] = [];
  const source: Record<string, string> = {};
  for (const column of columns) {
    const cell = (record[column.name] ?? '').trim();
    if (column.field === 'source') {
      if (cell) source[SOURCE_COLUMNS[column.name as keyof typeof SOURCE_COLUMNS]] = cell;
      continue;
    }
    const value = cellValue(column, cell);
    if (value instanceof Error) problems.push({ column: column.name, message: value.message, suggestion: null });
    else values[column.field] = value;
  }
  if (Object.keys(source).length > 0) values.sources = [source];
  return { values, problems };
}

function cellValue(column: ImportColumn, cell: string): unknown {
  if (cell === '') return null;
  switch (column.cell) {
    case 'text':
      return cell;
    case 'upper':
      return cell.toUpperCase();
    case 'period':
      return cell.toLowerCase().replace(/_/g, '-');
    case 'list':
      return cell
        .split('|')
        .map((item) => item.trim())
        .filter(Boolean);
    case 'number': {
      // "20 000" and "1500,50" as a French spreadsheet writes them.
      const number = Number(cell.replace(/[\s\u00a0\u202f]/g, '').replace(/,(?=\d+$)/, '.'));
      return Number.isFinite(number) ? number : new Error(`expected a number, e.g. 20000, got "${cell}"`);
    }
  }
}

/** The column a seed field (or a path into it, e.g. ["sources", 0, "quote"]) is read from. */
export function columnOf(target: ImportTarget, path: readonly PropertyKey[]): string {
  const [field, , sub] = path.map(String);
  if (field === 'sources') return `source_${sub ?? 'quote'}`;
  const column = IMPORT_COLUMNS[target].find((c) => c.field === field);
  return column?.name ?? keyColumn(target);
}

/** The column that says which entry a row is about. */
export const keyColumn = (target: ImportTarget) => (target === 'ENTITIES' ? 'slug' : 'id');

/** The value names a column takes, for suggestions: kinds, relation types. */
export const COLUMN_VALUES: Record<string, readonly string[]> = {
  kind: ENTITY_KINDS,
  type: RELATION_TYPE_NAMES,
};
