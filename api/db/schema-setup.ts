/**
 * Constraints and indexes the loader and the API rely on. Idempotent (`IF NOT EXISTS`); schema
 * statements cannot share a transaction with data writes, so they run before any load.
 */
import { RELATION_TYPE_NAMES } from '../../model/vocabulary.js';
import type { Database } from './database.js';
import { HISTORY_SCHEMA_STATEMENTS } from './history.js';

export const FULLTEXT_INDEX = 'entity_text';

export const SCHEMA_STATEMENTS: readonly string[] = [
  'CREATE CONSTRAINT entity_slug IF NOT EXISTS FOR (e:Entity) REQUIRE e.slug IS UNIQUE',
  'CREATE INDEX entity_name_key IF NOT EXISTS FOR (e:Entity) ON (e.nameKey)',
  'CREATE INDEX entity_kind IF NOT EXISTS FOR (e:Entity) ON (e.kind)',
  `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.aliasText, e.summary]
     OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-folding', \`fulltext.eventually_consistent\`: false } }`,
  // Relation types come from the vocabulary whitelist, never from input.
  ...RELATION_TYPE_NAMES.map(
    (type) =>
      `CREATE CONSTRAINT relation_id_${type.toLowerCase()} IF NOT EXISTS FOR ()-[r:${type}]-() REQUIRE r.id IS UNIQUE`,
  ),
  'CREATE INDEX hosting_software IF NOT EXISTS FOR ()-[r:HOSTING]-() ON (r.software)',
  // Relation ids are unique across types through one id node per relation (edits/relation-ids.ts).
  'CREATE CONSTRAINT relation_id IF NOT EXISTS FOR (n:RelationId) REQUIRE n.id IS UNIQUE',
  ...HISTORY_SCHEMA_STATEMENTS,
];

export async function ensureSchema(db: Database): Promise<void> {
  for (const statement of SCHEMA_STATEMENTS) await db.write(statement, {}, () => null);
  await db.write('CALL db.awaitIndexes(120)', {}, () => null);
  await db.write(BACKFILL_RELATION_IDS, {}, () => null);
}

/** Gives the relations of a graph written before the id nodes existed the id nodes they lack. */
const BACKFILL_RELATION_IDS = `MATCH (:Entity)-[r]->(:Entity)
  WITH DISTINCT r.id AS id
  WHERE id IS NOT NULL AND NOT EXISTS { (:RelationId {id: id}) }
  CREATE (:RelationId {id: id})`;

/** True when no entity has been loaded yet (start-up seeds an empty database). */
export async function isGraphEmpty(db: Database): Promise<boolean> {
  const [count] = await db.read(
    'MATCH (e:Entity) RETURN count(e) > 0 AS any LIMIT 1',
    {},
    (r) => r.get('any') as boolean,
  );
  return !count;
}
