/**
 * The staff workspace in the map, driven as staff use it: Debian's Chromium, the real API with a
 * staff token from STAFF_TOKENS, the real Neo4j. Every write goes through the API's mutations and
 * shows on the map without a reload; the graph is put back as seeded afterwards.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportForServer } from '../../api/seed/report.js';
import { hashToken, parseStaffTokens } from '../../schema/auth.js';
import { restoreSeeds, useTestDatabase } from '../support/neo4j.js';
import { ARTIFACTS, chooseInSearch, DESKTOP, PHONE, useMap } from './harness.js';

const TOKEN = 'browser-staff-token-4f1c9a0e7d';
const staff = parseStaffTokens(`camille:editor:${hashToken(TOKEN)}`);
// The report is there, as in production: quotes are checked against it.
const map = useMap({ yoga: { staff, mutationsPerMinute: 10_000, report: reportForServer() } });
const db = useTestDatabase();

const TIMEOUT = 90_000;
const POLL = { timeout: 20_000 };

beforeAll(() => restoreSeeds(db), 300_000);
afterAll(async () => {
  // The history this file wrote goes too: an export after it would carry it as one more file.
  await db.write("MATCH (c:Change) WHERE c.actor = 'camille' DELETE c", {}, () => null);
  await restoreSeeds(db);
}, 300_000);

/** A GraphQL answer for staff (with the token), after checking it carries no error. */
async function asStaff<T>(query: string, variables: object = {}): Promise<T> {
  const response = await fetch(`${map.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data!;
}

async function entity(slug: string) {
  return (
    await map.graphql<{ entity: { summary: string | null; url: string | null; version: number } | null }>(
      'query ($slug: String!) { entity(slug: $slug) { summary url version } }',
      { slug },
    )
  ).entity;
}

/** The relations of `type` from `from`, by the slug of their other end. */
async function relationsFrom(from: string, type: string): Promise<string[]> {
  const data = await map.graphql<{ relations: { edges: { node: { to: { slug: string } } }[] } }>(
    'query ($from: String!, $types: [RelationType!]) { relations(from: $from, types: $types, first: 100) { edges { node { to { slug } } } } }',
    { from, types: [type] },
  );
  return data.relations.edges.map((e) => e.node.to.slug).sort();
}

/** Marks the page: the mark is gone after a reload, so its survival proves there was none. */
async function markPage(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { __noReload: boolean }).__noReload = true;
  });
}
const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload);

/** Whether the map's loaded graph holds a relation of `type` from `from` to `to`. */
const mapHasEdge = (page: Page, type: string, from: string, to: string) =>
  page.evaluate(
    ([type, from, to]) =>
      window.__archipel?.app.data.graph?.edges.some(
        (e) => e.type === type && e.from.slug === from && e.to.slug === to,
      ) ?? false,
    [type, from, to],
  );

async function signIn(page: Page) {
  await page.locator('.staff-bar .staff-sign-in').click();
  await page.getByLabel('Staff token').fill(TOKEN);
  await page.locator('.staff-sign-in-dialog button[type="submit"]').click();
  await expect.poll(() => page.locator('.staff-who').textContent(), POLL).toBe('Signed in as camille (editor)');
}

async function openSignedIn(search: string): Promise<Page> {
  const page = await map.open(search);
  await signIn(page);
  await page.locator('.details .staff-panel').waitFor();
  return page;
}

/** Screenshots at desktop and phone sizes, the phone one scrolled to `selector`. */
async function shoot(page: Page, name: string, selector: string) {
  await page.screenshot({ path: `${ARTIFACTS}${name}-desktop.png` });
  await page.setViewportSize(PHONE);
  await page.locator(selector).first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${ARTIFACTS}${name}-phone.png` });
  await page.setViewportSize(DESKTOP);
}

