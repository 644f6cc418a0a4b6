/**
 * Relation ids are unique across relation types, and the database enforces it.
 *
 * A relation is a relationship whose type is its relation type, and Neo4j's uniqueness
 * constraints on relationships hold per type: nothing in the relationships themselves stops two
 * transactions from creating `FUNDING {id: "x"}` and `MEMBERSHIP {id: "x"}` at the same moment (a
 * check before the write sees neither). So every relation also has a `(:RelationId {id})` node,
 * under a uniqueness constraint (schema-setup.ts), written in the same transaction as the
 * relationship. The id node is both the lock and the record: a lock on some other node per id
 * would need that node to exist first (the same problem again), one global lock would queue every
 * relation edit behind every other, and a check before the write is what let duplicates in.
 *
 * Who keeps them in step: creating or restoring a relation claims its id (`claimRelationId`),
 * deleting one releases it (`deleteRelations`), moving or rewriting one keeps it, and the seed
 * loader makes the id nodes equal to the dataset's relations (api/seed/load.ts).
 */
import type { Tx } from '../database.js';

/**
 * Claims `id` for a relation this transaction is about to create: true when it was free, false
 * when a relation holds it. MERGE on a uniquely constrained property takes the id's index lock, so
 * a concurrent claim of the same id waits for this transaction, then finds the id taken (or free
 * again, if this one rolled back). A claimed id must get its relation or be released before commit.
 */
export async function claimRelationId(tx: Tx, id: string): Promise<boolean> {
  const [claimed] = await tx.run(
    `MERGE (n:RelationId {id: $id})
     ON CREATE SET n.claimed = true
     WITH n, n.claimed IS NOT NULL AS claimed
     REMOVE n.claimed
     RETURN claimed`,
    { id },
    (r) => r.get('claimed') as boolean,
  );
  return claimed === true;
}

/** Frees the ids of relations that are deleted, or that were claimed but not created. */
export async function releaseRelationIds(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.run('MATCH (n:RelationId) WHERE n.id IN $ids DELETE n', { ids }, () => null);
}
