/**
 * Reads and validates the seed directory, reporting every problem at once with file, line and field.
 *
 * Usage: `const result = await readSeeds('seeds'); if (!result.ok) print(result.problems)`.
 */

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { closest, distance } from 'fastest-levenshtein';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { SeedOrigin } from '../../model/seed-format.js';
import {
  ChangeRecord,
  deriveRelationId,
  type Entity,
  Entity as EntitySchema,
  HistoryFileOutline,
  type Relation,
  Relation as RelationSchema,
  SeedFileOutline,
} from '../../model/seed-format.js';
import { RELATION_TYPES } from '../../model/vocabulary.js';
import { valuesCutByComments } from './checks/yaml-comments.js';

export type SeedEntity = Entity & { origin: SeedOrigin };
export type SeedRelation = Relation & { id: string; origin: SeedOrigin };

export interface Problem {
  file: string;
  line: number;
  field: string;
  message: string;
}

/**
 * The backup's change history (written by export). Its name is reserved: a directory with this
 * file restores the history too; a directory without it (the hand-written seeds) leaves the
 * graph's history as it is.
 */
export const HISTORY_FILE = 'history.yaml';

/**
 * The reconciliation of the seeds with the report (see api/seed/coverage/): YAML, but not seed
 * entries. Its name is reserved: listing, loading and exporting seed files leave it alone.
 */
export const COVERAGE_DIR = 'coverage';

export type SeedReadResult =
  | { ok: true; entities: SeedEntity[]; relations: SeedRelation[]; changes?: ChangeRecord[] }
  | { ok: false; problems: Problem[] };

interface Located<T> {
  value: T;
  file: string;
  /** Line of each entry, then of each of its fields. */
  line: (field?: string) => number;
}

/** Lists the seed YAML files below `dir` (not the coverage files), in a stable order. */
export async function listSeedFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((file) => !file.startsWith(`${COVERAGE_DIR}/`))
    .sort();
}

export async function readSeeds(dir: string): Promise<SeedReadResult> {
  const files = await listSeedFiles(dir);
  const problems: Problem[] = [];
  const entities: Located<SeedEntity>[] = [];
  const relations: Located<SeedRelation>[] = [];
  let changes: ChangeRecord[] | undefined;
  for (const file of files) {
    const text = await readFile(path.join(dir, file), 'utf8');
    if (file === HISTORY_FILE) {
      const history = parseHistoryText(file, text);
      problems.push(...history.problems);
      changes = history.changes;
      continue;
    }
    const parsed = parseSeedText(file, text);
    problems.push(...parsed.problems);
    entities.push(...parsed.entities);
    relations.push(...parsed.relations);
  }
  problems.push(...crossCheck(entities, relations));
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  return {
    ok: true,
    entities: entities.map((e) => e.value),
    relations: relations.map((r) => r.value),
    ...(changes ? { changes } : {}),
  };
}

/** Parses the backup's history file: every change validated, ids unique. */
export function parseHistoryText(file: string, text: string): { problems: Problem[]; changes: ChangeRecord[] } {
  const { doc, problems, lineAt } = parseYaml(file, text);
  const changes: ChangeRecord[] = [];
  if (!doc) return { problems, changes };
  const outline = HistoryFileOutline.safeParse(doc.toJS() ?? {});
  if (!outline.success) {
    for (const issue of outline.error.issues) problems.push(toProblem(file, issue, lineAt));
    return { problems, changes };
  }
  const seen = new Set<string>();
  outline.data.changes.forEach((raw, index) => {
    const parsed = ChangeRecord.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(toProblem(file, prefixed(issue, 'changes', index), lineAt));
      return;
    }
    if (seen.has(parsed.data.id)) {
      problems.push({
        file,
        line: lineAt(['changes', index, 'id']),
        field: `changes[${index}].id`,
        message: `duplicate change id "${parsed.data.id}"`,
      });
    }
    seen.add(parsed.data.id);
    changes.push(parsed.data);
  });
  return { problems, changes };
}

/** Parses YAML text, with a way to find the line of any node. `doc` is null on syntax errors. */
function parseYaml(file: string, text: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: Problem[] = [];
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  /** Line of the YAML node at `pathInDoc`, falling back to its nearest existing parent. */
  const lineAt = (pathInDoc: readonly PropertyKey[]): number => {
    for (let n = pathInDoc.length; n >= 0; n--) {
      const node = doc.getIn(pathInDoc.slice(0, n) as (string | number)[], true) as { range?: [number] } | undefined;
      if (node?.range) return lineOf(node.range[0]);
    }
    return 1;
  };
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      problems.push({ file, line: lineOf(error.pos[0]), field: '(yaml)', message: error.message.split('\n')[0] ?? '' });
    }
    return { doc: null, problems, lineAt };
  }
  problems.push(...valuesCutByComments(file, text, doc, lineCounter));
  return { doc, problems, lineAt };
}

