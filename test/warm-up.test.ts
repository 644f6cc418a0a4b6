/**
 * The first visitor after a start: the server asks the map's opening question itself before it
 * listens, so that the visitor neither waits for Neo4j to plan it nor for a cold cache.
 */
import { describe, expect, it } from 'vitest';
import { createDriver, Database } from '../api/db/database.js';
import { warmUp } from '../api/http/warm-up.js';
import { documentOf, GRAPH } from '../model/map-operations.js';
import { expectData, graphqlClient } from './support/graphql.js';
import { useTestDatabase } from './support/neo4j.js';

const db = useTestDatabase();

describe('warming up at start', () => {
  it("answers the first visitor's map from the public cache, without a Cypher round trip", async () => {
    const api = graphqlClient(db, { responseCacheTtlMs: 30_000 });
    const outcome = await warmUp(api.yoga, { timeoutMs: 30_000 });
    expect(outcome).toMatchObject({ ok: true });
    expect(api.lastRoundTrips).toBe(0);

    const data = expectData(await api.request(documentOf([GRAPH]), {}, { operationName: GRAPH.name }));
    expect(api.lastRoundTrips).toBe(0);
    // The whole archipelago, as a visitor's first map gets it: every relation of the seeds.
    const [relations] = await db.read('MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n', {}, (r) =>
      Number(r.get('n')),
    );
    expect(data.graph.edges.length).toBe(relations);
  });

  it('says why when the database cannot answer, and never throws', async () => {
    const driver = createDriver('bolt://127.0.0.1:1', 'neo4j', 'unused');
    try {
      const unreachable = new Database(driver, { database: 'neo4j', txTimeoutMs: 2_000 });
      const api = graphqlClient(unreachable, { responseCacheTtlMs: 30_000 });
      const outcome = await warmUp(api.yoga, { timeoutMs: 20_000 });
      expect(outcome.ok).toBe(false);
      expect(outcome).toMatchObject({ reason: expect.stringMatching(/SERVICE_UNAVAILABLE|database/i) });
    } finally {
      await driver.close();
    }
  });
});
