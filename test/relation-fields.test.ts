/**
 * A relation's own fields come from one table (model/relation-fields.ts): a field such as `period`
 * or `note` is validated in the seeds, stored, served by GraphQL, set by staff and exported back
 * without any layer naming it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exportDataset } from '../api/seed/export.js';
import { loadDataset } from '../api/seed/load.js';
import { formatProblems, readSeeds } from '../api/seed/read.js';
import { RELATION_FIELD_NAMES } from '../model/relation-fields.js';
import { AMOUNT_NEEDS_PERIOD, moneyIssues } from '../model/seed-format.js';
import { hashToken, parseStaffTokens } from '../schema/auth.js';
import { expectData, expectError, graphqlClient } from './support/graphql.js';
import { restoreSeeds, useTestDatabase } from './support/neo4j.js';

const ENTITIES = `entities:
  - kind: ORGANISATION
    slug: framasoft
    name: Framasoft
  - kind: ORGANISATION
    slug: fondation-exemple
    name: Fondation Exemple
`;

const FUNDING = `relations:
  - type: FUNDING
    from: fondation-exemple
    to: framasoft
    since: "2018"
    until: "2020"
    amount: 20000
    currency: EUR
    period: per-year
    description: soutien pluriannuel
    note: Le rapport donne ailleurs 40 000 € pour la même période.
    sources:
      - section: Produits
        quote: "à hauteur de 20 000 € par an"
`;

async function seedDir(text: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'archipel-relation-fields-'));
  await writeFile(path.join(dir, 'a.yaml'), text);
  return dir;
}

async function problemsOf(text: string): Promise<string> {
  const dir = await seedDir(text);
  try {
    const result = await readSeeds(dir);
    return result.ok ? '' : formatProblems(result.problems);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the relation field table in the seed format', () => {
  it('accepts a period and a note', async () => {
    expect(await problemsOf(ENTITIES + FUNDING)).toBe('');
  });

  it('reports a period outside the vocabulary with its file, line and field', async () => {
    const problems = await problemsOf(ENTITIES + FUNDING.replace('period: per-year', 'period: yearly'));
    expect(problems).toBe(
      'seeds/a.yaml:16 relations[0].period: Invalid option: expected one of "one-off"|"per-year"|"total"',
    );
  });

  it('reports a note longer than 1000 characters', async () => {
    const long = `note: ${'x'.repeat(1001)}`;
    const problems = await problemsOf(ENTITIES + FUNDING.replace(/note: .*/, long));
    expect(problems).toBe('seeds/a.yaml:18 relations[0].note: a note is at most 1000 characters');
  });

  it('asks an amount for its currency, and for its period when that rule is switched on', () => {
    expect(moneyIssues({ amount: 1 }, { periodRequired: false })).toEqual([
      { path: ['currency'], message: 'an amount needs a currency' },
    ]);
    expect(moneyIssues({ amount: 1, currency: 'EUR' }, { periodRequired: true })).toEqual([
      { path: ['period'], message: 'an amount needs a period: one-off, per-year or total' },
    ]);
    expect(moneyIssues({ amount: 1, currency: 'EUR', period: 'total' }, { periodRequired: true })).toEqual([]);
    expect(moneyIssues({}, { periodRequired: true })).toEqual([]);
    // On: every amount in the seeds gives its period.
    expect(AMOUNT_NEEDS_PERIOD).toBe(true);
  });
});

const EDITOR_TOKEN = 'test-editor-token-relation-fields';
const staff = parseStaffTokens(`ada:editor:${hashToken(EDITOR_TOKEN)}`);
const db = useTestDatabase();
const api = graphqlClient(db, { staff, mutationsPerMinute: 10_000 });

const RELATION_FIELDS = 'relationId amount currency period note description since until';

describe('a relation with a period and a note', () => {
  beforeAll(async () => {
    const dir = await seedDir(ENTITIES + FUNDING);
    try {
      const dataset = await readSeeds(dir);
      if (!dataset.ok) throw new Error(formatProblems(dataset.problems));
      await loadDataset(db, dataset);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  afterAll(async () => {
    await db.write("MATCH (c:Change) WHERE c.actor = 'ada' DELETE c", {}, () => null);
    await restoreSeeds(db);
  });

  it('reads them back in a list, and from the whole relation', async () => {
    const expected = {
      relationId: 'funding--fondation-exemple--framasoft',
      amount: 20000,
      currency: 'EUR',
      period: 'PER_YEAR',
      note: 'Le rapport donne ailleurs 40 000 € pour la même période.',
      description: 'soutien pluriannuel',
      since: '2018',
      until: '2020',
    };
    const listed = expectData(
      await api.request(`{ relations(types: [FUNDING]) { edges { node { id ${RELATION_FIELDS} } } } }`),
    );
    const { id, ...fields } = listed.relations.edges[0].node;
    expect(fields).toEqual(expected);
    // A list that read only the id resolves the other fields from the whole relation.
    const whole = expectData(
      await api.request(`query ($id: ID!) { node(id: $id) { ... on Relation { ${RELATION_FIELDS} } } }`, { id }),
    );
    expect(whole.node).toEqual(expected);
  });

  it('exports them as the seed gave them, in the table order', async () => {
    const files = await exportDataset(db);
    const exported = parse(files.get('a.yaml')!);
    expect(exported.relations).toEqual(parse(FUNDING).relations);
    const keys = Object.keys(exported.relations[0]);
    const tableKeys = keys.filter((k) => (RELATION_FIELD_NAMES as string[]).includes(k));
    expect(tableKeys).toEqual(RELATION_FIELD_NAMES.filter((name) => tableKeys.includes(name)));
  });

  it('lets staff set and clear them', async () => {
    const created = await api.request(
      `mutation ($input: CreateRelationInput!) { createRelation(input: $input) { relation { ${RELATION_FIELDS} version } } }`,
      {
        input: {
          type: 'FUNDING',
          from: 'framasoft',
          to: 'fondation-exemple',
          amount: 500,
          currency: 'EUR',
          period: 'ONE_OFF',
          note: 'Montant arrondi par le rapport.',
          sources: [{ section: 'Tests', quote: 'Un don de 500 €.' }],
        },
      },
      { token: EDITOR_TOKEN },
    );
    expect(expectData(created).createRelation.relation).toMatchObject({
      relationId: 'funding--framasoft--fondation-exemple',
      period: 'ONE_OFF',
      note: 'Montant arrondi par le rapport.',
      version: 1,
    });

    const UPDATE = `mutation ($input: UpdateRelationInput!) {
      updateRelation(input: $input) { relation { period note version } }
    }`;
    const updated = await api.request(
      UPDATE,
      {
        input: { relationId: 'funding--framasoft--fondation-exemple', expectedVersion: 1, period: 'TOTAL', note: null },
      },
      { token: EDITOR_TOKEN },
    );
    expect(expectData(updated).updateRelation.relation).toEqual({ period: 'TOTAL', note: null, version: 2 });

    const bad = await api.request(
      UPDATE,
      { input: { relationId: 'funding--framasoft--fondation-exemple', expectedVersion: 2, note: 'x'.repeat(1001) } },
      { token: EDITOR_TOKEN },
    );
    expectError(bad, 'INVALID_ARGUMENT', /input\.note.*at most 1000 characters/);

    const anonymous = await api.request(UPDATE, {
      input: { relationId: 'funding--framasoft--fondation-exemple', expectedVersion: 2, note: 'anonymous' },
    });
    expectError(anonymous, 'UNAUTHENTICATED', /staff only/);
  });
});
