/**
 * Importing entities or relations from a CSV file (`import-csv.ts`), all or nothing. Every row
 * goes through the same edits as the single mutations (`entities.ts`, `relations.ts`), inside ONE
 * transaction: when any row has a problem, or on a dry run, the transaction is rolled back and the
 * rows say what each would have done; otherwise it commits, with every change recorded under one
 * operation.
 *
 * A row whose key (slug, relation id) exists updates that entry, and is UNCHANGED when it would
 * change nothing; on an existing relation, the row's source is added unless already cited.
 *
 * Usage: `const { result } = await importRows(db, 'ada', { target: 'RELATIONS', csv, dryRun: true }, citations)`.
 */
import { closest } from 'fastest-levenshtein';
import type { z } from 'zod';
import type { EntityModel, RelationModel } from '../../../model/models.js';
import {
  deriveRelationId,
  Entity as EntitySchema,
  type Relation,
  Relation as RelationSchema,
} from '../../../model/seed-format.js';
import { citesReport, type Source } from '../../../model/seed-values.js';
import { ENTITY_KINDS, RELATION_TYPE_NAMES, RELATION_TYPES, type RelationType } from '../../../model/vocabulary.js';
import { isNotFound } from '../../core/errors.js';
import type { Database, Tx } from '../database.js';
import { entityToSeed, relationToSeed } from '../records/seed-form.js';
import { applyPatch, type CitationCheck } from './checks.js';
import { changeEntity, insertNewEntity } from './entities.js';
import { lockEntities } from './entity-cypher.js';
import {
  columnOf,
  type ImportProblem,
  type ImportRow,
  type ImportTable,
  type ImportTarget,
  keyColumn,
  readImportCsv,
} from './import-csv.js';
import { lockedRelation } from './relation-cypher.js';
import { changeRelation, insertNewRelation } from './relations.js';
import type { Located } from './snapshots.js';
import { type Edited, edit, type Operation } from './transaction.js';

export type { ImportProblem, ImportTarget } from './import-csv.js';
export { IMPORT_COLUMNS, IMPORT_TARGETS, MAX_IMPORT_ROWS } from './import-csv.js';

export const IMPORT_ACTIONS = ['CREATE', 'UPDATE', 'UNCHANGED', 'ERROR'] as const;
export type ImportAction = (typeof IMPORT_ACTIONS)[number];

export interface ImportRowResult {
  line: number;
  action: ImportAction;
  /** The slug or relation id the row is about; null when it cannot be told. */
  key: string | null;
  problems: ImportProblem[];
}

export interface ImportOutcome {
  /** True when the rows were written (not a dry run, and no row had a problem). */
  applied: boolean;
  rows: ImportRowResult[];
  /** How many rows have a problem. */
  errorCount: number;
}

/** Carries a dry run's or a refused import's outcome out of the transaction it rolls back. */
class RolledBack extends Error {
  constructor(readonly outcome: ImportOutcome) {
    super('import rolled back');
  }
}

/**
 * Plans every row of `csv` and, unless `dryRun` or a row has a problem, writes them all in one
 * transaction. Report sources are checked with `citations` (none: unchecked).
 */
export async function importRows(
  db: Database,
  actor: string,
  input: { target: ImportTarget; csv: string; dryRun: boolean },
  citations?: CitationCheck,
): Promise<Edited<ImportOutcome>> {
  const table = readImportCsv(input.target, input.csv);
  try {
    return await edit(db, actor, async (tx, op) => {
      const rows =
        table.target === 'ENTITIES'
          ? await importEntities(tx, op, table)
          : await importRelations(tx, op, table, citations);
      const errorCount = rows.filter((row) => row.problems.length > 0).length;
      const outcome = { applied: !input.dryRun && errorCount === 0, rows, errorCount };
      if (!outcome.applied) throw new RolledBack(outcome);
      return outcome;
    });
  } catch (error) {
    if (error instanceof RolledBack) return { result: error.outcome, changes: [] };
    throw error;
  }
}

