/**
 * The map in a real browser (Debian's Chromium, driven by playwright-core) against the API
 * serving the real seed graph. Each test opens its own page from a URL, as a visitor would.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData } from '../support/graphql.js';
import { PICASOFT_VIEW } from '../support/known-answers.js';
import { useTestDatabase } from '../support/neo4j.js';
import { type MapServer, startMapServer } from './server.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const TIMEOUT = 60_000;
const db = useTestDatabase();

/**
 * The whole map, read in Cypher apart from the API: every entity with a relation and every
 * software a HOSTING relation names; every relation.
 */
async function wholeMap(): Promise<{ nodes: string[]; relations: string[] }> {
  const nodes = await db.read(
    `MATCH (e:Entity)
     WHERE EXISTS { (e)--(:Entity) } OR EXISTS { MATCH ()-[h:HOSTING]->() WHERE h.software = e.slug }
     RETURN e.slug AS slug ORDER BY slug`,
    {},
    (r) => r.get('slug') as string,
  );
  const relations = await db.read(
    'MATCH (:Entity)-[r]->(:Entity) RETURN r.id AS id ORDER BY id',
    {},
    (r) => r.get('id') as string,
  );
  return { nodes, relations };
}

let server: MapServer;
let browser: Browser;
let context: BrowserContext;

interface EdgeInfo {
  id: string;
  type: string;
  since: string | null;
  until: string | null;
}

async function graphql<T>(query: string, variables: object = {}): Promise<T> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return expectData((await response.json()) as { data: T });
}

async function open(search = '', page?: Page): Promise<Page> {
  const tab = page ?? (await context.newPage());
  await tab.goto(`${server.url}/${search}`);
  await waitForMap(tab);
  return tab;
}

async function waitForMap(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const status = document.getElementById('app')?.dataset.status;
    return status === 'ready' || status === 'empty';
  });
}

const visibleNodes = (page: Page) =>
  page.evaluate(() => (window.__archipel?.cy?.nodes().filter((n) => n.visible()) ?? []).map((n) => n.id()).sort());

const visibleEdges = (page: Page): Promise<EdgeInfo[]> =>
  page.evaluate(() =>
    (window.__archipel?.cy?.edges().filter((e) => e.visible() && !e.data('derived')) ?? []).map((e) => ({
      id: e.id(),
      type: e.data('type') as string,
      since: e.data('since') as string | null,
      until: e.data('until') as string | null,
    })),
  );

const yearOf = (date: string | null) => (date ? Number(date.slice(0, 4)) : null);

/** The relation id in a relation's global id (`Relation:<TYPE>:<relation id>`, base64). */
const relationIdOf = (edge: { id: string }) => Buffer.from(edge.id, 'base64').toString('utf8').split(':').at(-1);
const relationIds = (edges: { id: string }[]) => edges.map(relationIdOf).sort();

