/**
 * The staff workspace API against the real Neo4j and the real activity report: who is signed in,
 * the report's sections and quote checks, the verbatim rule on report sources, the feed of recent
 * changes, and CSV imports that write all their rows or none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDataset } from '../api/seed/export.js';
import { reportForServer } from '../api/seed/report.js';
import { hashToken, parseStaffTokens } from '../schema/auth.js';
import { expectData, expectError, graphqlClient } from './support/graphql.js';
import { restoreSeeds, useTestDatabase } from './support/neo4j.js';

const EDITOR_TOKEN = 'workspace-editor-token-0123456789';
const ADMIN_TOKEN = 'workspace-admin-token-9876543210';
const STAFF = ['lin', 'mae'];
const staff = parseStaffTokens(`lin:editor:${hashToken(EDITOR_TOKEN)}, mae:admin:${hashToken(ADMIN_TOKEN)}`);

/** The dataset's totals once the seeds are loaded (README: ~301 entities, 428 relations). */
const SEEDED_ENTITIES = 301;
const SEEDED_RELATIONS = 428;

/** A quote of the report's "Équipe bénévole" section, as seeds/association.yaml cites it. */
const VOLUNTEERS = 'Équipe bénévole';
const VOLUNTEERS_QUOTE = 'En 2020, Framasoft aura accueilli 3 nouveaux membres : Maiwann, Rigelk et Stph.';
const GOOD_SOURCE = { section: VOLUNTEERS, quote: VOLUNTEERS_QUOTE };

const report = reportForServer();
const db = useTestDatabase();
const api = graphqlClient(db, { staff, report, mutationsPerMinute: 10_000 });
const withoutReport = graphqlClient(db, { staff, report: null });

const asPublic = (query: string, variables?: Record<string, unknown>) => api.request(query, variables);
const asEditor = (query: string, variables?: Record<string, unknown>) =>
  api.request(query, variables, { token: EDITOR_TOKEN });

async function count(cypher: string): Promise<number> {
  const [n] = await db.read(cypher, {}, (r) => Number(r.get('n')));
  return n!;
}
const relationCount = () => count('MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n');
const entityCount = () => count('MATCH (e:Entity) RETURN count(e) AS n');