/** A row's result: ERROR whenever it has problems. */
const rowResult = (row: ImportRow, action: ImportAction, key: string | null, problems: ImportProblem[]) => ({
  line: row.line,
  action: problems.length > 0 ? ('ERROR' as const) : action,
  key,
  problems,
});

const problem = (column: string, message: string, suggestion?: string | null): ImportProblem => ({
  column,
  message,
  suggestion: suggestion ?? null,
});

/** Values of the cells the file has; an empty cell leaves the field out (a creation has no field to clear). */
const given = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null));

/** The problems of a value against a seed schema, each on its column, with the likely value for an enum. */
function schemaProblems(target: ImportTarget, schema: z.ZodType, value: Record<string, unknown>) {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { data: parsed.data as Record<string, unknown>, problems: [] as ImportProblem[] };
  const problems = parsed.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return problem(columnOf(target, [issue.keys[0]!]), 'not a field of this kind of entry; leave the cell empty');
    }
    const column = columnOf(target, issue.path);
    const given = issue.path.reduce<unknown>((v, key) => (v as Record<PropertyKey, unknown>)?.[key], value);
    const suggestion =
      issue.code === 'invalid_value' && typeof given === 'string' ? closest(given, issue.values.map(String)) : null;
    // A required field whose cell is empty (or whose column is missing on this kind of row).
    const missing = issue.code === 'invalid_type' && given === undefined;
    const message = !missing
      ? issue.message
      : issue.path[0] === 'sources'
        ? 'every relation needs a source: fill source_section and source_quote'
        : 'required: the cell is empty';
    return problem(column, message, suggestion);
  });
  return { data: null, problems };
}

/** An edit's refusal (a coded API error) as a problem of the row; anything else stops the import. */
function refusalProblem(target: ImportTarget, error: unknown): ImportProblem {
  const extensions = (error as { extensions?: { code?: unknown; argument?: unknown } }).extensions;
  if (typeof extensions?.code !== 'string') throw error;
  const argument = typeof extensions.argument === 'string' ? extensions.argument : null;
  const path = argument
    ? argument
        .replace(/^input\./, '')
        .split(/[.[\]]+/)
        .filter(Boolean)
    : [];
  const message = (error as Error).message.replace(/^Invalid argument "[^"]*": |^sources\[\d+\]\.\w+: /, '');
  return problem(path.length ? columnOf(target, path) : keyColumn(target), message);
}

/** Runs one row's edit; its refusal becomes the row's problem. */
async function attempt(target: ImportTarget, work: () => Promise<unknown>): Promise<ImportProblem[]> {
  try {
    await work();
    return [];
  } catch (error) {
    return [refusalProblem(target, error)];
  }
}

/** Two seed forms say the same (key order and version aside). */
function sameSeed(a: Record<string, unknown>, b: Record<string, unknown>) {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([key]) => key !== 'version')
              .sort(([x], [y]) => x.localeCompare(y))
              .map(([key, v]) => [key, canonical(v)]),
          )
        : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** A second row with the same key would silently overwrite the first. */
function duplicateOf(seen: Map<string, number>, key: string | null, line: number): number | null {
  if (key === null) return null;
  const first = seen.get(key);
  if (first === undefined) seen.set(key, line);
  return first ?? null;
}

// Entities

