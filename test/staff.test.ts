/**
 * Staff editing against the real Neo4j: who may change the graph, what history keeps, and that
 * no edit (refused, stale, failed half way, or a backup restored) loses anything.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../api/core/config.js';
import { exportDataset, writeExport } from '../api/seed/export.js';
import { loadDataset } from '../api/seed/load.js';
import { readSeeds } from '../api/seed/read.js';
import { authenticate, hashToken, parseStaffTokens } from '../schema/auth.js';
import { expectData, expectError, graphqlClient } from './support/graphql.js';
import { realSeeds, recording, restoreSeeds, useTestDatabase } from './support/neo4j.js';
import { readSeedYaml } from './support/seed-yaml.js';

const EDITOR_TOKEN = 'test-editor-token-0123456789';
const ADMIN_TOKEN = 'test-admin-token-9876543210';
const STAFF = ['ada', 'grace'];
const staff = parseStaffTokens(`ada:editor:${hashToken(EDITOR_TOKEN)}, grace:admin:${hashToken(ADMIN_TOKEN)}`);

const db = useTestDatabase();
const { db: observed, queries } = recording(db);
const api = graphqlClient(observed, { staff, mutationsPerMinute: 10_000 });

const asPublic = (query: string, variables?: Record<string, unknown>) => api.request(query, variables);
const asEditor = (query: string, variables?: Record<string, unknown>) =>
  api.request(query, variables, { token: EDITOR_TOKEN });
const asAdmin = (query: string, variables?: Record<string, unknown>) =>
  api.request(query, variables, { token: ADMIN_TOKEN });

/** Everything observable: the full export (entities, relations, staff fields, versions, history). */
async function snapshot() {
  const [changes] = await db.read('MATCH (c:Change) RETURN count(c) AS n', {}, (r) => Number(r.get('n')));
  return { changes, files: Object.fromEntries(await exportDataset(db)) };
}

async function versionOf(slug: string): Promise<number> {
  return expectData(await asPublic('query ($slug: String!) { entity(slug: $slug) { version } }', { slug })).entity
    .version;
}

async function relationVersion(from: string, type: string): Promise<{ relationId: string; version: number }> {
  const data = expectData(
    await asPublic(
      `query ($from: String!, $types: [RelationType!]) {
      relations(from: $from, types: $types) { edges { node { relationId version } } }
    }`,
      { from, types: [type] },
    ),
  );
  expect(data.relations.edges).toHaveLength(1);
  return data.relations.edges[0].node;
}

const HISTORY = `query ($slug: String, $relationId: String) {
  history(slug: $slug, relationId: $relationId) {
    totalCount
    edges { node { action actor targetKind targetId before after operationId at } }
  }
}`;

const CREATE_ENTITY = `mutation ($input: CreateEntityInput!) {
  createEntity(input: $input) { entity { slug name version internalNotes } changes { action actor targetId } }
}`;
const UPDATE_ENTITY = `mutation ($input: UpdateEntityInput!) {
  updateEntity(input: $input) { entity { slug summary version internalNotes } changes { action } }
}`;
const DELETE_ENTITY = `mutation ($input: DeleteEntityInput!) {
  deleteEntity(input: $input) { slug deletedRelations { relationId } changes { action targetKind targetId } }
}`;
const RESTORE_ENTITY = `mutation ($input: RestoreEntityInput!) {
  restoreEntity(input: $input) { entity { slug version } restoredRelations { relationId version } changes { action } }
}`;
const CREATE_RELATION = `mutation ($input: CreateRelationInput!) {
  createRelation(input: $input) { relation { relationId type version from { slug } to { slug } } changes { action } }
}`;
const UPDATE_RELATION = `mutation ($input: UpdateRelationInput!) {
  updateRelation(input: $input) { relation { relationId description version } }
}`;
const DELETE_RELATION = `mutation ($input: DeleteRelationInput!) {
  deleteRelation(input: $input) { deletedRelation { relationId } changes { action } }
}`;
const RESTORE_RELATION = `mutation ($input: RestoreRelationInput!) {
  restoreRelation(input: $input) {
    relation { relationId type version from { slug } to { slug } sources { section quote } }
    changes { action actor }
  }
}`;
const MERGE = `mutation ($input: MergeEntitiesInput!) {
  mergeEntities(input: $input) { survivor { slug aliases version } changes { action targetKind targetId } }
}`;

