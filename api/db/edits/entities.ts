/**
 * Staff edits of entities: create, update, delete. Each is one transaction that records its
 * changes (`transaction.ts`); merging is in `merge.ts`, restoring in `restore.ts`.
 *
 * Usage: `const { result, changes } = await updateEntity(db, 'alice', { slug, expectedVersion: 3, patch: { summary } })`.
 */
import { type Entity, Entity as EntitySchema } from '../../../model/seed-format.js';
import { apiError } from '../../core/errors.js';
import type { Database, Tx } from '../database.js';
import { entityToSeed } from '../records/seed-form.js';
import { applyPatch, checkVersion, type Patch, validated } from './checks.js';
import { deleteEntityNode, insertEntity, lockEntities, lockedEntity, replaceEntity } from './entity-cypher.js';
import { deleteRelations, hostingRelationsOfSoftware, relationsOfEntity } from './relation-cypher.js';
import { entitySnapshot, relationSnapshot } from './snapshots.js';
import { edit, type Operation } from './transaction.js';

/** Creates an entity (input in the seed format). CONFLICT when the slug is taken. */
export function createEntity(db: Database, actor: string, input: Record<string, unknown>) {
  const entity = validated(EntitySchema, input);
  return edit(db, actor, (tx, op) => insertNewEntity(tx, op, entity));
}

/** Creates a validated entity inside an edit (createEntity, and each row of an import). */
export async function insertNewEntity(tx: Tx, op: Operation, entity: Entity) {
  if ((await lockEntities(tx, [entity.slug])).size > 0) {
    throw apiError('CONFLICT', `An entity with slug "${entity.slug}" already exists`, { slug: entity.slug });
  }
  const created = await insertEntity(tx, { ...entity, version: 1 }, null);
  op.record('CREATE', 'ENTITY', entity.slug, null, entitySnapshot(created));
  return created.value;
}

/** The input of an update of an entity: a field left out keeps its value, null clears it. */
export interface EntityUpdate {
  slug: string;
  expectedVersion: number;
  patch: Patch;
}

/** Changes an entity's fields (not its slug or kind). CONFLICT when `expectedVersion` is stale. */
export function updateEntity(db: Database, actor: string, input: EntityUpdate) {
  return edit(db, actor, (tx, op) => changeEntity(tx, op, input));
}

/** Changes an entity inside an edit (updateEntity, and each row of an import). */
export async function changeEntity(tx: Tx, op: Operation, input: EntityUpdate) {
  const current = await lockedEntity(tx, input.slug);
  checkVersion('Entity', input.slug, current.value.version, input.expectedVersion);
  const next = validated(EntitySchema, applyPatch(entityToSeed(current.value), { ...input.patch, version: null }));
  const updated = await replaceEntity(tx, { ...next, version: current.value.version + 1 }, current.origin);
  op.record('UPDATE', 'ENTITY', input.slug, entitySnapshot(current), entitySnapshot(updated));
  return updated.value;
}

/**
 * Deletes an entity and its relations, each recorded so that `restoreEntity` brings them back.
 * Refused (CONFLICT) while HOSTING relations name it as their software.
 */
export function deleteEntity(db: Database, actor: string, input: { slug: string; expectedVersion: number }) {
  return edit(db, actor, async (tx, op) => {
    const current = await lockedEntity(tx, input.slug);
    checkVersion('Entity', input.slug, current.value.version, input.expectedVersion);
    const hosting = await hostingRelationsOfSoftware(tx, input.slug);
    if (hosting.length > 0) {
      throw apiError(
        'CONFLICT',
        `"${input.slug}" is the hosted software of ${hosting.length} HOSTING relation(s) ` +
          `(${hosting.map((r) => r.value.id).join(', ')}); change or delete them first, or merge it into another project`,
      );
    }
    const relations = await relationsOfEntity(tx, input.slug);
    await deleteRelations(tx, relations);
    // Fails if a relation appeared meanwhile: nothing is ever removed unrecorded.
    await deleteEntityNode(tx, input.slug);
    for (const relation of relations) {
      op.record('DELETE', 'RELATION', relation.value.id, relationSnapshot(relation), null);
    }
    op.record('DELETE', 'ENTITY', input.slug, entitySnapshot(current), null);
    return { slug: input.slug, relations: relations.map((r) => r.value) };
  });
}
