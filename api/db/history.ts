/**
 * The change history: one `(:Change)` node per entity or relation a staff mutation touched, with
 * who, when, and the target's snapshot before and after (JSON text, null before a creation and
 * after a deletion). Change nodes carry no `Entity` label and no relationship, so the public
 * graph, search, paths and the map never meet them; they point at their target by kind and id.
 *
 * Usage: `const page = await historyOf(db, { kind: 'ENTITY', id: 'framasoft' }, { offset: 0, limit: 20 })`.
 */
import type { Page } from '../../model/models.js';
import type { CHANGE_ACTIONS, CHANGE_TARGETS, ChangeRecord } from '../../model/seed-format.js';
import { patternPageColumns } from './cypher-fragments.js';
import type { Database, Tx } from './database.js';
import { emptyPage, pageOf } from './pages.js';

export type ChangeAction = (typeof CHANGE_ACTIONS)[number];
export type ChangeTargetKind = (typeof CHANGE_TARGETS)[number];

export interface ChangeModel {
  id: string;
  /** Shared by every change one mutation made (a merge or a cascading delete makes several). */
  operation: string;
  /** Order within the operation. */
  seq: number;
  /** ISO 8601 instant. */
  at: string;
  /** Staff name from STAFF_TOKENS. */
  actor: string;
  action: ChangeAction;
  targetKind: ChangeTargetKind;
  targetId: string;
  /** JSON of the target's seed form (plus `origin`) before the change; null for a creation. */
  before: string | null;
  /** JSON after the change; null for a deletion. */
  after: string | null;
}

export interface ChangeTarget {
  kind: ChangeTargetKind;
  id: string;
}

/** Indexes of the history; part of `SCHEMA_STATEMENTS` (schema-setup.ts). */
export const HISTORY_SCHEMA_STATEMENTS: readonly string[] = [
  'CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:Change) REQUIRE c.id IS UNIQUE',
  'CREATE INDEX change_target IF NOT EXISTS FOR (c:Change) ON (c.targetKind, c.targetId)',
];

const NEWEST_FIRST = 'c.at DESC, c.seq DESC';
const OLDEST_FIRST = 'c.at, c.seq, c.id';

function changeFromProps(raw: Record<string, unknown>): ChangeModel {
  return {
    id: String(raw.id),
    operation: String(raw.operation),
    seq: Number(raw.seq),
    at: String(raw.at),
    actor: String(raw.actor),
    action: raw.action as ChangeAction,
    targetKind: raw.targetKind as ChangeTargetKind,
    targetId: String(raw.targetId),
    before: typeof raw.before === 'string' ? raw.before : null,
    after: typeof raw.after === 'string' ? raw.after : null,
  };
}

/** Writes the changes of one operation, inside the operation's transaction. */
export async function recordChanges(tx: Tx, changes: readonly ChangeModel[]): Promise<void> {
  if (changes.length === 0) return;
  await tx.run('UNWIND $changes AS change CREATE (c:Change) SET c = change', { changes }, () => null);
}

/** One page of a target's changes, newest first. */
export async function historyOf(
  db: Database,
  target: ChangeTarget,
  paging: { offset: number; limit: number },
): Promise<Page<ChangeModel>> {
  // A change history is short: always counted.
  const [page] = await db.read(
    `RETURN ${patternPageColumns('MATCH (c:Change {targetKind: $kind, targetId: $id})', NEWEST_FIRST, 'properties(c)', true)}`,
    { kind: target.kind, id: target.id, offset: paging.offset, limit: paging.limit },
    pageOf(paging.offset, paging.limit, changeFromProps),
  );
  return page ?? emptyPage(paging.offset);
}

/** One page of every change the staff made, newest first (the staff workspace's feed). */
export async function recentChanges(
  db: Database,
  paging: { offset: number; limit: number },
): Promise<Page<ChangeModel>> {
  const [page] = await db.read(
    `RETURN ${patternPageColumns('MATCH (c:Change)', `${NEWEST_FIRST}, c.id`, 'properties(c)', true)}`,
    { offset: paging.offset, limit: paging.limit },
    pageOf(paging.offset, paging.limit, changeFromProps),
  );
  return page ?? emptyPage(paging.offset);
}

/** The latest change of a target, read inside a mutation's transaction. */
export async function latestChange(tx: Tx, target: ChangeTarget): Promise<ChangeModel | null> {
  const [change] = await tx.run(
    `MATCH (c:Change {targetKind: $kind, targetId: $id})
     RETURN properties(c) AS change ORDER BY ${NEWEST_FIRST} LIMIT 1`,
    { kind: target.kind, id: target.id },
    (r) => changeFromProps(r.get('change')),
  );
  return change ?? null;
}

/** The other changes an operation made (e.g. the relations a deletion took with it). */
export async function changesOfOperation(tx: Tx, operation: string): Promise<ChangeModel[]> {
  return tx.run(
    `MATCH (c:Change {operation: $operation}) RETURN properties(c) AS change ORDER BY c.seq`,
    { operation },
    (r) => changeFromProps(r.get('change')),
  );
}

/** The whole history, oldest first (for the backup). */
export async function allChanges(db: Database): Promise<ChangeModel[]> {
  return db.read(`MATCH (c:Change) RETURN properties(c) AS change ORDER BY ${OLDEST_FIRST}`, {}, (r) =>
    changeFromProps(r.get('change')),
  );
}

/**
 * Makes the graph's history equal to a backup's, inside the loader's transaction: changes are
 * MERGEd on id and changes absent from the backup removed. Returns how many were removed.
 */
export async function replaceHistory(tx: Tx, changes: readonly ChangeModel[]): Promise<number> {
  const [removed] = await tx.run(
    'MATCH (c:Change) WHERE NOT c.id IN $ids DELETE c RETURN count(*) AS n',
    { ids: changes.map((c) => c.id) },
    (r) => Number(r.get('n')),
  );
  await tx.run('UNWIND $changes AS change MERGE (c:Change {id: change.id}) SET c = change', { changes }, () => null);
  return removed ?? 0;
}

/** The backup form of a change: snapshots as YAML maps rather than JSON text. */
export function changeToRecord(change: ChangeModel): ChangeRecord {
  return {
    ...change,
    before: change.before === null ? null : (JSON.parse(change.before) as Record<string, unknown>),
    after: change.after === null ? null : (JSON.parse(change.after) as Record<string, unknown>),
  };
}

/** Inverse of `changeToRecord`: JSON keeps the snapshot's key order, so the text round-trips. */
export function changeFromRecord(record: ChangeRecord): ChangeModel {
  return {
    ...record,
    before: record.before === null ? null : JSON.stringify(record.before),
    after: record.after === null ? null : JSON.stringify(record.after),
  };
}