describe('staff workspace', { timeout: TIMEOUT }, () => {
  it('does an anonymous visitor see any edit control, or download the staff code?', async () => {
    const page = await map.context.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await map.open('?focus=picasoft', page);
    await page.locator('.details .relation-group').first().waitFor();
    expect(await page.locator('.staff-panel, .staff-edit, .staff-add-relation, .staff-delete').count()).toBe(0);
    expect(await page.locator('.staff-bar .staff-sign-in').textContent()).toBe('Staff sign-in');
    expect(scripts.filter((url) => /workspace/.test(url))).toEqual([]);
    await page.close();
  });

  it('can I sign in with my token, see who I am and my role, and sign out again?', async () => {
    const page = await map.open('?focus=picasoft');
    // A token the API does not know is refused plainly, and nothing is kept.
    await page.locator('.staff-bar .staff-sign-in').click();
    await page.getByLabel('Staff token').fill('not-a-staff-token');
    await page.locator('.staff-sign-in-dialog button[type="submit"]').click();
    await expect.poll(() => page.locator('.staff-sign-in-dialog [role="alert"]').textContent(), POLL).toMatch(/token/i);
    expect(await page.evaluate(() => sessionStorage.getItem('archipel.staffToken'))).toBeNull();
    await page.locator('.staff-sign-in-dialog .close').click();

    await signIn(page);
    expect(await page.evaluate(() => sessionStorage.getItem('archipel.staffToken'))).toBe(TOKEN);
    expect(page.url()).not.toContain(TOKEN);
    await page.locator('.details .staff-panel .staff-edit').waitFor();
    // In French too.
    await page.locator('.languages button[data-lang="fr"]').click();
    await expect.poll(() => page.locator('.staff-who').textContent(), POLL).toBe('Connecté·e : camille (rédaction)');
    expect(await page.locator('.details .staff-panel .staff-edit').textContent()).toBe('Modifier');
    await page.locator('.languages button[data-lang="en"]').click();
    await expect.poll(() => page.locator('.details .staff-panel .staff-edit').textContent(), POLL).toBe('Edit');
    // A reload keeps the tab signed in (sessionStorage), a sign-out forgets it.
    await page.reload();
    await expect.poll(() => page.locator('.staff-who').textContent(), POLL).toBe('Signed in as camille (editor)');
    await page.locator('.staff-sign-out').click();
    await page.locator('.staff-bar .staff-sign-in').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('archipel.staffToken'))).toBeNull();
    expect(await page.locator('.staff-panel').count()).toBe(0);
    await page.close();
  });

  it("can I edit Picasoft's summary in its panel and see it without a reload?", async () => {
    const page = await openSignedIn('?focus=picasoft');
    await markPage(page);
    await page.locator('.staff-panel .staff-edit').click();
    const form = page.locator('.staff-panel form.entity-form');
    await form.waitFor();
    expect(await form.getByLabel('Name', { exact: true }).inputValue()).toBe('Picasoft');
    expect(await form.getByLabel('Location').inputValue()).toBe('Compiègne');
    const summary = 'Hébergeur associatif de Compiègne, membre du collectif CHATONS.';
    await form.getByLabel('Summary').fill(summary);
    await form.getByLabel('Internal notes (staff only)').fill('Relu en réunion.');
    await shoot(page, 'staff-edit', '.staff-panel');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('.details .summary').textContent(), POLL).toBe(summary);
    expect(await page.locator('.staff-panel [role="status"]').textContent()).toBe('Saved.');
    expect((await entity('picasoft'))?.summary).toBe(summary);
    const notes = await asStaff<{ entity: { internalNotes: string } }>(
      '{ entity(slug: "picasoft") { internalNotes } }',
    );
    expect(notes.entity.internalNotes).toBe('Relu en réunion.');
    // Staff read the internal notes in the panel; the public panel has no place for them.
    await expect
      .poll(() => page.locator('.staff-panel .staff-internal-notes').textContent(), POLL)
      .toBe('Internal notes (staff only): Relu en réunion.');
    expect(await notReloaded(page)).toBe(true);
    await page.close();
  });

  it('can I add a relation citing a verbatim quote, and is one whose quote is not in the report refused clearly?', async () => {
    const page = await openSignedIn('?focus=picasoft');
    await markPage(page);
    expect(await relationsFrom('picasoft', 'COLLABORATION')).toEqual([]);

    await page.locator('.staff-panel .staff-add-relation').click();
    const form = page.locator('.staff-panel form.relation-form');
    await form.getByLabel('Relation type').selectOption('COLLABORATION');
    await chooseInSearch(page, '.staff-panel .staff-other-end', 'CEMEA', 'CEMEA');
    await form.getByLabel('Description').fill('Réalisation du projet [RÉSOLU].');
    await form.locator('select.source-section').selectOption('Autres actions menées en réseau');
    await form
      .locator('textarea.source-quote')
      .fill("Le projet [RÉSOLU] a été réalisé en collaboration avec les CÉMÉA et de l'association Picasoft");
    await expect.poll(() => form.locator('.quote-check').textContent(), POLL).toBe('Found verbatim in this section.');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('.staff-panel [role="status"]').textContent(), POLL).toBe('Relation created.');
    expect(await relationsFrom('picasoft', 'COLLABORATION')).toEqual(['cemea']);
    await expect
      .poll(() => page.locator('.details .relation-group[data-type="COLLABORATION"]').textContent(), POLL)
      .toContain('CEMEA');
    await expect.poll(() => mapHasEdge(page, 'COLLABORATION', 'picasoft', 'cemea'), POLL).toBe(true);

    // A quote the report does not hold: the form says so as it is typed, and the API refuses it.
    await page.locator('.staff-panel .staff-add-relation').click();
    await form.getByLabel('Relation type').selectOption('COLLABORATION');
    await chooseInSearch(page, '.staff-panel .staff-other-end', 'Framasoft', 'Framasoft');
    await form.locator('select.source-section').selectOption('Picasoft');
    await form.locator('textarea.source-quote').fill("Picasoft a financé Framasoft à hauteur d'un million d'euros.");
    await expect
      .poll(() => form.locator('.quote-check').textContent(), POLL)
      .toBe('Not found verbatim in the report. Check the quote, or cite another document (URL and title).');
    await form.locator('button[type="submit"]').click();
    await expect
      .poll(() => form.locator('[role="alert"]').textContent(), POLL)
      .toMatch(/sources\[0\]\.quote: not found verbatim/);
    expect(await relationsFrom('picasoft', 'COLLABORATION')).toEqual(['cemea']);
    expect(await notReloaded(page)).toBe(true);
    await page.close();
  });

  it('when someone else changed the entity meanwhile, do I see both versions and can I reapply my change?', async () => {
    const mine = await openSignedIn('?focus=picasoft');
    await mine.locator('.staff-panel .staff-edit').click();
    const form = mine.locator('.staff-panel form.entity-form');
    await form.getByLabel('Summary').fill('Ma version du résumé.');

    // Meanwhile, in a second tab, a colleague changes the summary and the website.
    const theirs = await openSignedIn('?focus=picasoft');
    await theirs.locator('.staff-panel .staff-edit').click();
    const other = theirs.locator('.staff-panel form.entity-form');
    await other.getByLabel('Summary').fill('Leur version du résumé.');
    await other.getByLabel('Website').fill('https://picasoft.net/');
    await other.locator('button[type="submit"]').click();
    await expect.poll(() => theirs.locator('.details .summary').textContent(), POLL).toBe('Leur version du résumé.');
    const changed = await entity('picasoft');
    expect(changed?.url).toBe('https://picasoft.net/');
    await theirs.close();

    await form.locator('button[type="submit"]').click();
    const conflict = mine.locator('.staff-conflict');
    await conflict.waitFor();
    expect(await conflict.locator('[role="alert"]').textContent()).toContain(
      `Version ${changed?.version} is now current`,
    );
    const row = (field: string) => conflict.locator(`tr[data-field="${field}"]`);
    expect(await row('summary').locator('td.mine').textContent()).toBe('Ma version du résumé.');
    expect(await row('summary').locator('td.current').textContent()).toBe('Leur version du résumé.');
    expect(await row('summary').getAttribute('class')).toBe('differs');
    expect(await row('url').locator('td.current').textContent()).toBe('https://picasoft.net/');
    expect(await row('name').getAttribute('class')).toBe('');
    // Nothing was overwritten silently.
    expect((await entity('picasoft'))?.summary).toBe('Leur version du résumé.');
    await shoot(mine, 'staff-conflict', '.staff-conflict');

    await conflict.getByRole('button', { name: 'Reapply my change on the current version' }).click();
    await expect.poll(() => mine.locator('.details .summary').textContent(), POLL).toBe('Ma version du résumé.');
    // My change went on top of theirs: their website stays.
    expect(await entity('picasoft')).toMatchObject({ summary: 'Ma version du résumé.', url: 'https://picasoft.net/' });
    await mine.close();
  });

  it('can I see what changed in the history, and restore a relation I deleted?', async () => {
    const page = await openSignedIn('?focus=picasoft');
    await markPage(page);
    await page.locator('.staff-panel .staff-history-toggle').click();
    const history = page.locator('.staff-panel .staff-history');
    await expect
      .poll(() => history.locator('.staff-change[data-action="UPDATE"]').count(), POLL)
      .toBeGreaterThanOrEqual(3);
    const latest = history.locator('.staff-change').first();
    expect(await latest.locator('.staff-change-line').textContent()).toContain('camille changed');
    expect(await latest.locator('tr[data-field="summary"] td.after').textContent()).toBe('Ma version du résumé.');
    expect(await latest.locator('tr[data-field="summary"] td.before').textContent()).toBe('Leur version du résumé.');

    // Open the relation added earlier, and delete it from its panel.
    await page
      .locator('.details .relation-group[data-type="COLLABORATION"] li.relation', { hasText: 'CEMEA' })
      .locator('.info')
      .click();
    await page.locator('.details .relation-details').waitFor();
    // Edited from its own panel first: only the field changed is sent.
    await page.locator('.staff-panel .staff-edit').click();
    const form = page.locator('.staff-panel form.relation-form');
    expect(await form.getByLabel('Description').inputValue()).toBe('Réalisation du projet [RÉSOLU].');
    await expect.poll(() => form.locator('.quote-check').textContent(), POLL).toBe('Found verbatim in this section.');
    await form.getByLabel('Description').fill('Réalisation commune du guide [RÉSOLU].');
    await form.locator('button[type="submit"]').click();
    await expect
      .poll(() => page.locator('.details .relation-details .description').textContent(), POLL)
      .toBe('Réalisation commune du guide [RÉSOLU].');
    await page.locator('.staff-panel .staff-delete').click();
    await page.locator('.staff-panel .staff-confirm').click();
    await expect.poll(() => relationsFrom('picasoft', 'COLLABORATION'), POLL).toEqual([]);
    await expect.poll(() => mapHasEdge(page, 'COLLABORATION', 'picasoft', 'cemea'), POLL).toBe(false);

    // Recent changes lists the deletion, with the fields the relation had, and restores it.
    await page.locator('.staff-recent-open').click();
    const deletion = page.locator(
      '.staff-dialog .staff-change[data-action="DELETE"][data-target="collaboration--picasoft--cemea"]',
    );
    await deletion.first().waitFor(POLL);
    expect(await deletion.first().locator('tr[data-field="description"] td.before').textContent()).toBe(
      'Réalisation commune du guide [RÉSOLU].',
    );
    await deletion.first().locator('.staff-restore').click();
    await expect.poll(() => deletion.first().locator('[role="status"]').textContent(), POLL).toBe('Restored.');
    expect(await relationsFrom('picasoft', 'COLLABORATION')).toEqual(['cemea']);
    await page.keyboard.press('Escape');
    await expect.poll(() => mapHasEdge(page, 'COLLABORATION', 'picasoft', 'cemea'), POLL).toBe(true);
    expect(await notReloaded(page)).toBe(true);
    await page.close();
  });

  it('can I delete an entity and bring it back with its relations?', async () => {
    const read = () =>
      map.graphql<{ search: { edges: { node: { slug: string; relations: { totalCount: number } } }[] } }>(
        '{ search(text: "métacartes", first: 1) { edges { node { slug relations { totalCount } } } } }',
      );
    const before = await read();
    expect(before.search.edges[0]?.node.slug).toBe('metacartes');
    const page = await openSignedIn('?focus=metacartes');
    await markPage(page);
    await page.locator('.staff-panel .staff-delete').click();
    await page.locator('.staff-panel .staff-confirm').click();
    await expect
      .poll(() => page.locator('.staff-notice').textContent(), POLL)
      .toContain('Entity “metacartes” deleted.');
    expect((await read()).search.edges.map((e) => e.node.slug)).not.toContain('metacartes');
    expect(new URL(page.url()).searchParams.get('focus')).toBeNull();

    await page.locator('.staff-notice .staff-restore').click();
    await expect.poll(() => page.locator('.staff-notice').textContent(), POLL).toBe('Restored.');
    expect(await read()).toEqual(before);
    expect(await notReloaded(page)).toBe(true);
    await page.close();
  });

  it('does a 20-row CSV with two bad rows show both in the dry run, write nothing until fixed, then all 20?', async () => {
    // Twenty people Framasoft has no ARCHIPELAGO relation with yet, each cited from the report.
    const { graph } = await map.graphql<{ graph: { nodes: { slug: string; kind: string }[] } }>(
      '{ graph { nodes { slug kind } } }',
    );
    const before = await relationsFrom('framasoft', 'ARCHIPELAGO');
    const people = graph.nodes
      .filter((n) => n.kind === 'PERSON' && !before.includes(n.slug))
      .map((n) => n.slug)
      .sort()
      .slice(0, 20);
    expect(people).toHaveLength(20);
    const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
    const csv = (rows: string[][]) => rows.map((row) => row.map(csvCell).join(',')).join('\n');
    const header = ['type', 'from', 'to', 'since', 'description', 'source_section', 'source_quote'];
    const rows = people.map((slug) => [
      'ARCHIPELAGO',
      'framasoft',
      slug,
      '2020',
      'Import de test.',
      'Picasoft',
      "L'association a été contributrice du guide [RÉSOLU].",
    ]);
    const bad = rows.map((row) => [...row]);
    bad[4]![2] = `${people[4]}x`; // line 6: an unknown slug, one letter off
    bad[11]![3] = '2020-13'; // line 13: no such month

    const page = await openSignedIn('?focus=framasoft');
    await markPage(page);
    await page.locator('.staff-import-open').click();
    const dialog = page.locator('.staff-dialog');
    await dialog.getByLabel('CSV file').setInputFiles({
      name: 'relations.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv([header, ...bad])),
    });
    await expect.poll(() => dialog.getByLabel('Or paste the rows').inputValue(), POLL).toContain(`${people[4]}x`);
    await dialog.locator('.import-check').click();
    const table = dialog.locator('.import-table');
    await table.waitFor(POLL);
    expect(await table.locator('tbody tr').count()).toBe(20);
    expect(
      await table.locator('tbody tr.error').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-line'))),
    ).toEqual(['6', '13']);
    expect(await table.locator('tr[data-line="6"] li[data-column="to"]').textContent()).toContain(
      `did you mean “${people[4]}”?`,
    );
    expect(await table.locator('tr[data-line="13"] li[data-column="since"]').count()).toBe(1);
    expect(await table.locator('tbody tr[data-action="CREATE"]').count()).toBe(18);
    expect(await dialog.locator('.staff-messages [role="alert"]').textContent()).toContain('2 with errors');
    await shoot(page, 'staff-import', '.staff-dialog .import-table');

    // Applying with the errors still there writes nothing.
    await dialog.locator('.import-apply').click();
    await expect
      .poll(() => dialog.locator('.staff-messages [role="alert"]').textContent(), POLL)
      .toBe('Nothing was written: 2 rows have errors.');
    expect(await relationsFrom('framasoft', 'ARCHIPELAGO')).toEqual(before);

    // Fixed, checked again, applied: all twenty at once.
    await dialog.getByLabel('Or paste the rows').fill(csv([header, ...rows]));
    await dialog.locator('.import-check').click();
    await expect.poll(() => table.locator('tbody tr[data-action="CREATE"]').count(), POLL).toBe(20);
    expect(await table.locator('tbody tr.error').count()).toBe(0);
    await dialog.locator('.import-apply').click();
    await expect
      .poll(() => dialog.locator('.staff-messages [role="status"]').textContent(), POLL)
      .toMatch(/^Applied: \d+ changes written in one transaction\.$/);
    expect(await relationsFrom('framasoft', 'ARCHIPELAGO')).toEqual([...before, ...people].sort());
    await expect.poll(() => mapHasEdge(page, 'ARCHIPELAGO', 'framasoft', people[19]!), POLL).toBe(true);
    expect(await notReloaded(page)).toBe(true);
    await page.close();
  });
});
