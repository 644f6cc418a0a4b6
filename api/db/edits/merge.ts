/**
 * Merging two entities that turn out to be the same (staff, admin). One transaction that records
 * every step, so the absorbed entity can be restored from history (`restore.ts`).
 *
 * Usage: `await mergeEntities(db, 'alice', { survivor: 'framasoft', absorbed: 'framasoft-asso', survivorVersion: 4, absorbedVersion: 1 })`.
 */

import type { RelationModel } from '../../../model/models.js';
import { Entity as EntitySchema } from '../../../model/seed-format.js';
import { RELATION_TYPES } from '../../../model/vocabulary.js';
import { invalidArgument } from '../../core/errors.js';
import type { Database } from '../database.js';
import { entityToSeed } from '../records/seed-form.js';
import { nameKey } from '../records/write.js';
import { checkVersion, notFoundError, validated } from './checks.js';
import { deleteEntityNode, lockEntities, replaceEntity } from './entity-cypher.js';
import {
  deleteRelations,
  hostingRelationsOfSoftware,
  moveRelations,
  relationsOfEntity,
  replaceRelations,
} from './relation-cypher.js';
import { entitySnapshot, relationSnapshot } from './snapshots.js';
import { edit } from './transaction.js';

/**
 * Merges `absorbed` into `survivor`: the absorbed entity's relations move to the survivor
 * (relations between the two, which would join the survivor to itself, are deleted), HOSTING
 * relations naming it as software name the survivor, its name and aliases become the survivor's
 * aliases, its summary, url and internal notes fill the survivor's empty ones, and it is deleted.
 * Every step is recorded: the absorbed entity can be restored from history.
 *
 * A moved relation that the vocabulary does not allow at its new end (e.g. WORKS_FOR from an
 * organisation) is found once the relations have moved, and rolls the whole merge back.
 */
export function mergeEntities(
  db: Database,
  actor: string,
  input: { survivor: string; absorbed: string; survivorVersion: number; absorbedVersion: number },
) {
  if (input.survivor === input.absorbed) {
    throw invalidArgument('input.absorbed', 'an entity cannot be merged into itself');
  }
  return edit(db, actor, async (tx, op) => {
    const locked = await lockEntities(tx, [input.survivor, input.absorbed]);
    const survivor = locked.get(input.survivor) ?? notFoundError('Entity', input.survivor);
    const absorbed = locked.get(input.absorbed) ?? notFoundError('Entity', input.absorbed);
    checkVersion('Entity', input.survivor, survivor.value.version, input.survivorVersion);
    checkVersion('Entity', input.absorbed, absorbed.value.version, input.absorbedVersion);
    const s = input.survivor;
    const a = input.absorbed;

    const relations = await relationsOfEntity(tx, a);
    const between = relations.filter((r) => r.value.from === s || r.value.to === s);
    const moving = relations.filter((r) => !between.includes(r));
    const movingIds = new Set(moving.map((r) => r.value.id));
    const hosting = (await hostingRelationsOfSoftware(tx, a)).filter((r) => !movingIds.has(r.value.id));
    // The ends it was read with name the absorbed entity: a moved relation is re-read after the move.
    const renamed = ({ ends: _stale, ...r }: RelationModel): RelationModel => ({
      ...r,
      from: r.from === a ? s : r.from,
      to: r.to === a ? s : r.to,
      software: r.software === a ? s : r.software,
      version: r.version + 1,
    });

    await deleteRelations(tx, between);
    const moved = await moveRelations(
      tx,
      moving.map((r) => ({ ...r, value: renamed(r.value) })),
    );
    // Checked on the moved relations themselves, after the move: a failure undoes everything.
    for (const { relation, fromKind, toKind } of moved) {
      const spec = RELATION_TYPES[relation.value.type];
      for (const [end, kind] of [
        ['from', fromKind],
        ['to', toKind],
      ] as const) {
        if (!(spec[end] as readonly string[]).includes(kind)) {
          throw invalidArgument(
            'input.absorbed',
            `merging "${a}" into "${s}" would make relation "${relation.value.id}" invalid: ${relation.value.type} ` +
              `expects ${end} to be ${spec[end].join(' or ')}, but "${s}" is ${kind}; change or delete that relation first`,
          );
        }
      }
    }
    if (hosting.length > 0 || moved.some((m) => m.relation.value.software === s)) {
      if (survivor.value.kind !== 'PROJECT') {
        throw invalidArgument(
          'input.survivor',
          `"${a}" is the hosted software of HOSTING relations, so it can only be merged into a PROJECT, and "${s}" is ${survivor.value.kind}`,
        );
      }
    }
    const rehosted = await replaceRelations(
      tx,
      hosting.map((r) => ({ ...r, value: renamed(r.value) })),
    );

    const taken = new Set([nameKey(survivor.value.name)]);
    const aliases: string[] = [];
    for (const name of [...survivor.value.aliases, absorbed.value.name, ...absorbed.value.aliases]) {
      if (taken.has(nameKey(name))) continue;
      taken.add(nameKey(name));
      aliases.push(name);
    }
    const filled = validated(EntitySchema, {
      ...entityToSeed(survivor.value),
      aliases,
      summary: survivor.value.summary ?? absorbed.value.summary ?? undefined,
      url: survivor.value.url ?? absorbed.value.url ?? undefined,
      internalNotes: survivor.value.internalNotes ?? absorbed.value.internalNotes ?? undefined,
    });
    const merged = await replaceEntity(tx, { ...filled, version: survivor.value.version + 1 }, survivor.origin);
    // Had any relation been left behind, Neo4j refuses and the merge rolls back.
    await deleteEntityNode(tx, a);

    for (const r of between) op.record('MERGE', 'RELATION', r.value.id, relationSnapshot(r), null);
    moving.forEach((r, i) => {
      op.record('MERGE', 'RELATION', r.value.id, relationSnapshot(r), relationSnapshot(moved[i]!.relation));
    });
    hosting.forEach((r, i) => {
      op.record('MERGE', 'RELATION', r.value.id, relationSnapshot(r), relationSnapshot(rehosted[i]!));
    });
    op.record('MERGE', 'ENTITY', s, entitySnapshot(survivor), entitySnapshot(merged));
    op.record('MERGE', 'ENTITY', a, entitySnapshot(absorbed), null);
    return merged.value;
  });
}
