/**
 * The loader against the real Neo4j: idempotent, transactional, and export round-trips.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../api/data/database.js';
import { exportDataset } from '../api/seed/export.js';
import { loadDataset } from '../api/seed/load.js';
import { parseSeedText, type SeedEntity, type SeedRelation } from '../api/seed/read.js';
import { realSeeds, restoreSeeds, useTestDatabase } from './support/neo4j.js';

const db = useTestDatabase();
afterAll(() => restoreSeeds(db));

/** Everything observable about the graph: counts, labels, and the full export. */
async function snapshot(database: Database) {
  const [counts] = await database.read(
    `MATCH (e:Entity) WITH count(e) AS entities, collect(DISTINCT labels(e)) AS labels
     OPTIONAL MATCH (:Entity)-[r]->(:Entity)
     RETURN entities, count(r) AS relations, labels`,
    {},
    (r) => ({ entities: Number(r.get('entities')), relations: Number(r.get('relations')), labels: r.get('labels') }),
  );
  return { counts, files: Object.fromEntries(await exportDataset(database)) };
}

describe('loading the seeds', () => {
  it('puts every entity and relation in the graph', async () => {
    const seeds = await realSeeds();
    await loadDataset(db, seeds);
    const { counts } = await snapshot(db);
    expect(counts!.entities).toBe(seeds.entities.length);
    expect(counts!.relations).toBe(seeds.relations.length);
  });

  it('changes nothing when run twice', async () => {
    const seeds = await realSeeds();
    await loadDataset(db, seeds);
    const before = await snapshot(db);
    const summary = await loadDataset(db, seeds);
    expect(summary.removedEntities + summary.removedRelations).toBe(0);
    expect(await snapshot(db)).toEqual(before);
  });

  it('rolls back a load that fails half way, leaving the previous graph intact', async () => {
    const seeds = await realSeeds();
    await loadDataset(db, seeds);
    const before = await snapshot(db);
    const changed = {
      entities: seeds.entities.map((e) => ({ ...e, name: `${e.name} (changed)` })) as SeedEntity[],
      relations: seeds.relations.slice(1),
    };
    await expect(
      loadDataset(db, changed, {
        batchSize: 50,
        onProgress: (done) => {
          if (done > 100) throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');
    expect(await snapshot(db)).toEqual(before);
  });

  it('makes the graph equal to the seeds: removed entries disappear, changed ones move', async () => {
    const seeds = await realSeeds();
    const relation = seeds.relations.find((r) => r.type === 'ARCHIPELAGO')!;
    const moved: SeedRelation = {
      ...relation,
      to: 'framasoft',
      from: relation.to === 'framasoft' ? relation.from : relation.to,
    };
    const summary = await loadDataset(db, {
      entities: seeds.entities,
      relations: [...seeds.relations.filter((r) => r !== relation), moved].slice(1),
    });
    expect(summary.removedRelations).toBe(2);
    const ends = await db.read(
      'MATCH (a)-[r {id: $id}]->(b) RETURN a.slug AS a, b.slug AS b',
      { id: relation.id },
      (r) => [r.get('a'), r.get('b')],
    );
    expect(ends).toEqual([[moved.from, 'framasoft']]);
    await restoreSeeds(db);
  });
});

describe('export', () => {
  it('export → load → export is byte-identical', async () => {
    await restoreSeeds(db);
    const first = await exportDataset(db);
    const reparsed = [...first].map(([file, text]) => parseSeedText(file, text));
    for (const parsed of reparsed) expect(parsed.problems).toEqual([]);
    await loadDataset(db, {
      entities: reparsed.flatMap((p) => p.entities.map((e) => e.value)),
      relations: reparsed.flatMap((p) => p.relations.map((r) => r.value)),
    });
    const second = await exportDataset(db);
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [file, text] of first) expect(second.get(file)).toBe(text);
  });

  it('keeps every seed file and every entry', async () => {
    const seeds = await realSeeds();
    const files = await exportDataset(db);
    expect([...files.keys()].sort()).toEqual([...new Set(seeds.entities.map((e) => e.origin.file))].sort());
  });
});