async function importEntities(tx: Tx, op: Operation, table: ImportTable): Promise<ImportRowResult[]> {
  const slugs = table.rows.map((row) => row.values.slug).filter((slug): slug is string => typeof slug === 'string');
  const existing = await lockEntities(tx, slugs);
  const seen = new Map<string, number>();
  const results: ImportRowResult[] = [];
  for (const row of table.rows) {
    const slug = typeof row.values.slug === 'string' ? row.values.slug : null;
    const problems = [...row.problems];
    const kind = row.values.kind;
    if (typeof kind === 'string' && !(ENTITY_KINDS as readonly string[]).includes(kind)) {
      problems.push(problem('kind', `expected one of ${ENTITY_KINDS.join(', ')}`, closest(kind, [...ENTITY_KINDS])));
    }
    const firstLine = duplicateOf(seen, slug, row.line);
    if (firstLine !== null) problems.push(problem('slug', `"${slug}" is already on line ${firstLine}`));
    const current = slug ? existing.get(slug) : undefined;
    if (problems.length > 0) {
      results.push(rowResult(row, 'ERROR', slug, problems));
    } else if (current) {
      results.push(await updateEntityRow(tx, op, table, row, current));
    } else {
      const { data, problems: invalid } = schemaProblems('ENTITIES', EntitySchema, given(row.values));
      if (data) invalid.push(...(await attempt('ENTITIES', () => insertNewEntity(tx, op, data as never))));
      results.push(rowResult(row, 'CREATE', slug, invalid));
    }
  }
  return results;
}

async function updateEntityRow(
  tx: Tx,
  op: Operation,
  table: ImportTable,
  row: ImportRow,
  current: Located<EntityModel>,
): Promise<ImportRowResult> {
  const { slug, kind, ...patch } = row.values;
  const entity = current.value;
  if (kind !== entity.kind) {
    const why = `"${entity.slug}" is ${entity.kind}: an entity's kind does not change (merge, or delete and create)`;
    return rowResult(row, 'ERROR', entity.slug, [problem('kind', why, entity.kind)]);
  }
  const before = EntitySchema.parse(entityToSeed(entity)) as Record<string, unknown>;
  const { data, problems } = schemaProblems('ENTITIES', EntitySchema, applyPatch(entityToSeed(entity), patch));
  if (!data) return rowResult(row, 'ERROR', entity.slug, problems);
  if (sameSeed(before, data)) return rowResult(row, 'UNCHANGED', entity.slug, []);
  const refused = await attempt(table.target, () =>
    changeEntity(tx, op, { slug: entity.slug, expectedVersion: entity.version, patch }),
  );
  return rowResult(row, 'UPDATE', String(slug), refused);
}

// Relations

/** Every entity's kind by slug: the ends a row names are checked against them, and suggested from them. */
async function entityKinds(tx: Tx): Promise<Map<string, string>> {
  const rows = await tx.run(
    'MATCH (e:Entity) RETURN e.slug AS slug, e.kind AS kind',
    {},
    (r) => [r.get('slug') as string, r.get('kind') as string] as const,
  );
  return new Map(rows);
}