async function chooseInSearch(page: Page, selector: string, text: string, name: string): Promise<void> {
  const input = page.locator(`${selector} input`);
  await input.fill(text);
  const option = page.locator(`${selector} [role="option"]`, { hasText: name }).first();
  await option.waitFor();
  await option.click();
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startMapServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    locale: 'en-GB',
    acceptDownloads: true,
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the map', { timeout: TIMEOUT }, () => {
  it('loads the real seed graph, Framasoft at its heart', async () => {
    const whole = await wholeMap();
    expect(whole.relations).toHaveLength(428);
    const page = await open();
    const nodes = await visibleNodes(page);
    expect(nodes).toHaveLength(whole.nodes.length);
    expect(nodes).toEqual(whole.nodes);
    const edges = relationIds(await visibleEdges(page));
    expect(edges).toHaveLength(whole.relations.length);
    expect(edges).toEqual(whole.relations);

    const heart = await page.evaluate(() => {
      const cy = window.__archipel?.cy;
      const position = cy?.$id('framasoft').renderedPosition();
      return { position, width: cy?.width(), height: cy?.height() };
    });
    expect(heart.width).toBeGreaterThan(0);
    expect(heart.height).toBeGreaterThan(0);
    expect(Math.abs(heart.position!.x - heart.width! / 2)).toBeLessThan(heart.width! * 0.05);
    expect(Math.abs(heart.position!.y - heart.height! / 2)).toBeLessThan(heart.height! * 0.05);
    await page.screenshot({ path: `${ARTIFACTS}map.png` });
    await page.close();
  });

  it("draws Picasoft's neighbourhood alone: its 4 entities and the 7 relations among them", async () => {
    const page = await open('?focus=picasoft&depth=1');
    expect(await visibleNodes(page)).toEqual([...PICASOFT_VIEW.nodes]);
    expect(relationIds(await visibleEdges(page))).toEqual([...PICASOFT_VIEW.relations]);
    const drawn = await page.evaluate(() => ({
      nodes: window.__archipel?.cy?.nodes().length,
      edges: window.__archipel?.cy?.edges().filter((e) => !e.data('derived')).length,
    }));
    expect(drawn).toEqual({ nodes: 4, edges: 7 });
    await page.close();
  });

  it('finds Picasoft by type-ahead and shows its details with a source quote', async () => {
    const page = await open();
    // Accent- and case-insensitive: "derivation" finds "La Dérivation".
    await page.locator('.main-search input').fill('derivation');
    await page.locator('.main-search [role="option"]', { hasText: 'La Dérivation' }).first().waitFor();

    await chooseInSearch(page, '.main-search', 'picaso', 'Picasoft');
    const details = page.locator('.details');
    await expect.poll(() => details.locator('h2').textContent()).toBe('Picasoft');
    const quote = details.locator('.source blockquote').first();
    await quote.waitFor();
    expect((await quote.textContent())?.length).toBeGreaterThan(10);
    expect(await details.locator('.source figcaption').first().textContent()).toMatch(/section/);
    expect(page.url()).toContain('focus=picasoft');

    // The neighbourhood is lit and the rest fades.
    const lit = await page.evaluate(() => {
      const cy = window.__archipel?.cy;
      return {
        focus: cy?.$id('picasoft').hasClass('focus'),
        neighbourLit: cy?.$id('chatons').hasClass('highlighted'),
        strangerFaded: cy?.$id('la-coalition').hasClass('faded'),
      };
    });
    expect(lit).toEqual({ focus: true, neighbourLit: true, strangerFaded: true });

    // A neighbour in the panel moves the focus there.
    await details.locator('.entity-link[data-slug="chatons"]').first().click();
    await expect.poll(() => details.locator('h2').textContent()).toBe('CHATONS');
    await page.screenshot({ path: `${ARTIFACTS}map-focus.png` });
    await page.close();
  });

  it('filters relations by type from the legend', async () => {
    const page = await open();
    const before = await visibleEdges(page);
    const memberships = before.filter((e) => e.type === 'MEMBERSHIP').length;
    // The 33 MEMBERSHIP relations of the seed files.
    expect(memberships).toBe(33);
    await page.locator('.legend input[value="MEMBERSHIP"]').uncheck();
    await expect.poll(async () => (await visibleEdges(page)).length).toBe(before.length - memberships);
    expect((await visibleEdges(page)).some((e) => e.type === 'MEMBERSHIP')).toBe(false);
    expect(new URL(page.url()).searchParams.get('types')?.split(',')).not.toContain('MEMBERSHIP');
    await page.close();
  });

  it('shows the archipelago as it was in a given year', async () => {
    const page = await open();
    const before = await visibleEdges(page);
    await page.locator('.year input[type="checkbox"]').check();
    await page.locator('.year input[type="range"]').fill('2016');
    await expect.poll(() => page.evaluate(() => window.__archipel?.state.year)).toBe(2016);
    const after = await visibleEdges(page);
    expect(after.length).toBeGreaterThan(0);
    expect(after.length).toBeLessThan(before.length);
    for (const edge of after) {
      expect(yearOf(edge.since) ?? 0).toBeLessThanOrEqual(2016);
      expect(yearOf(edge.until) ?? 9999).toBeGreaterThanOrEqual(2016);
    }
    // The GraphQL view behind it (`activeIn`) returns the same relations.
    const api = await graphql<{ graph: { edges: { id: string }[] } }>(
      'query($y: Int) { graph(activeIn: $y) { edges { id } } }',
      { y: 2016 },
    );
    expect(after.map((e) => e.id).sort()).toEqual(api.graph.edges.map((e) => e.id).sort());

    const link = new URL((await page.locator('.graphql-link').getAttribute('href')) ?? '', page.url());
    expect(link.pathname).toBe('/graphql');
    expect(link.searchParams.get('query')).toContain('graph(types: $types, kinds: $kinds, activeIn: $activeIn');
    expect(JSON.parse(link.searchParams.get('variables') ?? '{}')).toMatchObject({ activeIn: 2016 });
    await page.close();
  });

  it('highlights the shortest path between two entities', async () => {
    const api = await graphql<{ path: { id: string }[] | null }>(
      '{ path(from: "picasoft", to: "la-coalition") { id } }',
    );
    // Picasoft — Framasoft — L.A. Coalition.
    expect(api.path).toHaveLength(2);
    const page = await open();
    await chooseInSearch(page, '.path-from', 'Picasoft', 'Picasoft');
    await chooseInSearch(page, '.path-to', 'coalition', 'L.A. Coalition');
    await page.locator('.path-steps').waitFor();
    const onPath = await page.evaluate(() => {
      const cy = window.__archipel?.cy;
      return {
        edges: (cy?.edges('.path') ?? []).map((e) => e.id()).sort(),
        nodes: (cy?.nodes('.path') ?? []).map((n) => n.id()),
        faded: cy?.$id('chatons').hasClass('faded'),
      };
    });
    expect(onPath.edges).toEqual(api.path!.map((r) => r.id).sort());
    expect(onPath.nodes).toEqual(expect.arrayContaining(['picasoft', 'la-coalition']));
    expect(onPath.faded).toBe(true);
    expect(page.url()).toMatch(/from=picasoft&to=la-coalition/);
    await page.screenshot({ path: `${ARTIFACTS}map-path.png` });
    await page.close();
  });

  it('restores the view from the URL on reload, and walks history with back/forward', async () => {
    const page = await open();
    await chooseInSearch(page, '.main-search', 'Picasoft', 'Picasoft');
    await page.locator('.legend input[value="SPEAKS_AT"]').uncheck();
    await page.locator('.year input[type="checkbox"]').check();
    await page.locator('.year input[type="range"]').fill('2019');
    await expect.poll(() => page.evaluate(() => window.__archipel?.state.year)).toBe(2019);
    const url = page.url();
    const state = await page.evaluate(() => window.__archipel?.state);
    const edges = (await visibleEdges(page)).map((e) => e.id).sort();

    await page.reload();
    await waitForMap(page);
    expect(page.url()).toBe(url);
    expect(await page.evaluate(() => window.__archipel?.state)).toEqual(state);
    expect((await visibleEdges(page)).map((e) => e.id).sort()).toEqual(edges);
    expect(await page.locator('.legend input[value="SPEAKS_AT"]').isChecked()).toBe(false);
    expect(await page.locator('.year input[type="range"]').inputValue()).toBe('2019');
    await expect.poll(() => page.locator('.details h2').textContent()).toBe('Picasoft');

    // History holds one step per action: slider moved, year filter switched on, type unchecked.
    const year = () => page.evaluate(() => window.__archipel?.state.year);
    await page.goBack();
    await expect.poll(year).toBe(2020);
    await page.goBack();
    await expect.poll(year).toBeNull();
    expect(await page.locator('.year input[type="checkbox"]').isChecked()).toBe(false);
    await page.goForward();
    await page.goForward();
    await expect.poll(year).toBe(2019);
    expect(await page.locator('.year input[type="range"]').inputValue()).toBe('2019');
    await page.close();
  });

  it('lists the same entities and relations as the canvas', async () => {
    const page = await open('?year=2019&kinds=ORGANISATION,PROJECT');
    const nodes = await visibleNodes(page);
    const edges = (await visibleEdges(page)).map((e) => e.id).sort();
    expect(nodes.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'List', exact: true }).click();
    await page.locator('.entities-table').waitFor();
    const rows = await page
      .locator('.entities-table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-slug') ?? '').sort());
    expect(rows).toEqual(nodes);
    const relationRows = await page
      .locator('.relations-table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-relation') ?? '').sort());
    expect(relationRows).toEqual(edges);
    // Keyboard: an entity is reachable and opens its details.
    await page.locator('.entities-table tbody tr th button').first().focus();
    await page.keyboard.press('Enter');
    await page.locator('.details h2').waitFor();
    expect(page.url()).toContain('view=list');
    await page.close();
  });

  it('says so, and offers a retry, when the API cannot be reached', async () => {
    const page = await context.newPage();
    // Every GraphQL request, POST or a persisted GET with its query string.
    const graphql = (url: URL) => url.pathname.endsWith('/graphql');
    await page.route(graphql, (route) => route.abort('connectionrefused'));
    await page.goto(`${server.url}/`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('cannot be reached');
    expect(await page.evaluate(() => document.getElementById('app')?.dataset.status)).toBe('unreachable');
    await page.screenshot({ path: `${ARTIFACTS}map-api-down.png` });
    await page.unroute(graphql);
    await alert.getByRole('button', { name: 'Retry' }).click();
    await waitForMap(page);
    expect(await visibleNodes(page)).toEqual((await wholeMap()).nodes);
    await page.close();
  });

  it('speaks French to a French browser, and switches language', async () => {
    const french = await browser.newContext({ locale: 'fr-FR' });
    const page = await open('', await french.newPage());
    expect(await page.getByRole('button', { name: 'Liste', exact: true }).count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.getByRole('button', { name: 'List', exact: true }).count()).toBe(1);
    expect(page.url()).toContain('lang=en');
    await french.close();
  });

  it('embeds without chrome and exports the view as PNG', async () => {
    const embedded = await open('?embed=1');
    expect(await embedded.locator('.toolbar').isVisible()).toBe(false);
    expect(await embedded.locator('.embed-link').isVisible()).toBe(true);
    expect(await visibleNodes(embedded)).toEqual((await wholeMap()).nodes);
    await embedded.close();

    const page = await open();
    const canvas = await page.evaluate(() => ({
      width: window.__archipel?.cy?.width(),
      height: window.__archipel?.cy?.height(),
    }));
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.export-png').click()]);
    expect(download.suggestedFilename()).toBe('archipel.png');
    const png = readFileSync((await download.path())!);
    // The PNG signature, then the IHDR chunk: the view at twice its size on screen.
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(canvas.width).toBeGreaterThan(0);
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({
      width: 2 * canvas.width!,
      height: 2 * canvas.height!,
    });
    // A drawn map of 300 entities, not an empty canvas (an empty white one compresses to ~10 kB).
    expect(png.length).toBeGreaterThan(100_000);
    await page.close();
  });
});
