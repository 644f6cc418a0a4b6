/**
 * Staff edits of relations: create, update, delete. Each is one transaction that records its
 * changes (`transaction.ts`); restoring is in `restore.ts`.
 *
 * Usage: `const { result, changes } = await deleteRelation(db, 'alice', { relationId, expectedVersion: 2 })`.
 */
import { deriveRelationId, type Relation, Relation as RelationSchema } from '../../../model/seed-format.js';
import { apiError } from '../../core/errors.js';
import type { Database, Tx } from '../database.js';
import { relationToSeed } from '../records/seed-form.js';
import { applyPatch, type CitationCheck, checkCitations, checkVersion, type Patch, validated } from './checks.js';
import {
  deleteRelations,
  insertRelation,
  lockedRelation,
  rejection,
  replaceRelations,
  whyRejected,
} from './relation-cypher.js';
import { claimRelationId } from './relation-ids.js';
import { modelFields, relationSnapshot } from './snapshots.js';
import { edit, type Operation } from './transaction.js';

/**
 * Creates a relation (input in the seed format; `id` derived when omitted). CONFLICT when a
 * relation of any type has that id, or takes it at the same moment. Report sources are checked
 * with `citations` (INVALID_ARGUMENT naming `sources[i].quote`).
 */
export function createRelation(db: Database, actor: string, input: Record<string, unknown>, citations?: CitationCheck) {
  const relation = validated(RelationSchema, input);
  checkCitations(relation.sources, citations);
  return edit(db, actor, (tx, op) => insertNewRelation(tx, op, relation));
}

/** Creates a validated relation inside an edit (createRelation, and each row of an import). */
export async function insertNewRelation(tx: Tx, op: Operation, relation: Relation) {
  const id = relation.id ?? deriveRelationId(relation);
  if (!(await claimRelationId(tx, id))) {
    throw apiError('CONFLICT', `A relation with id "${id}" already exists; give this one another "id"`, { id });
  }
  const created = await insertRelation(tx, { ...relation, id, version: 1 }, null);
  if (!created) throw await rejection(tx, relation);
  op.record('CREATE', 'RELATION', id, null, relationSnapshot(created));
  return created.value;
}

/** The input of an update of a relation: a field left out keeps its value, null clears it. */
export interface RelationUpdate {
  relationId: string;
  expectedVersion: number;
  patch: Patch;
}

/**
 * Changes a relation's fields (not its type or ends). CONFLICT when `expectedVersion` is stale.
 * New sources are checked with `citations`.
 */
export function updateRelation(db: Database, actor: string, input: RelationUpdate, citations?: CitationCheck) {
  return edit(db, actor, (tx, op) => changeRelation(tx, op, input, citations));
}

/** Changes a relation inside an edit (updateRelation, and each row of an import). */
export async function changeRelation(tx: Tx, op: Operation, input: RelationUpdate, citations?: CitationCheck) {
  const current = await lockedRelation(tx, input.relationId);
  checkVersion('Relation', input.relationId, current.value.version, input.expectedVersion);
  const seed = { ...relationToSeed(current.value), id: current.value.id };
  const next = validated(RelationSchema, applyPatch(seed, { ...input.patch, version: null }));
  // Only the sources given are checked: a change of amount does not answer for an old quote.
  if (input.patch.sources) checkCitations(next.sources, citations);
  if (next.software && next.software !== current.value.software) {
    const problem = await whyRejected(tx, next, ['software']);
    if (problem) throw problem;
  }
  const [updated] = await replaceRelations(tx, [
    { value: { ...current.value, ...modelFields(next), version: current.value.version + 1 }, origin: current.origin },
  ]);
  op.record('UPDATE', 'RELATION', input.relationId, relationSnapshot(current), relationSnapshot(updated!));
  return updated!.value;
}

/** Deletes a relation; `restoreRelation` brings it back. */
export function deleteRelation(db: Database, actor: string, input: { relationId: string; expectedVersion: number }) {
  return edit(db, actor, async (tx, op) => {
    const current = await lockedRelation(tx, input.relationId);
    checkVersion('Relation', input.relationId, current.value.version, input.expectedVersion);
    await deleteRelations(tx, [current]);
    op.record('DELETE', 'RELATION', input.relationId, relationSnapshot(current), null);
    return current.value;
  });
}