const SOURCE = { section: 'Tests', quote: 'A quote for the tests.' };

beforeAll(() => restoreSeeds(db));

afterAll(async () => {
  await db.write('MATCH (c:Change) WHERE c.actor IN $staff DELETE c', { staff: STAFF }, () => null);
  await restoreSeeds(db);
});

describe('staff credentials (STAFF_TOKENS)', () => {
  it('recognises a staff bearer token and nobody else', () => {
    expect(authenticate(`Bearer ${EDITOR_TOKEN}`, staff)).toEqual({ name: 'ada', role: 'editor' });
    expect(authenticate(`bearer ${ADMIN_TOKEN}`, staff)).toEqual({ name: 'grace', role: 'admin' });
    expect(authenticate('Bearer not-a-staff-token', staff)).toBeNull();
    expect(authenticate(`Basic ${EDITOR_TOKEN}`, staff)).toBeNull();
    expect(authenticate(null, staff)).toBeNull();
    expect(authenticate(`Bearer ${EDITOR_TOKEN}`, [])).toBeNull();
  });

  it('names the malformed entry and what is expected, without echoing the hash', () => {
    const good = hashToken('x');
    expect(parseStaffTokens('')).toEqual([]);
    const cases: [string, RegExp][] = [
      [`ada:owner:${good}`, /entry 1 \("ada"\): the role must be "editor" or "admin", got "owner"/],
      ['ada:editor:secret-token', /entry 1 \("ada"\): expected the SHA-256 of the token as 64 hex digits/],
      [`ada:editor:${good},bob:admin`, /entry 2 \("bob"\): expected name:role:sha256, got 2 part/],
      [`ada:editor:${good},ada:admin:${hashToken('y')}`, /entry 2 \("ada"\): "ada" is listed twice/],
    ];
    for (const [value, message] of cases) {
      let error: unknown;
      try {
        parseStaffTokens(value);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain(good);
    }
  });
});

describe('the public', () => {
  it('cannot mutate: UNAUTHENTICATED, and nothing changes', async () => {
    const before = await snapshot();
    const attempts = [
      [CREATE_ENTITY, { input: { kind: 'PERSON', slug: 'intruder', name: 'Intruder' } }],
      [UPDATE_ENTITY, { input: { slug: 'framasoft', expectedVersion: 1, summary: 'Defaced' } }],
      [DELETE_ENTITY, { input: { slug: 'fondation-free', expectedVersion: 1 } }],
      [DELETE_RELATION, { input: { relationId: 'works-for--lise--framasoft', expectedVersion: 1 } }],
    ] as const;
    for (const [mutation, variables] of attempts) {
      for (const token of [undefined, 'Bearer-less-guess', hashToken(EDITOR_TOKEN)]) {
        const response = await api.request(mutation, variables, { token });
        expectError(response, 'UNAUTHENTICATED', /staff only/);
        expect(response.data ?? null).toBeNull();
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('cannot see internal notes or history, which staff can', async () => {
    const version = await versionOf('framasoft');
    expectData(
      await asEditor(UPDATE_ENTITY, {
        input: { slug: 'framasoft', expectedVersion: version, internalNotes: 'Call back the treasurer.' },
      }),
    );
    const works = await relationVersion('lise', 'WORKS_FOR');
    expectData(
      await asEditor(UPDATE_RELATION, {
        input: {
          relationId: works.relationId,
          expectedVersion: works.version,
          internalNotes: 'Contract ends in June.',
        },
      }),
    );

    const publicView = await asPublic('{ entity(slug: "framasoft") { name version internalNotes } }');
    expectError(publicView, 'UNAUTHENTICATED', /staff only/, ['entity', 'internalNotes']);
    expect(publicView.data!.entity).toEqual({ name: 'Framasoft', version: version + 1, internalNotes: null });
    const publicRelation = await asPublic(
      '{ relations(from: "lise", types: [WORKS_FOR]) { edges { node { relationId internalNotes } } } }',
    );
    expectError(publicRelation, 'UNAUTHENTICATED', /staff only/, ['relations', 'edges', 0, 'node', 'internalNotes']);
    expect(publicRelation.data!.relations.edges).toEqual([
      { node: { relationId: works.relationId, internalNotes: null } },
    ]);
    const publicHistory = await asPublic(HISTORY, { slug: 'framasoft' });
    expectError(publicHistory, 'UNAUTHENTICATED', /staff only/);
    expect(publicHistory.data ?? null).toBeNull();
    // The notes are no part of what search indexes.
    for (const text of ['treasurer', 'contract']) {
      expect(
        expectData(await asPublic('query ($text: String!) { search(text: $text) { totalCount } }', { text })).search
          .totalCount,
      ).toBe(0);
    }

    const staffView = await asEditor('{ entity(slug: "framasoft") { internalNotes } }');
    expect(staffView).toEqual({ data: { entity: { internalNotes: 'Call back the treasurer.' } } });
    const staffRelation = await asEditor(
      '{ relations(from: "lise", types: [WORKS_FOR]) { edges { node { internalNotes } } } }',
    );
    expect(staffRelation).toEqual({
      data: { relations: { edges: [{ node: { internalNotes: 'Contract ends in June.' } }] } },
    });
    const staffHistory = expectData(await asEditor(HISTORY, { slug: 'framasoft' }));
    expect(staffHistory.history.edges[0].node).toMatchObject({ action: 'UPDATE', actor: 'ada' });
  });
});

describe('an editor', () => {
  it('creates, updates and deletes an entity, and the history shows who did what', async () => {
    const created = await asEditor(CREATE_ENTITY, {
      input: {
        kind: 'ORGANISATION',
        slug: 'collectif-des-tests',
        name: 'Collectif des Tests',
        category: 'collective',
        internalNotes: 'Met at a test fair.',
      },
    });
    expect(expectData(created).createEntity).toEqual({
      entity: {
        slug: 'collectif-des-tests',
        name: 'Collectif des Tests',
        version: 1,
        internalNotes: 'Met at a test fair.',
      },
      changes: [{ action: 'CREATE', actor: 'ada', targetId: 'collectif-des-tests' }],
    });
    const found = await asPublic('{ search(text: "collectif des tests") { edges { node { slug } } } }');
    expect(expectData(found).search.edges[0].node.slug).toBe('collectif-des-tests');

    const updated = await asEditor(UPDATE_ENTITY, {
      input: {
        slug: 'collectif-des-tests',
        expectedVersion: 1,
        summary: 'A collective that tests.',
        internalNotes: null,
      },
    });
    expect(expectData(updated).updateEntity.entity).toEqual({
      slug: 'collectif-des-tests',
      summary: 'A collective that tests.',
      version: 2,
      internalNotes: null,
    });

    const deleted = await asEditor(DELETE_ENTITY, { input: { slug: 'collectif-des-tests', expectedVersion: 2 } });
    expect(expectData(deleted).deleteEntity).toMatchObject({ slug: 'collectif-des-tests', deletedRelations: [] });
    expect(expectData(await asPublic('{ entity(slug: "collectif-des-tests") { name } }')).entity).toBeNull();

    const history = await asEditor(HISTORY, { slug: 'collectif-des-tests' });
    const changes = expectData(history).history.edges.map((e: any) => e.node);
    expect(changes.map((c: any) => [c.action, c.actor])).toEqual([
      ['DELETE', 'ada'],
      ['UPDATE', 'ada'],
      ['CREATE', 'ada'],
    ]);
    const [deletion, update, creation] = changes;
    expect(creation.before).toBeNull();
    expect(JSON.parse(creation.after)).toMatchObject({
      slug: 'collectif-des-tests',
      internalNotes: 'Met at a test fair.',
    });
    expect(JSON.parse(update.before).summary).toBeUndefined();
    expect(JSON.parse(update.after)).toMatchObject({ summary: 'A collective that tests.', version: 2 });
    expect(JSON.parse(update.after).internalNotes).toBeUndefined();
    expect(JSON.parse(deletion.before)).toMatchObject({ summary: 'A collective that tests.', version: 2 });
    expect(deletion.after).toBeNull();
    for (const change of changes) expect(Date.parse(change.at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('creates, updates and deletes a relation, whose source is required', async () => {
    const relation = {
      type: 'COLLABORATION',
      from: 'la-derivation',
      to: 'framasoft',
      description: 'Wrote tests together',
    };
    const unsourced = await asEditor(CREATE_RELATION, { input: { ...relation, sources: [] } });
    expectError(unsourced, 'INVALID_ARGUMENT', /input\.sources.*at least one source/);

    const created = await asEditor(CREATE_RELATION, { input: { ...relation, sources: [SOURCE] } });
    expect(expectData(created).createRelation).toEqual({
      relation: {
        relationId: 'collaboration--la-derivation--framasoft',
        type: 'COLLABORATION',
        version: 1,
        from: { slug: 'la-derivation' },
        to: { slug: 'framasoft' },
      },
      changes: [{ action: 'CREATE' }],
    });
    const relationId = 'collaboration--la-derivation--framasoft';

    const badDates = await asEditor(UPDATE_RELATION, {
      input: { relationId, expectedVersion: 1, since: '2021', until: '2020' },
    });
    expectError(badDates, 'INVALID_ARGUMENT', /input\.until/);

    const updated = await asEditor(UPDATE_RELATION, {
      input: { relationId, expectedVersion: 1, description: 'Wrote many tests together' },
    });
    expect(expectData(updated).updateRelation.relation).toEqual({
      relationId,
      description: 'Wrote many tests together',
      version: 2,
    });

    const deleted = await asEditor(DELETE_RELATION, { input: { relationId, expectedVersion: 2 } });
    expect(expectData(deleted).deleteRelation).toEqual({
      deletedRelation: { relationId },
      changes: [{ action: 'DELETE' }],
    });
    const history = await asEditor(HISTORY, { relationId });
    expect(expectData(history).history.edges.map((e: any) => e.node.action)).toEqual(['DELETE', 'UPDATE', 'CREATE']);
  });

  it('refuses an entry the seed format refuses, naming the field', async () => {
    const wrongField = await asEditor(CREATE_ENTITY, {
      input: { kind: 'PERSON', slug: 'someone-new', name: 'Someone', category: 'association' },
    });
    expectError(wrongField, 'INVALID_ARGUMENT', /input\.category/);
    const badSlug = await asEditor(CREATE_ENTITY, { input: { kind: 'PERSON', slug: 'Not A Slug', name: 'X' } });
    expectError(badSlug, 'INVALID_ARGUMENT', /input\.slug.*expected a slug/);
    const taken = await asEditor(CREATE_ENTITY, { input: { kind: 'PERSON', slug: 'framasoft', name: 'Copy' } });
    expectError(taken, 'CONFLICT', /An entity with slug "framasoft" already exists/);
    const wrongKind = await asEditor(CREATE_RELATION, {
      input: { type: 'WORKS_FOR', from: 'la-derivation', to: 'framasoft', sources: [SOURCE] },
    });
    expectError(
      wrongKind,
      'INVALID_ARGUMENT',
      /WORKS_FOR expects from to be PERSON, but "la-derivation" is ORGANISATION/,
    );
  });

  it('restores a deleted relation from its history', async () => {
    const before = await asPublic(
      '{ relations(from: "lise", types: [WORKS_FOR]) { edges { node { relationId sources { quote } } } } }',
    );
    const { relationId, version } = await relationVersion('lise', 'WORKS_FOR');
    expectData(await asEditor(DELETE_RELATION, { input: { relationId, expectedVersion: version } }));
    expect(
      expectData(await asPublic('{ relations(from: "lise", types: [WORKS_FOR]) { totalCount } }')).relations.totalCount,
    ).toBe(0);

    const restored = await asEditor(RESTORE_RELATION, { input: { relationId } });
    expect(expectData(restored).restoreRelation).toMatchObject({
      relation: {
        relationId,
        type: 'WORKS_FOR',
        version: version + 1,
        from: { slug: 'lise' },
        to: { slug: 'framasoft' },
      },
      changes: [{ action: 'RESTORE', actor: 'ada' }],
    });
    const after = await asPublic(
      '{ relations(from: "lise", types: [WORKS_FOR]) { edges { node { relationId sources { quote } } } } }',
    );
    expect(after).toEqual(before);
    const again = await asEditor(RESTORE_RELATION, { input: { relationId } });
    expectError(again, 'CONFLICT', /Relation "works-for--lise--framasoft" exists: there is nothing to restore/);
  });

  it('deletes an entity with its relations, and restores them all', async () => {
    const files = (await snapshot()).files;
    const version = await versionOf('fondation-free');
    const deleted = await asEditor(DELETE_ENTITY, { input: { slug: 'fondation-free', expectedVersion: version } });
    const gone = expectData(deleted).deleteEntity.deletedRelations.map((r: any) => r.relationId);
    const seeded = readSeedYaml().relations.filter((r) => r.from === 'fondation-free' || r.to === 'fondation-free');
    expect([...gone].sort()).toEqual(seeded.map((r) => r.id).sort());
    expect(gone).toHaveLength(3);

    const restored = await asEditor(RESTORE_ENTITY, { input: { slug: 'fondation-free' } });
    expect(expectData(restored).restoreEntity.restoredRelations.map((r: any) => r.relationId)).toEqual(gone);
    // Back in its seed file, in its place, with every field: only the versions moved on.
    const withoutVersions = (text: string | undefined) => text?.replace(/^\s+version: \d+\n/gm, '');
    const now = (await snapshot()).files;
    for (const file of Object.keys(files).filter((f) => f !== 'history.yaml')) {
      expect(withoutVersions(now[file]), file).toBe(withoutVersions(files[file]));
    }
  });

  it('is refused an admin-only operation (merge): FORBIDDEN, and nothing changes', async () => {
    const before = await snapshot();
    const response = await asEditor(MERGE, {
      input: { survivor: 'framasoft', absorbed: 'la-derivation', survivorVersion: 1, absorbedVersion: 1 },
    });
    expectError(response, 'FORBIDDEN', /Mutation\.mergeEntities needs the admin role; ada is editor/);
    expect(await snapshot()).toEqual(before);
  });

  it('has a stale update refused with CONFLICT instead of overwriting the other change', async () => {
    const version = await versionOf('la-derivation');
    const first = await asAdmin(UPDATE_ENTITY, {
      input: { slug: 'la-derivation', expectedVersion: version, summary: 'Grace was here first.' },
    });
    expectData(first);
    const stale = await asEditor(UPDATE_ENTITY, {
      input: { slug: 'la-derivation', expectedVersion: version, summary: 'Ada overwrites Grace.' },
    });
    expectError(
      stale,
      'CONFLICT',
      new RegExp(`Entity "la-derivation" is at version ${version + 1}, not ${version}: someone changed it`),
    );
    expect(stale.errors![0]!.extensions!.currentVersion).toBe(version + 1);
    const now = await asPublic('{ entity(slug: "la-derivation") { summary version } }');
    expect(expectData(now).entity).toEqual({ summary: 'Grace was here first.', version: version + 1 });

    const staleDelete = await asEditor(DELETE_RELATION, {
      input: { relationId: 'works-for--lise--framasoft', expectedVersion: 1 },
    });
    expectError(staleDelete, 'CONFLICT', /Relation "works-for--lise--framasoft" is at version \d+, not 1/);
  });
});

describe('an admin', () => {
  it('merges two entities: relations move, names become aliases, and the absorbed one can be restored', async () => {
    for (const [slug, name] of [
      ['atelier-des-tests', 'Atelier des Tests'],
      ['atelier-tests', 'L’Atelier Tests'],
    ]) {
      expectData(
        await asEditor(CREATE_ENTITY, { input: { kind: 'ORGANISATION', slug, name, aliases: [`${name} (alias)`] } }),
      );
    }
    const link = (type: string, from: string, to: string) =>
      asEditor(CREATE_RELATION, { input: { type, from, to, sources: [SOURCE] } });
    expectData(await link('ARCHIPELAGO', 'framasoft', 'atelier-tests'));
    expectData(await link('COLLABORATION', 'atelier-tests', 'atelier-des-tests'));

    const merged = await asAdmin(MERGE, {
      input: { survivor: 'atelier-des-tests', absorbed: 'atelier-tests', survivorVersion: 1, absorbedVersion: 1 },
    });
    expect(expectData(merged).mergeEntities.survivor).toEqual({
      slug: 'atelier-des-tests',
      aliases: ['Atelier des Tests (alias)', 'L’Atelier Tests', 'L’Atelier Tests (alias)'],
      version: 2,
    });
    expect(expectData(merged).mergeEntities.changes.map((c: any) => [c.action, c.targetKind, c.targetId])).toEqual([
      ['MERGE', 'RELATION', 'collaboration--atelier-tests--atelier-des-tests'],
      ['MERGE', 'RELATION', 'archipelago--framasoft--atelier-tests'],
      ['MERGE', 'ENTITY', 'atelier-des-tests'],
      ['MERGE', 'ENTITY', 'atelier-tests'],
    ]);
    const moved = await asPublic(
      '{ entity(slug: "atelier-des-tests") { relations { edges { node { relationId from { slug } } } } } }',
    );
    expect(expectData(moved).entity.relations.edges.map((e: any) => e.node)).toEqual([
      { relationId: 'archipelago--framasoft--atelier-tests', from: { slug: 'framasoft' } },
    ]);
    expect(expectData(await asPublic('{ entity(slug: "atelier-tests") { name } }')).entity).toBeNull();

    const restored = await asEditor(RESTORE_ENTITY, { input: { slug: 'atelier-tests' } });
    expect(expectData(restored).restoreEntity).toMatchObject({
      entity: { slug: 'atelier-tests', version: 2 },
      restoredRelations: [{ relationId: 'collaboration--atelier-tests--atelier-des-tests' }],
    });
  });
});

describe('a mutation that fails half way', () => {
  it('leaves the graph unchanged: a merge whose moved relations break the vocabulary rolls back', async () => {
    const before = await snapshot();
    const sent = queries.length;
    // lise (a PERSON) WORKS_FOR framasoft: once moved to an organisation, that relation is invalid.
    const response = await asAdmin(MERGE, {
      input: {
        survivor: 'la-derivation',
        absorbed: 'lise',
        survivorVersion: await versionOf('la-derivation'),
        absorbedVersion: await versionOf('lise'),
      },
    });
    expectError(
      response,
      'INVALID_ARGUMENT',
      /WORKS_FOR expects from to be PERSON, but "la-derivation" is ORGANISATION/,
    );
    // The relations had really been moved inside the transaction before the check failed.
    expect(queries.slice(sent).some((q) => q.mode === 'WRITE' && q.cypher.includes('DELETE old'))).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it('leaves the graph unchanged: a relation to an entity that does not exist', async () => {
    const before = await snapshot();
    const response = await asEditor(CREATE_RELATION, {
      input: { type: 'ARCHIPELAGO', from: 'framasoft', to: 'no-such-entity', sources: [SOURCE] },
    });
    expectError(response, 'NOT_FOUND', /Entity "no-such-entity"/);
    expect(await snapshot()).toEqual(before);
  });
});

describe('backup', () => {
  it('export → wipe → restore gives the same graph, history included', async () => {
    const before = await exportDataset(db);
    expect(before.get('history.yaml')).toMatch(/actor: ada/);
    expect(before.get('staff-edits.yaml')).toMatch(/slug: atelier-des-tests/);
    expect(before.get('framasoft.yaml')).toMatch(/internalNotes: Call back the treasurer\.\n\s+version: 2\n/);
    const history = await asEditor(HISTORY, { slug: 'atelier-tests' });

    const dir = await mkdtemp(path.join(os.tmpdir(), 'archipel-backup-'));
    try {
      await writeExport(dir, before);
      await db.write('MATCH (n) DETACH DELETE n', {}, () => null);
      expect((await exportDataset(db)).size).toBe(0);
      const backup = await readSeeds(dir);
      if (!backup.ok) throw new Error(JSON.stringify(backup.problems));
      const summary = await loadDataset(db, backup);
      expect(summary.changes).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    const after = await exportDataset(db);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [file, text] of before) expect(after.get(file), file).toBe(text);
    expect(await asEditor(HISTORY, { slug: 'atelier-tests' })).toEqual(history);
  });

  it('loading the hand-written seeds leaves the history as it is', async () => {
    const { changes } = await snapshot();
    const summary = await loadDataset(db, await realSeeds());
    expect(summary.changes).toBeNull();
    expect((await snapshot()).changes).toBe(changes);
  });
});
