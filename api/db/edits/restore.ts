/**
 * Undoing a removal: an entity or relation that is gone comes back as its history last recorded
 * it, with the version after the last one it had and where its seed lives. Recorded as RESTORE.
 *
 * Usage: `const { result } = await restoreEntity(db, 'alice', { slug: 'picasoft' })`.
 */

import type { RelationModel } from '../../../model/models.js';
import { Entity as EntitySchema, Relation as RelationSchema } from '../../../model/seed-format.js';
import { apiError } from '../../core/errors.js';
import type { Database } from '../database.js';
import { changesOfOperation, latestChange } from '../history.js';
import { insertEntity, lockEntities } from './entity-cypher.js';
import { insertRelation, rejection } from './relation-cypher.js';
import { claimRelationId, releaseRelationIds } from './relation-ids.js';
import { entitySnapshot, fromSnapshot, relationSnapshot } from './snapshots.js';
import { edit } from './transaction.js';

/**
 * Brings back an entity that is gone (deleted, merged away, or removed by a seed load) as its
 * history last recorded it, with the relations deleted together with it whose ends still exist.
 */
export function restoreEntity(db: Database, actor: string, input: { slug: string }) {
  return edit(db, actor, async (tx, op) => {
    if ((await lockEntities(tx, [input.slug])).size > 0) {
      throw apiError('CONFLICT', `Entity "${input.slug}" exists: there is nothing to restore`);
    }
    const latest = await latestChange(tx, { kind: 'ENTITY', id: input.slug });
    if (!latest) throw apiError('NOT_FOUND', `No recorded change of entity "${input.slug}": nothing to restore from`);
    const snapshot = fromSnapshot(EntitySchema, (latest.after ?? latest.before)!);
    const restored = await insertEntity(
      tx,
      { ...snapshot.value, version: (snapshot.value.version ?? 1) + 1 },
      snapshot.origin,
    );
    op.record('RESTORE', 'ENTITY', input.slug, null, entitySnapshot(restored));

    const relations: RelationModel[] = [];
    if (latest.after === null) {
      for (const change of await changesOfOperation(tx, latest.operation)) {
        if (change.targetKind !== 'RELATION' || change.after !== null || change.before === null) continue;
        // Only if nothing happened to the relation since (it was not restored and deleted again).
        if ((await latestChange(tx, { kind: 'RELATION', id: change.targetId }))?.id !== change.id) continue;
        if (!(await claimRelationId(tx, change.targetId))) continue;
        const relation = fromSnapshot(RelationSchema, change.before);
        const back = await insertRelation(
          tx,
          { ...relation.value, id: change.targetId, version: (relation.value.version ?? 1) + 1 },
          relation.origin,
        );
        if (!back) {
          await releaseRelationIds(tx, [change.targetId]);
          continue;
        }
        op.record('RESTORE', 'RELATION', change.targetId, null, relationSnapshot(back));
        relations.push(back.value);
      }
    }
    return { entity: restored.value, relations };
  });
}

/** Brings back a relation that is gone, as its history last recorded it. Its ends must exist. */
export function restoreRelation(db: Database, actor: string, input: { relationId: string }) {
  return edit(db, actor, async (tx, op) => {
    if (!(await claimRelationId(tx, input.relationId))) {
      throw apiError('CONFLICT', `Relation "${input.relationId}" exists: there is nothing to restore`);
    }
    const latest = await latestChange(tx, { kind: 'RELATION', id: input.relationId });
    if (!latest) {
      throw apiError('NOT_FOUND', `No recorded change of relation "${input.relationId}": nothing to restore from`);
    }
    const snapshot = fromSnapshot(RelationSchema, (latest.after ?? latest.before)!);
    const relation = { ...snapshot.value, id: input.relationId, version: (snapshot.value.version ?? 1) + 1 };
    const restored = await insertRelation(tx, relation, snapshot.origin);
    if (!restored) throw await rejection(tx, relation);
    op.record('RESTORE', 'RELATION', input.relationId, null, relationSnapshot(restored));
    return restored.value;
  });
}