const CREATE_RELATION = `mutation ($input: CreateRelationInput!) {
  createRelation(input: $input) {
    relation { relationId version sources { section quote url title } }
    changes { id action actor targetId }
  }
}`;
const UPDATE_RELATION = `mutation ($input: UpdateRelationInput!) {
  updateRelation(input: $input) { relation { relationId version } changes { id } }
}`;
const CHECK_QUOTE = `query ($section: String!, $quote: String!) {
  checkQuote(section: $section, quote: $quote) { verbatim inSection foundInSection message }
}`;
const RECENT = `query ($first: Int, $after: String) {
  recentChanges(first: $first, after: $after) {
    totalCount
    edges { cursor node { id action actor targetKind targetId at operationId } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const IMPORT = `mutation ($input: ImportRowsInput!) {
  importRows(input: $input) {
    applied errorCount
    rows { line action key problems { column message suggestion } }
    changes { id operationId actor action targetKind targetId }
  }
}`;

beforeAll(() => restoreSeeds(db));

afterAll(async () => {
  await db.write('MATCH (c:Change) WHERE c.actor IN $staff DELETE c', { staff: STAFF }, () => null);
  await restoreSeeds(db);
});

describe('who is signed in (viewer)', () => {
  it('an editor who signs in is told their name and role', async () => {
    expect(expectData(await asEditor('{ viewer { name role } }')).viewer).toEqual({ name: 'lin', role: 'EDITOR' });
    const admin = await api.request('{ viewer { name role } }', {}, { token: ADMIN_TOKEN });
    expect(expectData(admin).viewer).toEqual({ name: 'mae', role: 'ADMIN' });
  });

  it('an anonymous caller is told nobody is signed in, without an error; an unknown token is refused', async () => {
    expect(expectData(await asPublic('{ viewer { name role } }')).viewer).toBeNull();
    const unknown = await api.request('{ viewer { name } }', {}, { token: 'not-a-staff-token' });
    expectError(unknown, 'UNAUTHENTICATED', /unknown token/, ['viewer']);
  });
});

describe('the report (reportSections, checkQuote)', () => {
  it('the server checks against the real report, whose 101 headings come in document order under their parents', async () => {
    expect(report, 'ARCHIPEL_REPORT or ../shared/report/ holds the report').not.toBeNull();
    const { reportSections } = expectData(await asPublic('{ reportSections { heading level parent } }'));
    expect(reportSections).toHaveLength(101);
    expect(reportSections[0]).toEqual({ heading: "Rapport d'activité 2020", level: 1, parent: null });
    const volunteers = reportSections.findIndex((s: { heading: string }) => s.heading === VOLUNTEERS);
    expect(reportSections[volunteers]).toEqual({
      heading: VOLUNTEERS,
      level: 3,
      parent: 'Ressources & Relations Humaines',
    });
    expect(reportSections[volunteers - 1].heading).toBe('Ressources & Relations Humaines');
  });

  it('checkQuote says where a misplaced quote really is', async () => {
    const misplaced = expectData(await asPublic(CHECK_QUOTE, { section: 'Finances', quote: VOLUNTEERS_QUOTE }));
    expect(misplaced.checkQuote).toEqual({
      verbatim: true,
      inSection: false,
      foundInSection: VOLUNTEERS,
      message: `Found verbatim in "${VOLUNTEERS}", not in "Finances".`,
    });
    // White space is folded as the seed check folds it.
    const spaced = VOLUNTEERS_QUOTE.replace(' 3 nouveaux', '\n  3   nouveaux');
    expect(expectData(await asPublic(CHECK_QUOTE, { section: VOLUNTEERS, quote: spaced })).checkQuote).toEqual({
      verbatim: true,
      inSection: true,
      foundInSection: VOLUNTEERS,
      message: 'Found verbatim in this section.',
    });
    const altered = VOLUNTEERS_QUOTE.replace('3 nouveaux', '4 nouveaux');
    expect(expectData(await asPublic(CHECK_QUOTE, { section: VOLUNTEERS, quote: altered })).checkQuote).toEqual({
      verbatim: false,
      inSection: false,
      foundInSection: null,
      message: 'Not found verbatim in the report.',
    });
  });

  it('a server without the report says so, and lists no sections', async () => {
    const data = expectData(
      await withoutReport.request(`{ reportSections { heading } checkQuote(section: "${VOLUNTEERS}", quote: "${VOLUNTEERS_QUOTE}") {
        verbatim inSection foundInSection message } }`),
    );
    expect(data.reportSections).toEqual([]);
    expect(data.checkQuote).toEqual({
      verbatim: false,
      inSection: false,
      foundInSection: null,
      message: 'This server has no copy of the report to check against.',
    });
  });
});

describe('report sources must quote the report verbatim', () => {
  const relation = { type: 'COLLABORATION', from: 'framasoft', to: 'lise', id: 'workspace-test-collaboration' };

  it('a relation quoting the report verbatim is accepted; one whose quote is not in the report is refused and says which source', async () => {
    const before = await relationCount();
    const absent = { section: VOLUNTEERS, quote: 'Framasoft aura accueilli 40 nouveaux membres.' };
    const refused = expectError(
      await asEditor(CREATE_RELATION, { input: { ...relation, sources: [GOOD_SOURCE, absent] } }),
      'INVALID_ARGUMENT',
      /^sources\[1\]\.quote: not found verbatim in the report section "Équipe bénévole"$/,
    );
    expect(refused.extensions?.field).toBe('sources[1].quote');
    const misplaced = expectError(
      await asEditor(CREATE_RELATION, { input: { ...relation, sources: [{ ...GOOD_SOURCE, section: 'Finances' }] } }),
      'INVALID_ARGUMENT',
      /^sources\[0\]\.quote: not found verbatim in the report section "Finances"; it is in "Équipe bénévole"$/,
    );
    expect(misplaced.extensions?.field).toBe('sources[0].quote');
    const unknownSection = expectError(
      await asEditor(CREATE_RELATION, { input: { ...relation, sources: [{ ...GOOD_SOURCE, section: 'Bénévoles' }] } }),
      'INVALID_ARGUMENT',
      /^sources\[0\]\.section: "Bénévoles" is not a heading of the report$/,
    );
    expect(unknownSection.extensions?.field).toBe('sources[0].section');
    expect(await relationCount()).toBe(before);

    const created = expectData(await asEditor(CREATE_RELATION, { input: { ...relation, sources: [GOOD_SOURCE] } }));
    expect(created.createRelation.relation.sources).toEqual([{ ...GOOD_SOURCE, url: null, title: null }]);
    expect(await relationCount()).toBe(before + 1);

    // An update that brings a new source is checked the same way; one that does not is not.
    const update = { relationId: relation.id, expectedVersion: 1 };
    const stale = expectError(
      await asEditor(UPDATE_RELATION, { input: { ...update, sources: [GOOD_SOURCE, absent] } }),
      'INVALID_ARGUMENT',
      /^sources\[1\]\.quote: not found verbatim/,
    );
    expect(stale.extensions?.field).toBe('sources[1].quote');
    const described = expectData(await asEditor(UPDATE_RELATION, { input: { ...update, description: 'Accueil' } }));
    expect(described.updateRelation.relation.version).toBe(2);
  });

  it('a source from another document (url + title) is accepted unchecked, and exported with its url and title', async () => {
    const elsewhere = {
      section: 'Annonce',
      quote: 'Une phrase qui ne figure pas dans le rapport.',
      url: 'https://framablog.org/2020/annonce',
      title: 'Le Framablog',
    };
    const input = { type: 'COLLABORATION', from: 'framasoft', to: 'pouhiou', id: 'workspace-test-elsewhere' };
    const created = expectData(await asEditor(CREATE_RELATION, { input: { ...input, sources: [elsewhere] } }));
    expect(created.createRelation.relation.sources).toEqual([elsewhere]);
    const exported = [...(await exportDataset(db)).values()].join('\n');
    expect(exported).toContain('url: https://framablog.org/2020/annonce');
    expect(exported).toContain('title: Le Framablog');

    const halfGiven = expectError(
      await asEditor(CREATE_RELATION, {
        input: { ...input, id: 'workspace-test-half', sources: [{ ...GOOD_SOURCE, url: elsewhere.url }] },
      }),
      'INVALID_ARGUMENT',
      /input\.sources\.0\.title.*both its url and its title/,
    );
    expect(halfGiven.extensions?.argument).toBe('input.sources.0.title');
  });

  it('a server without the report takes report sources as given', async () => {
    const input = { type: 'COLLABORATION', from: 'framasoft', to: 'theo', id: 'workspace-test-unchecked' };
    const source = { section: 'Nulle part', quote: 'Une citation que personne ne vérifie.' };
    const created = await withoutReport.request(
      CREATE_RELATION,
      { input: { ...input, sources: [source] } },
      {
        token: EDITOR_TOKEN,
      },
    );
    expect(expectData(created).createRelation.relation.sources).toEqual([{ ...source, url: null, title: null }]);
  });
});

describe('recent changes', () => {
  it('recent changes list every staff write, newest first, and anonymous callers are refused', async () => {
    const total = await count('MATCH (c:Change) RETURN count(c) AS n');
    expect(total).toBeGreaterThanOrEqual(4);
    const first = expectData(await asEditor(RECENT, { first: 2 })).recentChanges;
    expect(first.totalCount).toBe(total);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = expectData(await asEditor(RECENT, { first: 100, after: first.pageInfo.endCursor })).recentChanges;
    const all = [...first.edges, ...rest.edges].map((e: { node: { at: string } }) => e.node);
    expect(all).toHaveLength(total);
    const instants = all.map((c: { at: string }) => c.at);
    expect(instants).toEqual([...instants].sort().reverse());
    // The newest is the last write of this file: the relation created without a report.
    expect(all[0]).toMatchObject({
      action: 'CREATE',
      actor: 'lin',
      targetKind: 'RELATION',
      targetId: 'workspace-test-unchecked',
    });

    expectError(await asPublic(RECENT, { first: 2 }), 'UNAUTHENTICATED', /recentChanges is for staff only/);
  });
});

/** The CSV of `rows` (arrays of cells) under `header`, quoting every cell. */
const csvOf = (header: string[], rows: string[][]) =>
  [header, ...rows].map((cells) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n');

describe('importing rows from CSV (importRows)', () => {
  const HEADER = ['id', 'type', 'from', 'to', 'role', 'source_section', 'source_quote'];

  it('importing 20 relation rows with two bad rows: the dry run names both rows and their columns (with the closest slug), apply writes nothing, fixed rows are all written in one go', async () => {
    const targets = await db.read(
      "MATCH (e:Entity) WHERE e.slug <> 'framasoft' AND NOT e.slug STARTS WITH 'workspace' RETURN e.slug AS slug ORDER BY slug LIMIT 20",
      {},
      (r) => r.get('slug') as string,
    );
    expect(targets).toHaveLength(20);
    const rows = targets.map((to, i) => [
      `import-test-${String(i + 1).padStart(2, '0')}`,
      'COLLABORATION',
      'framasoft',
      to,
      'partenaire',
      VOLUNTEERS,
      VOLUNTEERS_QUOTE,
    ]);
    const bad = rows.map((row) => [...row]);
    bad[4]![2] = 'framasfot'; // line 6: a misspelt slug
    bad[11]![5] = 'Finances'; // line 13: the quote is in another section
    const before = await relationCount();
    expect(before).toBe(SEEDED_RELATIONS + 3);

    const dry = expectData(
      await asEditor(IMPORT, { input: { target: 'RELATIONS', csv: csvOf(HEADER, bad), dryRun: true } }),
    ).importRows;
    expect(dry.applied).toBe(false);
    expect(dry.errorCount).toBe(2);
    expect(dry.changes).toEqual([]);
    expect(dry.rows).toHaveLength(20);
    expect(dry.rows.filter((r: { action: string }) => r.action === 'ERROR')).toEqual([
      {
        line: 6,
        action: 'ERROR',
        key: 'import-test-05',
        problems: [{ column: 'from', message: 'no entity has the slug "framasfot"', suggestion: 'framasoft' }],
      },
      {
        line: 13,
        action: 'ERROR',
        key: 'import-test-12',
        problems: [
          {
            column: 'source_quote',
            message: `not found verbatim in the report section "Finances"; it is in "${VOLUNTEERS}"`,
            suggestion: VOLUNTEERS,
          },
        ],
      },
    ]);
    expect(dry.rows.filter((r: { action: string }) => r.action === 'CREATE')).toHaveLength(18);
    expect(await relationCount()).toBe(before);

    const refused = expectData(
      await asEditor(IMPORT, { input: { target: 'RELATIONS', csv: csvOf(HEADER, bad), dryRun: false } }),
    ).importRows;
    expect(refused).toMatchObject({ applied: false, errorCount: 2, changes: [] });
    expect(await relationCount()).toBe(before);

    const applied = expectData(
      await asEditor(IMPORT, { input: { target: 'RELATIONS', csv: csvOf(HEADER, rows), dryRun: false } }),
    ).importRows;
    expect(applied.applied).toBe(true);
    expect(applied.errorCount).toBe(0);
    expect(applied.rows.map((r: { action: string }) => r.action)).toEqual(Array(20).fill('CREATE'));
    expect(applied.changes).toHaveLength(20);
    expect(new Set(applied.changes.map((c: { operationId: string }) => c.operationId)).size).toBe(1);
    expect(applied.changes.every((c: { actor: string }) => c.actor === 'lin')).toBe(true);
    expect(await relationCount()).toBe(before + 20);

    // The same file again changes nothing; a new source on an existing relation is added to it.
    const again = expectData(
      await asEditor(IMPORT, { input: { target: 'RELATIONS', csv: csvOf(HEADER, rows), dryRun: true } }),
    ).importRows;
    expect(again.rows.map((r: { action: string }) => r.action)).toEqual(Array(20).fill('UNCHANGED'));
    const secondSource = [...rows[0]!];
    secondSource[5] = 'Ressources & Relations Humaines';
    secondSource[6] = "L'association compte 37 adhérent·es.";
    const added = expectData(
      await asEditor(IMPORT, { input: { target: 'RELATIONS', csv: csvOf(HEADER, [secondSource]), dryRun: false } }),
    ).importRows;
    expect(added.rows).toEqual([{ line: 2, action: 'UPDATE', key: 'import-test-01', problems: [] }]);
    const { relations } = expectData(
      await asPublic(
        `{ relations(from: "framasoft", to: "${rows[0]![3]}", types: [COLLABORATION]) {
          edges { node { relationId sources { section quote } } } } }`,
      ),
    );
    expect(relations.edges.map((e: { node: unknown }) => e.node)).toContainEqual({
      relationId: 'import-test-01',
      sources: [GOOD_SOURCE, { section: secondSource[5], quote: secondSource[6] }],
    });
    expect(await relationCount()).toBe(before + 20);
  });

  it('importing entities: the dry run names the bad rows and columns (with the closest kind), apply writes nothing, fixed rows are all written in one go', async () => {
    const header = ['slug', 'kind', 'name', 'aliases', 'summary', 'date'];
    const rows = [
      ['workspace-ada', 'PERSON', 'Ada', 'Ada L.|A. Lovelace', 'Bénévole.', ''],
      ['workspace-camp', 'EVENT', 'Camp 2020', '', '', '2020-08'],
      ['workspace-asso', 'organisation', 'Une association', '', '', ''],
      ['lise', 'PERSON', 'Lise', '', 'Stagiaire de Framasoft en 2020 sur le collectif CHATONS, puis bénévole.', ''],
    ];
    const bad = rows.map((row) => [...row]);
    bad[0]![1] = 'PERSN'; // line 2
    bad[1]![5] = ''; // line 3: an event without its date
    const before = await entityCount();
    expect(before).toBe(SEEDED_ENTITIES);

    const dry = expectData(
      await asEditor(IMPORT, { input: { target: 'ENTITIES', csv: csvOf(header, bad), dryRun: true } }),
    ).importRows;
    expect(dry).toMatchObject({ applied: false, errorCount: 2, changes: [] });
    expect(dry.rows).toEqual([
      {
        line: 2,
        action: 'ERROR',
        key: 'workspace-ada',
        problems: [
          { column: 'kind', message: 'expected one of ORGANISATION, PROJECT, PERSON, EVENT', suggestion: 'PERSON' },
        ],
      },
      {
        line: 3,
        action: 'ERROR',
        key: 'workspace-camp',
        problems: [{ column: 'date', message: 'required: the cell is empty', suggestion: null }],
      },
      { line: 4, action: 'CREATE', key: 'workspace-asso', problems: [] },
      { line: 5, action: 'UPDATE', key: 'lise', problems: [] },
    ]);
    expect(
      expectData(await asEditor(IMPORT, { input: { target: 'ENTITIES', csv: csvOf(header, bad), dryRun: false } }))
        .importRows.applied,
    ).toBe(false);
    expect(await entityCount()).toBe(before);

    const applied = expectData(
      await asEditor(IMPORT, { input: { target: 'ENTITIES', csv: csvOf(header, rows), dryRun: false } }),
    ).importRows;
    expect(applied).toMatchObject({ applied: true, errorCount: 0 });
    expect(applied.changes.map((c: { action: string; targetId: string }) => `${c.action} ${c.targetId}`)).toEqual([
      'CREATE workspace-ada',
      'CREATE workspace-camp',
      'CREATE workspace-asso',
      'UPDATE lise',
    ]);
    expect(await entityCount()).toBe(before + 3);
    const { entity } = expectData(await asPublic('{ entity(slug: "workspace-ada") { name aliases } }'));
    expect(entity).toEqual({ name: 'Ada', aliases: ['Ada L.', 'A. Lovelace'] });
  });

  it('a relation row with a misspelt type or without a source is named with its column and the likely type', async () => {
    const csv = csvOf(
      ['type', 'from', 'to', 'amount', 'source_section', 'source_quote'],
      [
        ['COLABORATION', 'framasoft', 'lise', '', VOLUNTEERS, VOLUNTEERS_QUOTE],
        ['collaboration', 'framasoft', 'pouhiou', 'beaucoup', '', ''],
      ],
    );
    const { importRows } = expectData(await asEditor(IMPORT, { input: { target: 'RELATIONS', csv, dryRun: true } }));
    expect(importRows.rows).toEqual([
      {
        line: 2,
        action: 'ERROR',
        key: null,
        problems: [{ column: 'type', message: 'not a relation type', suggestion: 'COLLABORATION' }],
      },
      {
        line: 3,
        action: 'ERROR',
        key: 'collaboration--framasoft--pouhiou',
        problems: [{ column: 'amount', message: 'expected a number, e.g. 20000, got "beaucoup"', suggestion: null }],
      },
    ]);
    const sourceless = csvOf(['type', 'from', 'to'], [['COLLABORATION', 'framasoft', 'pouhiou']]);
    const second = expectData(
      await asEditor(IMPORT, { input: { target: 'RELATIONS', csv: sourceless, dryRun: true } }),
    ).importRows;
    expect(second.rows[0].problems).toEqual([
      {
        column: 'source_quote',
        message: 'every relation needs a source: fill source_section and source_quote',
        suggestion: null,
      },
    ]);
  });

  it('a file that cannot be read is refused as a whole, naming what is wrong; anonymous callers cannot import', async () => {
    const unknownColumn = expectError(
      await asEditor(IMPORT, { input: { target: 'RELATIONS', csv: 'type,form,to\nFUNDING,a,b', dryRun: true } }),
      'INVALID_ARGUMENT',
      /unknown column "form" \(did you mean "from"\?\)/,
    );
    expect(unknownColumn.extensions?.argument).toBe('input.csv');
    expectError(
      await asEditor(IMPORT, { input: { target: 'ENTITIES', csv: 'slug,name\nx,X', dryRun: true } }),
      'INVALID_ARGUMENT',
      /lacks the column\(s\) kind/,
    );
    expectError(
      await asEditor(IMPORT, { input: { target: 'ENTITIES', csv: 'slug,kind,name\n"x,PERSON,X', dryRun: true } }),
      'INVALID_ARGUMENT',
      /not a CSV file/,
    );
    expectError(
      await asPublic(IMPORT, { input: { target: 'ENTITIES', csv: 'slug,kind,name\nx,PERSON,X', dryRun: true } }),
      'UNAUTHENTICATED',
      /importRows is for staff only/,
    );
  });
});
