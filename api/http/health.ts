/**
 * Liveness and readiness for orchestrators: live = the process answers; ready = Neo4j answers
 * and the indexes the API relies on are online.
 */
import type { Database } from '../db/database.js';
import { FULLTEXT_INDEX } from '../db/schema-setup.js';

export interface Readiness {
  ready: boolean;
  neo4j: 'up' | 'down';
  schema: 'online' | 'missing';
}

export async function checkReadiness(db: Database): Promise<Readiness> {
  try {
    const [state] = await db.read(
      'SHOW INDEXES YIELD name, state WHERE name = $name RETURN state',
      { name: FULLTEXT_INDEX },
      (r) => r.get('state') as string,
    );
    const schema = state === 'ONLINE' ? 'online' : 'missing';
    return { ready: schema === 'online', neo4j: 'up', schema };
  } catch {
    return { ready: false, neo4j: 'down', schema: 'missing' };
  }
}