/** Parses one seed file's text; exported so tests can check messages without touching disk. */
export function parseSeedText(file: string, text: string) {
  const { doc, problems, lineAt } = parseYaml(file, text);
  const entities: Located<SeedEntity>[] = [];
  const relations: Located<SeedRelation>[] = [];
  if (!doc) return { problems, entities, relations };

  const outline = SeedFileOutline.safeParse(doc.toJS() ?? {});
  if (!outline.success) {
    for (const issue of outline.error.issues) problems.push(toProblem(file, issue, lineAt));
    return { problems, entities, relations };
  }
  outline.data.entities.forEach((raw, index) => {
    const parsed = EntitySchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(toProblem(file, prefixed(issue, 'entities', index), lineAt));
      return;
    }
    entities.push({
      value: { ...parsed.data, origin: { file, position: index } },
      file,
      line: (field) => lineAt(field ? ['entities', index, field] : ['entities', index]),
    });
  });
  outline.data.relations.forEach((raw, index) => {
    const parsed = RelationSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(toProblem(file, prefixed(issue, 'relations', index), lineAt));
      return;
    }
    const relation = parsed.data;
    relations.push({
      value: { ...relation, id: relation.id ?? deriveRelationId(relation), origin: { file, position: index } },
      file,
      line: (field) => lineAt(field ? ['relations', index, field] : ['relations', index]),
    });
  });
  return { problems, entities, relations };
}

function prefixed(issue: z.core.$ZodIssue, list: string, index: number): z.core.$ZodIssue {
  return { ...issue, path: [list, index, ...issue.path] };
}

function toProblem(file: string, issue: z.core.$ZodIssue, lineAt: (p: readonly PropertyKey[]) => number): Problem {
  let issuePath = issue.path;
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    issuePath = [...issue.path, issue.keys[0] ?? ''];
    message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  if (issue.code === 'invalid_value' && issue.path.at(-1) === 'type') {
    message = `unknown relation type; expected one of ${Object.keys(RELATION_TYPES).join(', ')}`;
  }
  const field = issuePath
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
  return { file, line: lineAt(issuePath), field: field || '(file)', message };
}

function crossCheck(entities: Located<SeedEntity>[], relations: Located<SeedRelation>[]): Problem[] {
  const problems: Problem[] = [];
  const bySlug = new Map<string, Located<SeedEntity>>();
  for (const entity of entities) {
    const first = bySlug.get(entity.value.slug);
    if (first) {
      problems.push({
        file: entity.file,
        line: entity.line('slug'),
        field: `entities[${entity.value.origin.position}].slug`,
        message: `duplicate slug "${entity.value.slug}" (first defined in ${first.file}:${first.line('slug')})`,
      });
    } else {
      bySlug.set(entity.value.slug, entity);
    }
  }
  const slugs = [...bySlug.keys()];
  const suggest = (slug: string) => {
    if (slugs.length === 0) return '';
    const guess = closest(slug, slugs);
    return distance(slug, guess) <= Math.max(3, slug.length / 3) ? `; did you mean "${guess}"?` : '';
  };

  const byId = new Map<string, Located<SeedRelation>>();
  for (const relation of relations) {
    const r = relation.value;
    const spec = RELATION_TYPES[r.type];
    const first = byId.get(r.id);
    if (first) {
      problems.push({
        file: relation.file,
        line: relation.line(),
        field: `relations[${r.origin.position}].id`,
        message: `duplicate relation id "${r.id}" (also at ${first.file}:${first.line()}); give one of them an explicit "id"`,
      });
    } else {
      byId.set(r.id, relation);
    }
    for (const end of ['from', 'to'] as const) {
      const entity = bySlug.get(r[end]);
      if (!entity) {
        problems.push({
          file: relation.file,
          line: relation.line(end),
          field: `relations[${r.origin.position}].${end}`,
          message: `unknown entity "${r[end]}"${suggest(r[end])}`,
        });
      } else if (!(spec[end] as readonly string[]).includes(entity.value.kind)) {
        problems.push({
          file: relation.file,
          line: relation.line(end),
          field: `relations[${r.origin.position}].${end}`,
          message: `${r.type} expects ${end} to be ${spec[end].join(' or ')}, but "${r[end]}" is ${entity.value.kind}`,
        });
      }
    }
    if (r.software) {
      const software = bySlug.get(r.software);
      if (!software) {
        problems.push({
          file: relation.file,
          line: relation.line('software'),
          field: `relations[${r.origin.position}].software`,
          message: `unknown entity "${r.software}"${suggest(r.software)}`,
        });
      } else if (software.value.kind !== 'PROJECT') {
        problems.push({
          file: relation.file,
          line: relation.line('software'),
          field: `relations[${r.origin.position}].software`,
          message: `software must be a PROJECT, but "${r.software}" is ${software.value.kind}`,
        });
      }
    }
  }
  return problems;
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.field.localeCompare(b.field));
}

/** One line per problem, the way compilers print them: `file:line field: message`. */
export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `seeds/${p.file}:${p.line} ${p.field}: ${p.message}`).join('\n');
}
