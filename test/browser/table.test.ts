/**
 * The list view's tables as the staff use them, in a real browser (Debian's Chromium, driven by
 * playwright-core) against the API serving the real seed graph: every field of a relation,
 * sorting, the text filter, amount totals and the CSV download. Expected values are the
 * report's, read from seeds/*.yaml.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, PHONE, useMap } from './harness.js';

const TIMEOUT = 60_000;

const map = useMap();

interface TableRow {
  id: string;
  /** Cell text by column key (`data-column` of the header above it). */
  cells: Record<string, string>;
}

/** Opens the list view at `search` and waits for its relations table. */
async function openList(search: string, page?: Page): Promise<Page> {
  const tab = await map.open(search, page);
  await tab.locator('.relations-table').waitFor();
  return tab;
}

function readRows(page: Page, table = '.relations-table'): Promise<TableRow[]> {
  return page.locator(table).evaluate((element) => {
    const keys = [...element.querySelectorAll('thead th')].map((th) => th.getAttribute('data-column') ?? '');
    return [...element.querySelectorAll('tbody tr')].map((tr) => ({
      id: tr.getAttribute('data-relation') ?? tr.getAttribute('data-slug') ?? '',
      cells: Object.fromEntries([...tr.children].map((cell, i) => [keys[i], cell.textContent?.trim() ?? ''])),
    }));
  });
}

const filterInput = (page: Page, table = 'list-relations') =>
  page.locator(`.data-table[aria-labelledby="${table}"] .table-filter-input`);

const sortButton = (page: Page, name: string, table = '.relations-table') =>
  page.locator(table).getByRole('button', { name, exact: true });

const ariaSort = (page: Page, column: string, table = '.relations-table') =>
  page.locator(`${table} thead th[data-column="${column}"]`).getAttribute('aria-sort');

const summary = (page: Page, table = '.relations-table') =>
  page.locator(`${table} caption [aria-live]`).evaluate((el) => el.textContent?.replace(/\s/g, ' ') ?? '');

