/**
 * Staff edits that race each other, and cursors nobody was given, against the real Neo4j: each
 * answer is a coded error the client can act on, never an internal one, and the graph stays whole
 * (one relation per id, no relation left on a deleted entity, a backup that loads).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRelation } from '../api/db/edits/relations.js';
import { exportDataset, writeExport } from '../api/seed/export.js';
import { loadDataset } from '../api/seed/load.js';
import { readSeeds } from '../api/seed/read.js';
import { hashToken, parseStaffTokens } from '../schema/auth.js';
import { expectData, expectError, type GraphQLResponse, graphqlClient } from './support/graphql.js';
import { restoreSeeds, useTestDatabase } from './support/neo4j.js';

const EDITOR_TOKEN = 'test-racing-editor-token-0123456789';
const STAFF = 'rita';
const db = useTestDatabase();
/** What the API logs at error level: a resolver error there is an INTERNAL_SERVER_ERROR. */
const logged: string[] = [];
const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(line) });
const api = graphqlClient(db, {
  staff: parseStaffTokens(`${STAFF}:editor:${hashToken(EDITOR_TOKEN)}`),
  mutationsPerMinute: 100_000,
  logger,
});
const asEditor = (query: string, variables?: Record<string, unknown>) =>
  api.request(query, variables, { token: EDITOR_TOKEN });

const CREATE_ENTITY = `mutation ($input: CreateEntityInput!) { createEntity(input: $input) { entity { slug version } } }`;
const DELETE_ENTITY = `mutation ($input: DeleteEntityInput!) {
  deleteEntity(input: $input) { slug deletedRelations { relationId } }
}`;
const CREATE_RELATION = `mutation ($input: CreateRelationInput!) {
  createRelation(input: $input) { relation { relationId type } }
}`;
const DELETE_RELATION = `mutation ($input: DeleteRelationInput!) { deleteRelation(input: $input) { deletedRelation { relationId } } }`;
const RESTORE_RELATION = `mutation ($input: RestoreRelationInput!) { restoreRelation(input: $input) { relation { relationId } } }`;
const RESTORE_ENTITY = `mutation ($input: RestoreEntityInput!) {
  restoreEntity(input: $input) { restoredRelations { relationId } }
}`;
const SOURCE = { section: 'Tests', quote: 'A quote for the tests.' };

/** Relations with this id, whatever their type. */
async function relationsWithId(id: string): Promise<string[]> {
  return db.read('MATCH (:Entity)-[r]->(:Entity) WHERE r.id = $id RETURN type(r) AS type', { id }, (r) =>
    r.get('type'),
  );
}

const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

/** The id nodes that make relation ids unique (api/db/edits/relation-ids.ts) are those of the relations. */
async function expectIdNodesInStep() {
  const [ids] = await db.read(
    `CALL { MATCH (:Entity)-[r]->(:Entity) RETURN collect(DISTINCT r.id) AS relations }
     CALL { MATCH (n:RelationId) RETURN collect(n.id) AS nodes }
     RETURN relations, nodes`,
    {},
    (r) => ({ relations: r.get('relations') as string[], nodes: r.get('nodes') as string[] }),
  );
  expect(ids!.nodes.sort()).toEqual(ids!.relations.sort());
}

beforeAll(() => restoreSeeds(db));
beforeEach(() => {
  logged.length = 0;
});
afterEach(() => expectIdNodesInStep());
afterAll(async () => {
  await db.write('MATCH (c:Change) WHERE c.actor = $actor DELETE c', { actor: STAFF }, () => null);
  await restoreSeeds(db);
});

