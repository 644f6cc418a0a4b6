/**
 * The list view's tables as data (viz/src/relation-table.ts, entity-table.ts, table-model.ts,
 * csv.ts): rows, wording, sorting, filtering, totals and the CSV text, on a literal graph.
 * The DOM that draws them is driven in a real browser by test/browser/table.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../viz/src/csv.js';
import { entityColumns, entityCsvColumns, entityRows } from '../../viz/src/entity-table.js';
import { translator } from '../../viz/src/i18n.js';
import type { GraphData } from '../../viz/src/queries.js';
import {
  amountTotals,
  formatTotals,
  periodText,
  type RelationRow,
  relationColumns,
  relationCsvColumns,
  relationRows,
} from '../../viz/src/relation-table.js';
import { csvRecords, foldText, nextSort, rowFilter, sortRows } from '../../viz/src/table-model.js';

const GRAPH: GraphData = {
  nodes: [
    { id: 'E1', slug: 'framasoft', name: 'Framasoft', kind: 'ORGANISATION', category: 'association' },
    { id: 'E2', slug: 'datagueule', name: 'Datagueule', kind: 'ORGANISATION', category: 'media' },
    { id: 'E3', slug: 'peertube', name: 'PeerTube', kind: 'PROJECT', category: 'software' },
    { id: 'E4', slug: 'la-derivation', name: 'La Dérivation', kind: 'ORGANISATION', category: 'association' },
    { id: 'E5', slug: 'fondation-free', name: 'Fondation Free', kind: 'ORGANISATION', category: 'foundation' },
    { id: 'E6', slug: 'pouhiou', name: 'Pouhiou', kind: 'PERSON' },
    { id: 'E7', slug: 'capitole-du-libre', name: 'Capitole du Libre', kind: 'EVENT', date: '2020-11-14' },
    { id: 'E8', slug: 'mozilla', name: 'Mozilla', kind: 'ORGANISATION', category: 'foundation' },
  ],
  edges: [
    {
      id: 'h-wiki',
      type: 'HOSTING',
      resource: 'wiki',
      description: 'Hébergement et maintenance gracieuse du wiki.',
      sources: [{ section: 'Datagueule' }],
      from: { slug: 'framasoft' },
      to: { slug: 'datagueule' },
    },
    {
      id: 'h-peertube',
      type: 'HOSTING',
      software: { slug: 'peertube', name: 'PeerTube' },
      description: "Hébergement et maintenance gracieuse de l'instance PeerTube.",
      sources: [{ section: 'Datagueule' }],
      from: { slug: 'framasoft' },
      to: { slug: 'datagueule' },
    },
    {
      id: 'f-free',
      type: 'FUNDING',
      since: '2018',
      amount: 10000,
      currency: 'EUR',
      description: 'Financement de la production du guide [RÉSOLU], en partenariat avec les CÉMÉA.',
      sources: [{ section: '[RÉSOLU]' }, { section: 'Fondation Free' }, { section: '[RÉSOLU]' }],
      from: { slug: 'fondation-free' },
      to: { slug: 'framasoft' },
    },
    {
      id: 'f-mozilla',
      type: 'FUNDING',
      since: '2019-12',
      until: '2020-03',
      amount: 3000.5,
      currency: 'USD',
      description: '=HYPERLINK("x")',
      sources: [],
      from: { slug: 'mozilla' },
      to: { slug: 'framasoft' },
    },
    {
      id: 's-capitole',
      type: 'SPEAKS_AT',
      role: 'conférence « Dégooglisons »',
      from: { slug: 'pouhiou' },
      to: { slug: 'capitole-du-libre' },
    },
    {
      id: 'w-pouhiou',
      type: 'WORKS_FOR',
      since: '2019-10',
      from: { slug: 'pouhiou' },
      to: { slug: 'capitole-du-libre' },
    },
    {
      id: 'c-derivation',
      type: 'COLLABORATION',
      description: 'Ateliers\nen ligne, "contributopia"',
      from: { slug: 'framasoft' },
      to: { slug: 'la-derivation' },
    },
  ],
};

const ALL = new Set(GRAPH.edges.map((e) => e.id));
const en = translator('en');
const fr = translator('fr');
const byId = (rows: RelationRow[], id: string) => rows.find((r) => r.id === id) as RelationRow;
const spaces = (text: string) => text.replace(/\s/g, ' ');

describe('relation rows', () => {
  it('tell the two "Framasoft hosts Datagueule" rows apart by what is hosted', () => {
    const rows = relationRows(GRAPH, ALL, 'en');
    const hosting = rows.filter((r) => r.type === 'HOSTING');
    const columns = relationColumns(en, 'en');
    const subject = columns.find((c) => c.key === 'subject');
    expect(hosting.map((r) => [r.from.name, r.typeLabel, r.to.name, subject?.text(r)])).toEqual([
      ['Framasoft', 'Hosting', 'Datagueule', 'PeerTube'],
      ['Framasoft', 'Hosting', 'Datagueule', 'wiki'],
    ]);
  });

  it('come in reading order: from, relation, to', () => {
    expect(relationRows(GRAPH, ALL, 'en').map((r) => r.id)).toEqual([
      'f-free',
      'c-derivation',
      'h-peertube',
      'h-wiki',
      'f-mozilla',
      's-capitole',
      'w-pouhiou',
    ]);
  });

  it('keep only the relations shown, and list each report section once', () => {
    const rows = relationRows(GRAPH, new Set(['f-free']), 'fr');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.sections).toEqual(['[RÉSOLU]', 'Fondation Free']);
  });

  it('word the period with the shared time model', () => {
    const rows = relationRows(GRAPH, ALL, 'en');
    expect(byId(rows, 'h-wiki').period).toBe('undated, attested 2020');
    expect(byId(rows, 's-capitole').period).toBe('2020 (event)');
    expect(byId(rows, 'f-free').period).toBe('since 2018');
    expect(byId(rows, 'f-mozilla').period).toBe('December 2019 – March 2020');
    // An open end bounded by the event at the other end reads as the event's date.
    expect(byId(rows, 'w-pouhiou').period).toBe('October 2019 – November 14, 2020');
    const french = relationRows(GRAPH, ALL, 'fr');
    expect(byId(french, 'h-wiki').period).toBe('non daté, attesté en 2020');
    expect(byId(french, 's-capitole').period).toBe('2020 (événement)');
    expect(periodText({ since: null, until: '2019' }, null, 'fr')).toBe("jusqu'à 2019");
  });
});

describe('sorting', () => {
  const rows = relationRows(GRAPH, ALL, 'en');
  const columns = relationColumns(en, 'en');
  const ids = (sorted: RelationRow[]) => sorted.map((r) => r.id);

  it('sorts amounts as numbers, rows without an amount last in both directions', () => {
    expect(ids(sortRows(rows, columns, { key: 'amount', direction: 'ascending' })).slice(0, 3)).toEqual([
      'f-mozilla',
      'f-free',
      'c-derivation',
    ]);
    expect(ids(sortRows(rows, columns, { key: 'amount', direction: 'descending' })).slice(0, 3)).toEqual([
      'f-free',
      'f-mozilla',
      'c-derivation',
    ]);
  });

  it('sorts periods by when they start, not by their wording', () => {
    expect(ids(sortRows(rows, columns, { key: 'period', direction: 'ascending' }))).toEqual([
      'f-free', // 2018
      'w-pouhiou', // 2019-10
      'f-mozilla', // 2019-12
      'c-derivation', // attested 2020, in the default order among themselves
      'h-peertube',
      'h-wiki',
      's-capitole', // 14 November 2020
    ]);
  });

  it('sorts names by French rules, ties kept in the default order both ways', () => {
    expect(ids(sortRows(rows, columns, { key: 'to', direction: 'ascending' }))).toEqual([
      's-capitole',
      'w-pouhiou',
      'h-peertube',
      'h-wiki',
      'f-free',
      'f-mozilla',
      'c-derivation',
    ]);
    expect(ids(sortRows(rows, columns, { key: 'to', direction: 'descending' }))).toEqual([
      'c-derivation',
      'f-free',
      'f-mozilla',
      'h-peertube',
      'h-wiki',
      's-capitole',
      'w-pouhiou',
    ]);
  });

  it('goes ascending on the first click and flips on the next', () => {
    expect(nextSort(null, 'amount')).toEqual({ key: 'amount', direction: 'ascending' });
    expect(nextSort({ key: 'amount', direction: 'ascending' }, 'amount')).toEqual({
      key: 'amount',
      direction: 'descending',
    });
    expect(nextSort({ key: 'amount', direction: 'descending' }, 'amount')).toEqual({
      key: 'amount',
      direction: 'ascending',
    });
    expect(nextSort({ key: 'amount', direction: 'descending' }, 'to')).toEqual({ key: 'to', direction: 'ascending' });
  });

  it('leaves the order alone without a sort', () => {
    expect(ids(sortRows(rows, columns, null))).toEqual(ids(rows));
  });
});

describe('the text filter', () => {
  const rows = relationRows(GRAPH, ALL, 'fr');
  const filter = rowFilter(relationColumns(fr, 'fr'));
  const ids = (query: string) => filter(rows, query).map((r) => r.id);

  it('finds a text in any cell, case and accents aside', () => {
    expect(ids('peertube')).toEqual(['h-peertube']);
    expect(ids('DERIVATION')).toEqual(['c-derivation']);
    expect(ids('cemea')).toEqual(['f-free']);
    expect(ids('dégooglisons')).toEqual(['s-capitole']);
  });

  it('matches formatted amounts and wording as shown', () => {
    expect(ids('10 000')).toEqual(['f-free']);
    expect(ids('non daté')).toEqual(['c-derivation', 'h-peertube', 'h-wiki']);
  });

  it('keeps every row for an empty or blank text', () => {
    expect(ids('')).toHaveLength(7);
    expect(ids('   ')).toHaveLength(7);
  });

  it('folds text the same way for cells and query', () => {
    expect(foldText('  La  Dérivation ')).toBe('la derivation');
    expect(foldText('10\u202f000\u00a0€')).toBe('10 000 €');
  });
});

describe('amount totals', () => {
  it('add up per currency, in cents', () => {
    const totals = amountTotals([
      { amount: 20000, currency: 'EUR' },
      { amount: 31000, currency: 'EUR' },
      { amount: 3000, currency: 'CAD' },
      { amount: 0.1, currency: 'USD' },
      { amount: 0.2, currency: 'USD' },
      { amount: null, currency: null },
    ]);
    expect(totals).toEqual([
      { currency: 'CAD', amount: 3000 },
      { currency: 'EUR', amount: 51000 },
      { currency: 'USD', amount: 0.3 },
    ]);
    expect(spaces(formatTotals(totals, fr, 'fr'))).toBe('Total : 3 000 $CA · 51 000 € · 0,30 $US');
    expect(formatTotals(totals, en, 'en')).toBe('Total: CA$3,000 · €51,000 · $0.30');
  });

  it('say nothing when no row has an amount', () => {
    expect(formatTotals(amountTotals([{ amount: null, currency: null }]), en, 'en')).toBe('');
  });
});

describe('the CSV export', () => {
  const rows = relationRows(GRAPH, ALL, 'fr');
  const pick = (...wanted: string[]) => rows.filter((r) => wanted.includes(r.id));

  it('starts with a UTF-8 byte-order mark and ends each record with CRLF', () => {
    const csv = toCsv(csvRecords(relationCsvColumns(fr), pick('f-free')));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n')).toHaveLength(3);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('writes names and slugs, ISO dates, plain amounts beside their currency, sections joined', () => {
    const csv = toCsv(csvRecords(relationCsvColumns(fr), pick('f-free', 'c-derivation')));
    expect(csv).toBe(
      '\ufeff' +
        'De,De (identifiant),Relation,Vers,Vers (identifiant),Logiciel,Logiciel (identifiant),Ressource,Rôle,' +
        "Montant,Devise,Depuis,Jusqu'à,Période,Description,Section du rapport,ID\r\n" +
        'Fondation Free,fondation-free,Financement,Framasoft,framasoft,,,,,10000,EUR,2018,,depuis 2018,' +
        '"Financement de la production du guide [RÉSOLU], en partenariat avec les CÉMÉA.",' +
        '[RÉSOLU] | Fondation Free,f-free\r\n' +
        'Framasoft,framasoft,Collaboration,La Dérivation,la-derivation,,,,,,,,,"non daté, attesté en 2020",' +
        '"Ateliers\nen ligne, ""contributopia""",,c-derivation\r\n',
    );
  });

  it('names the hosted software by name and slug', () => {
    const csv = toCsv(csvRecords(relationCsvColumns(fr), pick('h-peertube')));
    expect(csv.split('\r\n')[1]).toBe(
      'Framasoft,framasoft,Hébergement,Datagueule,datagueule,PeerTube,peertube,,,,,,,' +
        '"non daté, attesté en 2020",Hébergement et maintenance gracieuse de l\'instance PeerTube.,Datagueule,h-peertube',
    );
  });

  it('does not hand a spreadsheet a formula to run', () => {
    const csv = toCsv(csvRecords(relationCsvColumns(fr), pick('f-mozilla')));
    expect(csv.split('\r\n')[1]).toBe(
      'Mozilla,mozilla,Financement,Framasoft,framasoft,,,,,3000.5,USD,2019-12,2020-03,décembre 2019 – mars 2020,' +
        `"'=HYPERLINK(""x"")",,f-mozilla`,
    );
  });
});

describe('entity rows', () => {
  const rows = entityRows(GRAPH, { nodes: new Set(['framasoft', 'datagueule', 'peertube']), edges: ALL }, 'fr');

  it('list the entities shown by name, with the shown relations they keep', () => {
    expect(rows.map((r) => [r.name, r.kindLabel, r.categoryLabel, r.relations])).toEqual([
      ['Datagueule', 'Organisation', 'Média', 2],
      ['Framasoft', 'Organisation', 'Association', 5],
      ['PeerTube', 'Projet', 'Logiciel', 0],
    ]);
  });

  it('sort by relation count as numbers', () => {
    const sorted = sortRows(rows, entityColumns(fr), { key: 'relations', direction: 'descending' });
    expect(sorted.map((r) => r.slug)).toEqual(['framasoft', 'datagueule', 'peertube']);
  });

  it('export name, slug, kind, category and count', () => {
    expect(toCsv(csvRecords(entityCsvColumns(fr), rows.slice(0, 1)))).toBe(
      '\ufeffNom,Identifiant,Type,Catégorie,Relations\r\nDatagueule,datagueule,Organisation,Média,2\r\n',
    );
  });
});