/** RFC 4180 as a spreadsheet reads it: records end with CRLF, quoted fields may hold anything. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
    } else field += c;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

describe('the relations table', { timeout: TIMEOUT }, () => {
  it("tells Framasoft's two hosting rows for Datagueule apart: PeerTube and the wiki", async () => {
    const page = await openList('?view=list&types=HOSTING');
    const datagueule = (await readRows(page)).filter((r) => r.cells.to === 'Datagueule');
    expect(datagueule.map((r) => [r.cells.from, r.cells.type, r.cells.subject, r.cells.description])).toEqual([
      ['Framasoft', 'Hosting', 'PeerTube', "Hébergement et maintenance gracieuse de l'instance PeerTube."],
      ['Framasoft', 'Hosting', 'wiki', 'Hébergement et maintenance gracieuse du wiki.'],
    ]);
    // Undated in the report: attested by the 2020 report, not true "always".
    expect(datagueule.map((r) => r.cells.period)).toEqual(['undated, attested 2020', 'undated, attested 2020']);
    expect(datagueule.map((r) => r.cells.sources)).toEqual(['Datagueule', 'Datagueule']);
    await page.close();
  });

  it("shows PeerTube on Framasoft's PeerTube hosting rows", async () => {
    const page = await openList('?view=list&types=HOSTING');
    expect(await summary(page)).toBe('11 relations shown (of 11)');
    await filterInput(page).fill('peertube');
    await expect.poll(() => summary(page)).toBe('4 relations shown (of 11)');
    const rows = await readRows(page);
    expect(rows.map((r) => [r.cells.from, r.cells.to, r.cells.subject])).toEqual([
      ['Framasoft', 'Datagueule', 'PeerTube'],
      ['Framasoft', 'Free Software Foundation', 'PeerTube · compte et vidéos sur Framatube'],
      ['Framasoft', 'ImagoTV', 'PeerTube · serveur informatique'],
      ['Framasoft', 'Thinkerview', 'PeerTube'],
    ]);
    // The hosted software is an entity one click away.
    await page.locator('.relations-table tbody tr').first().locator('.entity-link[data-slug="peertube"]').click();
    await expect.poll(() => page.locator('.details h2').textContent()).toBe('PeerTube');

    // Case and accents aside; a text no row holds says so.
    await filterInput(page).fill('HEBERGEMENT ET MAINTENANCE GRACIEUSE');
    await expect.poll(() => summary(page)).toBe('3 relations shown (of 11)');
    expect((await readRows(page)).map((r) => r.cells.to)).toEqual(['Datagueule', 'Datagueule', 'Thinkerview']);
    await filterInput(page).fill('zzz');
    const empty = page.locator('.data-table[aria-labelledby="list-relations"] .table-empty');
    await expect.poll(() => empty.isVisible()).toBe(true);
    expect(await empty.textContent()).toBe('No row contains “zzz”.');
    expect(await readRows(page)).toEqual([]);
    await page.close();
  });

  it('shows funding rows with their amounts, sorted by amount, and the total adds up', async () => {
    const api = await map.graphql<{ graph: { edges: { amount: number | null; currency: string | null }[] } }>(
      '{ graph(types: [FUNDING]) { edges { amount currency } } }',
    );
    expect(api.graph.edges).toHaveLength(17);
    const page = await openList('?view=list&types=FUNDING');
    expect(await summary(page)).toBe('17 relations shown (of 17) · Total: €1,834,747');
    expect(await page.getByRole('table', { name: /17 relations shown/ }).count()).toBe(1);

    // Keyboard: the column header is a button; Enter sorts ascending, again descending.
    await sortButton(page, 'Amount').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => ariaSort(page, 'amount')).toBe('ascending');
    const ascending = await readRows(page);
    expect(ascending.slice(0, 2).map((r) => [r.cells.from, r.cells.amount])).toEqual([
      ['Direction départementale de la jeunesse, des sports et de la cohésion sociale du Rhône', '€4,000'],
      ['Framasoft', '€5,000'],
    ]);
    await page.keyboard.press('Enter');
    await expect.poll(() => ariaSort(page, 'amount')).toBe('descending');
    expect(await ariaSort(page, 'from')).toBeNull();

    const rows = await readRows(page);
    expect(rows.map((r) => [r.cells.from, r.cells.to, r.cells.amount])).toEqual([
      ['Donateur·ices de Framasoft', 'Framasoft', '€667,135'],
      ['Donateur·ices de Framasoft', 'Framasoft', '€561,617'],
      ['Donateur·ices de Framasoft', 'Framasoft', '€457,778'],
      ['Donateur·ices de Framasoft', 'PeerTube', '€68,217'],
      ['Donateur·ices de Framasoft', 'WebRTC & 2FA', '€31,000'],
      ["Fondation Charles Leopold Meyer pour le Progrès de l'Homme", 'Framasoft', '€20,000'],
      ['Debian', 'PeerTube', '€10,000'],
      ['Fondation Free', 'Framasoft', '€10,000'],
      ['Framasoft', 'Pytition', '€5,000'],
      ['Direction départementale de la jeunesse, des sports et de la cohésion sociale du Rhône', 'Framasoft', '€4,000'],
      // No amount in the report: last, whichever the direction.
      ['Donateur·ices de Framasoft', 'Mobilizon', ''],
      ['fondation Afnic', 'Mooc CHATONS', ''],
      ['Fondation Free', '[RÉSOLU]', ''],
      ['Framasoft', 'CHATONS', ''],
      ['Framasoft', 'Fédithèse', ''],
      ['Framasoft', 'Métacartes', ''],
      ['Framasoft', 'Pytition', ''],
    ]);
    expect(rows[5]?.cells.period).toBe('2018 – 2020');

    // Totals are those of the rows shown.
    await filterInput(page).fill('fondation');
    await expect.poll(() => summary(page)).toBe('4 relations shown (of 17) · Total: €30,000');
    await page.close();
  });

  it('keeps its sort and filter when the map filters change', async () => {
    const page = await openList('?view=list&types=FUNDING');
    await filterInput(page).fill('fondation');
    await sortButton(page, 'Amount').click();
    await sortButton(page, 'Amount').click();
    await expect.poll(() => ariaSort(page, 'amount')).toBe('descending');
    await page.evaluate(() => window.__archipel?.app.setState({ types: ['FUNDING', 'HOSTING'] }, 'push'));
    // The hosting row joins through its source, the report's section "FSF – Free Software Fondation".
    await expect.poll(() => summary(page)).toBe('5 relations shown (of 28) · Total: €30,000');
    expect(await filterInput(page).inputValue()).toBe('fondation');
    expect(await ariaSort(page, 'amount')).toBe('descending');
    expect((await readRows(page)).map((r) => [r.cells.type, r.cells.to, r.cells.amount])).toEqual([
      ['Funding', 'Framasoft', '€20,000'],
      ['Funding', 'Framasoft', '€10,000'],
      ['Funding', 'Mooc CHATONS', ''],
      ['Funding', '[RÉSOLU]', ''],
      ['Hosting', 'Free Software Foundation', ''],
    ]);
    await page.close();
  });

  it('downloads as CSV exactly the rows shown, in their order, French accents intact', async () => {
    const french = await map.browser.newContext({ locale: 'fr-FR', acceptDownloads: true });
    const page = await openList('?view=list&types=FUNDING&lang=fr', await french.newPage());
    await sortButton(page, 'Montant').click();
    await sortButton(page, 'Montant').click();
    await expect.poll(() => ariaSort(page, 'amount')).toBe('descending');
    const shown = await readRows(page);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger en CSV' }).last().click(),
    ]);
    expect(download.suggestedFilename()).toBe('archipel-relations.csv');
    const bytes = readFileSync((await download.path()) as string);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...records] = parseCsv(bytes.toString('utf8').slice(1));
    expect(header).toEqual([
      'De',
      'De (identifiant)',
      'Relation',
      'Vers',
      'Vers (identifiant)',
      'Logiciel',
      'Logiciel (identifiant)',
      'Ressource',
      'Rôle',
      'Montant',
      'Devise',
      'Depuis',
      "Jusqu'à",
      'Période',
      'Description',
      'Section du rapport',
      'ID',
    ]);
    expect(records.slice(0, 2)).toEqual([
      [
        'Donateur·ices de Framasoft',
        'donateur-ices-de-framasoft',
        'Financement',
        'Framasoft',
        'framasoft',
        '',
        '',
        '',
        '',
        '667135',
        'EUR',
        '2020',
        '2020',
        '2020',
        '« donations et collectes » : 93,5 % des ressources de 2020 (713 695 €), collecte PeerTube v3 (68 217 €) et dons pour PeerTube compris',
        'Produits',
        shown[0]?.id,
      ],
      [
        'Donateur·ices de Framasoft',
        'donateur-ices-de-framasoft',
        'Financement',
        'Framasoft',
        'framasoft',
        '',
        '',
        '',
        '',
        '561617',
        'EUR',
        '2019',
        '2019',
        '2019',
        '« donations et collectes » de 2019 (ressources de 2019 : 574 000 €)',
        'Produits',
        shown[1]?.id,
      ],
    ]);

    // Row by row, the file says what the table says, in the same order.
    const col = (name: string) => header?.indexOf(name) ?? -1;
    expect(records.map((r) => r[col('ID')])).toEqual(shown.map((r) => r.id));
    for (const [i, record] of records.entries()) {
      const cells = shown[i]?.cells ?? {};
      expect(record[col('De')]).toBe(cells.from);
      expect(record[col('Relation')]).toBe(cells.type);
      expect(record[col('Vers')]).toBe(cells.to);
      expect([record[col('Logiciel')], record[col('Ressource')]].filter(Boolean).join(' · ')).toBe(cells.subject);
      expect(record[col('Rôle')]).toBe(cells.role);
      expect(record[col('Montant')]).toBe(cells.amount?.replace(/\D/g, ''));
      expect(record[col('Devise')]).toBe(cells.amount ? 'EUR' : '');
      expect(record[col('Période')]).toBe(cells.period);
      expect(record[col('Description')]).toBe(cells.description);
      expect(record[col('Section du rapport')]).toBe(cells.sources);
    }

    // Filtered: only what is shown goes in the file.
    await filterInput(page).fill('fondation');
    await expect.poll(async () => (await readRows(page)).length).toBe(4);
    const [filtered] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger en CSV' }).last().click(),
    ]);
    const filteredRecords = parseCsv(readFileSync((await filtered.path()) as string, 'utf8').slice(1)).slice(1);
    expect(filteredRecords.map((r) => r[0])).toEqual([
      "Fondation Charles Leopold Meyer pour le Progrès de l'Homme",
      'Fondation Free',
      'fondation Afnic',
      'Fondation Free',
    ]);
    await french.close();
  });

  it('looks right on a desktop and on a phone', async () => {
    const page = await openList('?view=list&types=FUNDING');
    const toRelations = () => page.locator('#list-relations').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await toRelations();
    await page.screenshot({ path: `${ARTIFACTS}table-funding.png` });
    await page.setViewportSize(PHONE);
    await toRelations();
    await page.screenshot({ path: `${ARTIFACTS}table-funding-phone.png` });
    // On a phone the table scrolls sideways inside its box; the page itself does not.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });
});

describe('the entities table', { timeout: TIMEOUT }, () => {
  it('answers "who has the most relations?" by sorting the Relations column', async () => {
    const page = await openList('?view=list');
    await sortButton(page, 'Relations', '.entities-table').click();
    await sortButton(page, 'Relations', '.entities-table').click();
    await expect.poll(() => ariaSort(page, 'relations', '.entities-table')).toBe('descending');
    const rows = await readRows(page, '.entities-table');
    expect(rows[0]?.cells.name).toBe('Framasoft');
    const counts = rows.map((r) => Number(r.cells.relations));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    await filterInput(page, 'list-entities').fill('derivation');
    await expect
      .poll(async () => (await readRows(page, '.entities-table')).map((r) => r.cells.name))
      .toEqual(['La Dérivation']);
    await page.close();
  });
});