/** The relation with this id, write-locked; null when there is none. */
async function relationIfAny(tx: Tx, id: string): Promise<Located<RelationModel> | null> {
  try {
    return await lockedRelation(tx, id);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** Problems of the type and of the ends a row names: unknown slugs (with the closest one), kinds the type does not allow. */
function endProblems(values: Record<string, unknown>, kinds: Map<string, string>): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const type = values.type as string | null | undefined;
  const known = typeof type === 'string' && (RELATION_TYPE_NAMES as readonly string[]).includes(type);
  if (typeof type === 'string' && !known) {
    problems.push(problem('type', 'not a relation type', closest(type, [...RELATION_TYPE_NAMES])));
  }
  const slugs = [...kinds.keys()];
  for (const end of ['from', 'to', 'software'] as const) {
    const slug = values[end];
    if (typeof slug !== 'string') continue;
    const kind = kinds.get(slug);
    if (!kind) {
      problems.push(problem(end, `no entity has the slug "${slug}"`, closest(slug, slugs)));
      continue;
    }
    const allowed: readonly string[] =
      end === 'software' ? ['PROJECT'] : known ? RELATION_TYPES[type as RelationType][end] : ENTITY_KINDS;
    if (!allowed.includes(kind)) {
      const what =
        end === 'software' ? 'software must be a PROJECT' : `${type} expects ${end} to be ${allowed.join(' or ')}`;
      problems.push(problem(end, `${what}, but "${slug}" is ${kind}`));
    }
  }
  return problems;
}

/** Problems of the sources that cite the report, on their columns, with where the quote really is. */
function citationProblems(sources: readonly Source[], citations: CitationCheck | undefined): ImportProblem[] {
  if (!citations) return [];
  return sources.flatMap((source) => {
    const found = citesReport(source) ? citations(source) : null;
    return found ? [problem(`source_${found.field}`, found.message, found.suggestion)] : [];
  });
}

async function importRelations(
  tx: Tx,
  op: Operation,
  table: ImportTable,
  citations: CitationCheck | undefined,
): Promise<ImportRowResult[]> {
  const kinds = await entityKinds(tx);
  const seen = new Map<string, number>();
  const results: ImportRowResult[] = [];
  for (const row of table.rows) {
    const v = row.values;
    const derivable =
      (RELATION_TYPE_NAMES as readonly unknown[]).includes(v.type) &&
      typeof v.from === 'string' &&
      typeof v.to === 'string';
    const id =
      typeof v.id === 'string'
        ? v.id
        : derivable
          ? deriveRelationId({
              type: v.type as RelationType,
              from: v.from as string,
              to: v.to as string,
              software: typeof v.software === 'string' ? v.software : undefined,
            })
          : null;
    const problems = [...row.problems, ...endProblems(v, kinds)];
    const firstLine = duplicateOf(seen, id, row.line);
    if (firstLine !== null) problems.push(problem('id', `relation "${id}" is already on line ${firstLine}`));
    const current = problems.length === 0 && id ? await relationIfAny(tx, id) : null;
    if (problems.length > 0) {
      results.push(rowResult(row, 'ERROR', id, problems));
    } else if (current) {
      results.push(await updateRelationRow(tx, op, row, current, citations));
    } else {
      const { data, problems: invalid } = schemaProblems('RELATIONS', RelationSchema, given(v));
      if (data) invalid.push(...citationProblems((data as Relation).sources, citations));
      if (invalid.length === 0) {
        invalid.push(...(await attempt('RELATIONS', () => insertNewRelation(tx, op, data as Relation))));
      }
      results.push(rowResult(row, 'CREATE', id, invalid));
    }
  }
  return results;
}

async function updateRelationRow(
  tx: Tx,
  op: Operation,
  row: ImportRow,
  current: Located<RelationModel>,
  citations: CitationCheck | undefined,
): Promise<ImportRowResult> {
  const relation = current.value;
  const { id: _id, type, from, to, sources, ...patch } = row.values;
  const moved = (['type', 'from', 'to'] as const).filter((column) => ({ type, from, to })[column] !== relation[column]);
  if (moved.length > 0) {
    const why = `relation "${relation.id}" is ${relation.type} from "${relation.from}" to "${relation.to}": its type and ends do not change (delete and create)`;
    return rowResult(
      row,
      'ERROR',
      relation.id,
      moved.map((column) => problem(column, why, relation[column])),
    );
  }
  const cited = relation.sources ?? [];
  const added = ((sources as Source[] | undefined) ?? []).filter(
    (s) => !cited.some((c) => c.section === s.section && c.quote === s.quote),
  );
  const fullPatch = added.length > 0 ? { ...patch, sources: [...cited, ...added] } : patch;
  const seed = { ...relationToSeed(relation), id: relation.id };
  const before = RelationSchema.parse(seed) as Record<string, unknown>;
  const { data, problems } = schemaProblems('RELATIONS', RelationSchema, applyPatch(seed, fullPatch));
  problems.push(...citationProblems(added, citations));
  if (!data || problems.length > 0) return rowResult(row, 'ERROR', relation.id, problems);
  if (sameSeed(before, data)) return rowResult(row, 'UNCHANGED', relation.id, []);
  // The new source was checked above: the older ones were checked when they were written.
  const refused = await attempt('RELATIONS', () =>
    changeRelation(tx, op, { relationId: relation.id, expectedVersion: relation.version, patch: fullPatch }),
  );
  return rowResult(row, 'UPDATE', relation.id, refused);
}
