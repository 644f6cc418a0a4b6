/**
 * The loader against the real Neo4j: idempotent, transactional, and export round-trips.
 */
import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../api/db/database.js';
import { exportDataset } from '../api/seed/export.js';
import { loadDataset } from '../api/seed/load.js';
import { parseSeedText, type SeedEntity, type SeedRelation } from '../api/seed/read.js';
import { realSeeds, restoreSeeds, SEEDS_DIR, useTestDatabase } from './support/neo4j.js';
import { parseSeedYaml, readSeedYaml } from './support/seed-yaml.js';

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

/** The seed files as the `yaml` package reads them, not the loader's reader: slugs and relation ids. */
const RAW = readSeedYaml();
const sortedSlugs = (entities: { slug: string }[]) => entities.map((e) => e.slug).sort();
const sortedIds = (relations: { id: string }[]) => relations.map((r) => r.id).sort();

describe('loading the seeds', () => {
  it('puts every entity and relation in the graph', async () => {
    await loadDataset(db, await realSeeds());
    const slugs = await db.read('MATCH (e:Entity) RETURN e.slug AS slug ORDER BY slug', {}, (r) => r.get('slug'));
    const ids = await db.read('MATCH (:Entity)-[r]->(:Entity) RETURN r.id AS id ORDER BY id', {}, (r) => r.get('id'));
    expect(RAW.entities).toHaveLength(301);
    expect(RAW.relations).toHaveLength(428);
    expect(slugs).toEqual(sortedSlugs(RAW.entities));
    expect(ids).toEqual(sortedIds(RAW.relations));
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
    expect(first.size).toBe(10);
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
    const files = await exportDataset(db);
    const seedFiles = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.yaml'));
    expect([...files.keys()].sort()).toEqual(seedFiles.sort());
    const exported = parseSeedYaml(files.values());
    expect(sortedSlugs(exported.entities)).toEqual(sortedSlugs(RAW.entities));
    expect(sortedIds(exported.relations)).toEqual(sortedIds(RAW.relations));
    expect(exported.entities).toHaveLength(301);
    expect(exported.relations).toHaveLength(428);
  });
});