describe('staff creating relations with one id at the same moment', () => {
  // Eight types that all allow an organisation to an organisation.
  const TYPES = [
    'RHIZOME',
    'ARCHIPELAGO',
    'FRIENDSHIP_CONVENTION',
    'SUPPORT_CONVENTION',
    'FUNDING',
    'MEMBERSHIP',
    'COLLABORATION',
    'CONTRACTS_FOR',
  ];

  it('one of them wins; the others are told CONFLICT, and the id stays unique in the graph and in a backup', async () => {
    for (let round = 0; round < 5; round++) {
      const id = `same-id-race-${round}`;
      const answers = await Promise.all(
        TYPES.map((type) =>
          asEditor(CREATE_RELATION, {
            input: { id, type, from: 'la-derivation', to: 'framasoft', sources: [SOURCE] },
          }),
        ),
      );
      const won = answers.filter((a) => !a.errors);
      expect(won, `round ${round}: ${JSON.stringify(answers)}`).toHaveLength(1);
      for (const lost of answers.filter((a) => a.errors)) {
        expectError(lost, 'CONFLICT', new RegExp(`A relation with id "${id}" already exists`), ['createRelation']);
      }
      expect(await relationsWithId(id)).toEqual([won[0]!.data!.createRelation.relation.type]);
    }
    expect(logged).toEqual([]);

    // The backup of that graph loads back (seed:export, then seed).
    const dir = await mkdtemp(path.join(os.tmpdir(), 'archipel-races-'));
    try {
      await writeExport(dir, await exportDataset(db));
      const backup = await readSeeds(dir);
      expect(backup.ok ? [] : backup.problems).toEqual([]);
      if (backup.ok) await loadDataset(db, backup);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(await relationsWithId('same-id-race-0')).toHaveLength(1);
  });

  it('an id is free again once its relation is deleted, and taken again once it is restored', async () => {
    const input = { id: 'id-to-reuse', from: 'la-derivation', to: 'framasoft', sources: [SOURCE] };
    expectData(await asEditor(CREATE_RELATION, { input: { ...input, type: 'FUNDING' } }));
    expectError(
      await asEditor(CREATE_RELATION, { input: { ...input, type: 'MEMBERSHIP' } }),
      'CONFLICT',
      /A relation with id "id-to-reuse" already exists/,
    );
    expectData(await asEditor(DELETE_RELATION, { input: { relationId: 'id-to-reuse', expectedVersion: 1 } }));
    expectData(await asEditor(CREATE_RELATION, { input: { ...input, type: 'MEMBERSHIP' } }));
    expectError(
      await asEditor(RESTORE_RELATION, { input: { relationId: 'id-to-reuse' } }),
      'CONFLICT',
      /Relation "id-to-reuse" exists: there is nothing to restore/,
    );
    expect(await relationsWithId('id-to-reuse')).toEqual(['MEMBERSHIP']);

    // An entity deleted with its relations frees their ids; restored, it takes them back.
    expectData(await asEditor(CREATE_ENTITY, { input: { kind: 'PERSON', slug: 'id-holder', name: 'Id holder' } }));
    const held = { id: 'held-id', type: 'WORKS_FOR', from: 'id-holder', to: 'framasoft', sources: [SOURCE] };
    expectData(await asEditor(CREATE_RELATION, { input: held }));
    await expectIdNodesInStep();
    expectData(await asEditor(DELETE_ENTITY, { input: { slug: 'id-holder', expectedVersion: 1 } }));
    await expectIdNodesInStep();
    const restored = expectData(await asEditor(RESTORE_ENTITY, { input: { slug: 'id-holder' } }));
    expect(restored.restoreEntity.restoredRelations).toEqual([{ relationId: 'held-id' }]);
    expectError(
      await asEditor(CREATE_RELATION, { input: { ...held, type: 'COLLABORATION' } }),
      'CONFLICT',
      /A relation with id "held-id" already exists/,
    );
  });
});

describe('a commit the driver runs again', () => {
  it('a created relation whose commit acknowledgment was lost is answered as created, once, not as a CONFLICT', async () => {
    // What neo4j-driver does when the connection drops during COMMIT: it runs the transaction
    // function again, though the first commit may have gone through (here it did).
    const retried = Object.create(db) as typeof db;
    retried.transaction = async (work) => {
      await db.transaction(work);
      return db.transaction(work);
    };
    const id = 'commit-run-twice';
    const { result, changes } = await createRelation(retried, STAFF, {
      id,
      type: 'COLLABORATION',
      from: 'picasoft',
      to: 'framasoft',
      sources: [SOURCE],
    });
    expect(result.id).toBe(id);
    expect(changes.map((c) => `${c.action} ${c.targetId}`)).toEqual([`CREATE ${id}`]);
    expect(await relationsWithId(id)).toEqual(['COLLABORATION']);
    const [recorded] = await db.read('MATCH (c:Change {targetId: $id}) RETURN count(c) AS n', { id }, (r) =>
      Number(r.get('n')),
    );
    expect(recorded).toBe(1);
    expectData(await asEditor(DELETE_RELATION, { input: { relationId: id, expectedVersion: 1 } }));
  });
});

describe('createRelation racing deleteEntity of one of its ends', () => {
  it('either the relation goes with the entity, or its creation is told NOT_FOUND; never an internal error', async () => {
    const outcomes = new Map<string, number>();
    for (let round = 0; round < 40; round++) {
      const slug = `racing-person-${round}`;
      expectData(await asEditor(CREATE_ENTITY, { input: { kind: 'PERSON', slug, name: `Racing person ${round}` } }));
      // The entity is the relation's `from` in even rounds, its `to` in odd ones.
      const input =
        round % 2 === 0
          ? { type: 'WORKS_FOR', from: slug, to: 'framasoft', sources: [SOURCE] }
          : { type: 'COLLABORATION', from: 'framasoft', to: slug, sources: [SOURCE] };
      const [created, deleted] = await Promise.all([
        asEditor(CREATE_RELATION, { input }),
        asEditor(DELETE_ENTITY, { input: { slug, expectedVersion: 1 } }),
      ]);
      const gone = expectData(deleted).deleteEntity.deletedRelations.map((r: { relationId: string }) => r.relationId);
      if (created.errors) {
        expectError(created, 'NOT_FOUND', new RegExp(`Entity "${slug}" was not found`), ['createRelation']);
        expect(gone).toEqual([]);
      } else {
        expect(gone).toEqual([created.data!.createRelation.relation.relationId]);
      }
      expect(await relationsWithId(created.data?.createRelation.relation.relationId ?? '')).toEqual([]);
      const key = created.errors ? 'NOT_FOUND' : 'created, then deleted';
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
    expect(logged).toEqual([]);
    expect([...outcomes.values()].reduce((a, b) => a + b)).toBe(40);
  });

  it('a HOSTING relation never names a deleted software: either the delete is refused, or the creation', async () => {
    for (let round = 0; round < 20; round++) {
      const software = `racing-software-${round}`;
      expectData(
        await asEditor(CREATE_ENTITY, { input: { kind: 'PROJECT', slug: software, name: `Racing ${round}` } }),
      );
      const [created, deleted] = await Promise.all([
        asEditor(CREATE_RELATION, {
          input: { type: 'HOSTING', from: 'framasoft', to: 'la-derivation', software, sources: [SOURCE] },
        }),
        asEditor(DELETE_ENTITY, { input: { slug: software, expectedVersion: 1 } }),
      ]);
      if (created.errors) {
        expectError(created, 'NOT_FOUND', new RegExp(`Software "${software}" was not found`), ['createRelation']);
        expectData(deleted);
      } else {
        expectError(deleted, 'CONFLICT', /is the hosted software of 1 HOSTING relation/, ['deleteEntity']);
        const id = created.data!.createRelation.relation.relationId;
        const [relation] = await db.read(
          'MATCH (:Entity)-[r:HOSTING {id: $id}]->(:Entity) RETURN EXISTS { (:Entity {slug: r.software}) } AS ok',
          { id },
          (r) => r.get('ok'),
        );
        expect(relation).toBe(true);
      }
    }
    expect(logged).toEqual([]);
  });
});

describe('a forged `after` cursor', () => {
  const cursor = (text: string) => Buffer.from(text).toString('base64url');
  const FORGED = [
    cursor('cursor:1e99'),
    cursor('cursor:1e20'),
    cursor(`cursor:${'9'.repeat(40)}`),
    cursor(`cursor:${2 ** 53}`),
    cursor(`cursor:${Number.MAX_SAFE_INTEGER}`),
    cursor('cursor:-1'),
    cursor('cursor:-0'),
    cursor('cursor:1.5'),
    cursor('cursor:0x10'),
    cursor('cursor: 3'),
    cursor('cursor:Infinity'),
    cursor('cursor:NaN'),
    cursor('cursor:'),
    cursor('\u0000\u00ff garbage \ud83e\udd9c'),
    'not a cursor at all',
    '%%%',
  ];
  const FIELDS = [
    'relations(first: 5, after: $after) { totalCount edges { cursor } }',
    'entities(first: 5, after: $after) { edges { cursor } }',
    'search(text: "frama", first: 5, after: $after) { edges { cursor } }',
    'entity(slug: "framasoft") { relations(first: 5, after: $after) { edges { cursor } } }',
  ];

  it('is refused as INVALID_ARGUMENT naming `after`, and nothing is logged as internal', async () => {
    for (const field of FIELDS) {
      for (const after of FORGED) {
        const response = await api.request(`query ($after: String) { ${field} }`, { after });
        const error = expectError(response, 'INVALID_ARGUMENT', /Invalid argument "after": not a cursor/);
        expect(error.extensions, `${field} after ${after}`).toMatchObject({ argument: 'after' });
      }
    }
    expect(logged).toEqual([]);
  });

  it('a real cursor still reads the next page', async () => {
    const first = expectData(await api.request('{ relations(first: 3) { edges { cursor node { relationId } } } }'));
    const second = expectData(
      await api.request(
        'query ($after: String) { relations(first: 2, after: $after) { edges { node { relationId } } } }',
        {
          after: first.relations.edges[0].cursor,
        },
      ),
    );
    expect(second.relations.edges.map((e: any) => e.node.relationId)).toEqual(
      first.relations.edges.slice(1).map((e: any) => e.node.relationId),
    );
    expect(codeOf(await api.request('{ relations(first: 1, after: "") { totalCount } }'))).toBeUndefined();
  });
});
