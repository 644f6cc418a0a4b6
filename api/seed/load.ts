/**
 * Puts a validated dataset into Neo4j so that the graph equals the seeds: entities MERGEd on slug,
 * relations MERGEd on id, anything no longer in the seeds removed. One transaction: a failure
 * leaves the previous graph intact. Running it twice gives the same graph.
 *
 * Staff fields (`internalNotes`, `version`) are part of an entry, so they are what the directory
 * says (a hand-written seed has none: version 1). The change history is replaced only by a
 * directory that has one (an export's `history.yaml`): loading the hand-written seeds leaves the
 * history as it is (a staff edit the load overwrites or removes keeps its recorded snapshots, from
 * which `restoreEntity`/`restoreRelation` can bring it back); restoring a backup restores it.
 *
 * Usage: `await loadDataset(db, await readSeeds('seeds'), { onProgress })`.
 */

import type { ChangeRecord } from '../../model/seed-format.js';
import { ENTITY_KINDS, KIND_LABELS, RELATION_TYPE_NAMES } from '../../model/vocabulary.js';
import type { Database, Tx } from '../db/database.js';
import { changeFromRecord, replaceHistory } from '../db/history.js';
import { entityProperties, relationProperties } from '../db/records/write.js';
import { ensureSchema } from '../db/schema-setup.js';
import type { SeedEntity, SeedRelation } from './read.js';

export interface LoadOptions {
  batchSize?: number;
  /** Called after each batch; throwing from it aborts the load (and rolls it back). */
  onProgress?: (done: number, total: number) => void;
}

export interface LoadSummary {
  entities: number;
  relations: number;
  removedEntities: number;
  removedRelations: number;
  /** Changes now in the history; null when the dataset had no history (left as it was). */
  changes: number | null;
}

const ALL_KIND_LABELS = ENTITY_KINDS.map((k) => KIND_LABELS[k]).join(':');

export async function loadDataset(
  db: Database,
  dataset: { entities: SeedEntity[]; relations: SeedRelation[]; changes?: ChangeRecord[] },
  options: LoadOptions = {},
): Promise<LoadSummary> {
  await ensureSchema(db);
  const batchSize = options.batchSize ?? 500;
  const total = dataset.entities.length + dataset.relations.length;
  let done = 0;
  const progress = (n: number) => {
    done += n;
    options.onProgress?.(done, total);
  };

  return db.transaction(async (tx) => {
    const removedRelations = await removeStaleRelations(tx, dataset.relations);
    const [removedEntities] = await tx.run(
      'MATCH (e:Entity) WHERE NOT e.slug IN $slugs DETACH DELETE e RETURN count(*) AS n',
      { slugs: dataset.entities.map((e) => e.slug) },
      (r) => Number(r.get('n')),
    );
    for (const kind of ENTITY_KINDS) {
      const rows = dataset.entities.filter((e) => e.kind === kind).map((e) => entityProperties(e, e.origin));
      for (const batch of chunks(rows, batchSize)) {
        // Labels come from the vocabulary whitelist: a kind change moves the node to its new label.
        await tx.run(
          `UNWIND $rows AS row
           MERGE (e:Entity {slug: row.slug})
           SET e = row
           REMOVE e:${ALL_KIND_LABELS}
           SET e:${KIND_LABELS[kind]}`,
          { rows: batch },
          () => null,
        );
        progress(batch.length);
      }
    }
    for (const type of RELATION_TYPE_NAMES) {
      const rows = dataset.relations
        .filter((r) => r.type === type)
        .map((r) => ({ from: r.from, to: r.to, props: relationProperties(r, r.origin) }));
      for (const batch of chunks(rows, batchSize)) {
        await tx.run(
          `UNWIND $rows AS row
           MATCH (a:Entity {slug: row.from})
           MATCH (b:Entity {slug: row.to})
           MERGE (a)-[r:${type} {id: row.props.id}]->(b)
           SET r = row.props
           MERGE (:RelationId {id: row.props.id})`,
          { rows: batch },
          () => null,
        );
        progress(batch.length);
      }
    }
    if (dataset.changes) await replaceHistory(tx, dataset.changes.map(changeFromRecord));
    return {
      entities: dataset.entities.length,
      relations: dataset.relations.length,
      removedEntities: removedEntities ?? 0,
      removedRelations,
      changes: dataset.changes ? dataset.changes.length : null,
    };
  });
}

/**
 * Deletes relations absent from the seeds, or whose type or ends changed (MERGE would duplicate
 * them), and the id nodes (api/db/edits/relation-ids.ts) of ids the seeds do not have.
 */
async function removeStaleRelations(tx: Tx, relations: SeedRelation[]): Promise<number> {
  const expected = Object.fromEntries(relations.map((r) => [r.id, { type: r.type, from: r.from, to: r.to }]));
  const [n] = await tx.run(
    `CALL { MATCH (n:RelationId) WHERE $expected[n.id] IS NULL DELETE n }
     MATCH (a:Entity)-[r]->(b:Entity)
     WITH a, r, b, $expected[r.id] AS wanted
     WHERE wanted IS NULL OR wanted.type <> type(r) OR wanted.from <> a.slug OR wanted.to <> b.slug
     DELETE r
     RETURN count(*) AS n`,
    { expected },
    (r) => Number(r.get('n')),
  );
  return n ?? 0;
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
