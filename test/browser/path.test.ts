/**
 * The path finder and the toolbar's search box in a real browser (Debian's Chromium, driven by
 * playwright-core) against the API serving the real seed graph. The pairs of entities are not
 * guessed: each test first finds or checks them through GraphQL or Cypher.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/neo4j.js';
import { ARTIFACTS, chooseInSearch, useMap } from './harness.js';

const TIMEOUT = 60_000;

const db = useTestDatabase();
const map = useMap();

const PATHS = `query($from: String!, $to: String!, $maxLength: Int, $avoid: [String!]) {
  path(from: $from, to: $to, maxLength: $maxLength, avoid: $avoid) { id from { slug } to { slug } }
  paths(from: $from, to: $to, maxLength: $maxLength, avoid: $avoid, first: 20) { relations { id } }
}`;
interface PathsAnswer {
  path: { id: string; from: { slug: string }; to: { slug: string } }[] | null;
  paths: { relations: { id: string }[] }[];
}

const pathEdges = (page: Page) =>
  page.evaluate(() => (window.__archipel?.cy?.edges('.path') ?? []).map((e) => e.id()).sort());

const resultText = (page: Page) => page.locator('.path-result').innerText();

/** A neighbour of `slug` the visitor can click: on screen, uncovered, with the map at rest. */
async function neighbourOnScreen(
  page: Page,
  slug: string,
): Promise<{ slug: string; name: string; x: number; y: number }> {
  const read = () =>
    page.evaluate((id) => {
      const cy = window.__archipel?.cy;
      const box = cy?.container()?.getBoundingClientRect();
      if (!cy || !box || cy.animated()) return null;
      for (const node of cy.$id(id).neighborhood('node:visible')) {
        const at = node.renderedPosition();
        const x = Math.round(box.left + at.x);
        const y = Math.round(box.top + at.y);
        if (cy.container()?.contains(document.elementFromPoint(x, y))) {
          return { slug: node.id(), name: node.data('label') as string, x, y };
        }
      }
      return null;
    }, slug);
  let last = '';
  await expect
    .poll(async () => {
      const now = JSON.stringify(await read());
      const settled = now !== 'null' && now === last;
      last = now;
      return settled;
    })
    .toBe(true);
  return JSON.parse(last) as { slug: string; name: string; x: number; y: number };
}

describe('the path finder', { timeout: TIMEOUT }, () => {
  it('says plainly when there is no chain within N steps', async () => {
    // Two real entities two steps apart: nothing within one step, and that is not an error.
    const within1 = await map.graphql<PathsAnswer>(PATHS, { from: 'picasoft', to: 'la-coalition', maxLength: 1 });
    expect(within1).toEqual({ path: null, paths: [] });
    const within4 = await map.graphql<PathsAnswer>(PATHS, { from: 'picasoft', to: 'la-coalition', maxLength: 4 });
    expect(within4.path?.length).toBe(2);

    const page = await map.open('?from=picasoft&to=la-coalition&pathMax=1');
    await expect.poll(() => resultText(page)).toContain('No chain within 1 step.');
    expect(await page.locator('.path-from input').inputValue()).toBe('Picasoft');
    expect(await page.locator('.path-to input').inputValue()).toBe('L.A. Coalition');
    expect(await page.locator('.path-max').inputValue()).toBe('1');
    expect(await page.locator('.path-result').innerText()).not.toMatch(/not found|no entity|error/i);
    expect(await page.locator('.path-steps').isVisible()).toBe(false);
    expect(await pathEdges(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}path-none.png` });

    // One more step allowed: the chain the API gives is drawn, and the URL and GraphQL link say so.
    await page.locator('.path-max').selectOption('2');
    await page.locator('.path-steps').waitFor();
    await expect.poll(() => pathEdges(page)).toEqual((within4.path ?? []).map((r) => r.id).sort());
    expect(page.url()).toMatch(/from=picasoft&to=la-coalition&pathMax=2/);
    const link = new URL((await page.locator('.graphql-link').getAttribute('href')) ?? '', page.url());
    expect(link.searchParams.get('query')).toContain(
      'paths(from: $from, to: $to, maxLength: $maxLength, avoid: $avoid',
    );
    expect(JSON.parse(link.searchParams.get('variables') ?? '{}')).toMatchObject({
      from: 'picasoft',
      to: 'la-coalition',
      maxLength: 2,
    });
    await page.close();
  });

  it('choosing the same entity twice clears the old result', async () => {
    const page = await map.open();
    await chooseInSearch(page, '.path-from', 'Picasoft', 'Picasoft');
    await chooseInSearch(page, '.path-to', 'coalition', 'L.A. Coalition');
    await page.locator('.path-steps').waitFor();
    expect((await pathEdges(page)).length).toBeGreaterThan(0);

    await chooseInSearch(page, '.path-to', 'Picasoft', 'Picasoft');
    await expect.poll(() => resultText(page)).toBe('Both ends are the same entity: Picasoft.');
    expect(await page.locator('.path-steps').isVisible()).toBe(false);
    expect(await page.locator('.path-steps li').count()).toBe(0);
    expect(await pathEdges(page)).toEqual([]);
    expect(page.url()).toMatch(/from=picasoft&to=picasoft/);
    // Back brings the earlier chain again.
    await page.goBack();
    await page.locator('.path-steps').waitFor();
    expect(await page.locator('.path-to input').inputValue()).toBe('L.A. Coalition');
    await page.close();
  });

  it('avoiding Framasoft finds a chain between two partners through others', async () => {
    // Two partners of Framasoft that are not related to each other, the closest such pair
    // once Framasoft is left out: read from Neo4j, independently of the API.
    const [pair] = await db.read(
      `MATCH (hub:Entity {slug: 'framasoft'})--(a:Organisation), (hub)--(b:Organisation)
       WHERE a.slug < b.slug AND NOT EXISTS { (a)--(b) }
       WITH DISTINCT a, b
       MATCH p = shortestPath((a)-[*..4]-(b))
       WHERE none(n IN nodes(p) WHERE n.slug = 'framasoft')
       RETURN a.slug AS from, b.slug AS to, length(p) AS length
       ORDER BY length, from, to
       LIMIT 1`,
      {},
      (r) => ({ from: r.get('from') as string, to: r.get('to') as string, length: Number(r.get('length')) }),
    );
    expect(pair).toBeDefined();
    if (!pair) return;
    expect(pair.length).toBeGreaterThanOrEqual(2);
    const through = await map.graphql<PathsAnswer>(PATHS, { from: pair.from, to: pair.to });
    // With the hub allowed, the shortest chain is the two steps through it.
    expect(through.path?.length).toBe(2);

    const page = await map.open(`?from=${pair.from}&to=${pair.to}`);
    await page.locator('.path-steps').waitFor();
    expect(await page.locator('.path-steps .entity-link[data-slug="framasoft"]').count()).toBe(1);
    expect(await page.locator('.path-avoid').isChecked()).toBe(false);

    await page.locator('.path-avoid').check();
    await expect.poll(() => page.url()).toContain('avoid=framasoft');
    await expect.poll(() => page.locator('.path-steps .relation-link').count()).toBe(pair.length);
    expect(await page.locator('.path-steps .entity-link[data-slug="framasoft"]').count()).toBe(0);
    const around = await map.graphql<PathsAnswer>(PATHS, { from: pair.from, to: pair.to, avoid: ['framasoft'] });
    expect(around.path?.length).toBe(pair.length);
    expect(await pathEdges(page)).toEqual((around.paths[0]?.relations ?? []).map((r) => r.id).sort());
    const link = new URL((await page.locator('.graphql-link').getAttribute('href')) ?? '', page.url());
    expect(JSON.parse(link.searchParams.get('variables') ?? '{}')).toMatchObject({ avoid: ['framasoft'] });

    // Framasoft at one end: there is nothing to go round.
    const hubEnd = await map.open(`?from=framasoft&to=${pair.to}`);
    expect(await hubEnd.locator('.path-avoid').isDisabled()).toBe(true);
    await hubEnd.close();
    await page.close();
  });

  it('shows each of several equally short chains, "1 of K"', async () => {
    // A pair with tied shortest chains, found through the API's own `paths`.
    const candidates = ['cemea', 'colibris', 'facil', 'framabook', 'angie-gaudion'];
    let tie: { to: string; chains: string[][] } | null = null;
    for (const to of candidates) {
      const answer = await map.graphql<PathsAnswer>(PATHS, { from: 'picasoft', to });
      if (answer.paths.length > 1) {
        tie = { to, chains: answer.paths.map((p) => p.relations.map((r) => r.id).sort()) };
        break;
      }
    }
    expect(tie).not.toBeNull();
    if (!tie) return;
    const page = await map.open(`?from=picasoft&to=${tie.to}`);
    const counter = page.locator('.path-choice-text');
    await expect.poll(() => counter.textContent()).toBe(`1 of ${tie.chains.length}`);
    await expect.poll(() => pathEdges(page)).toEqual(tie.chains[0]);
    await page.getByRole('button', { name: 'Next chain' }).click();
    await expect.poll(() => counter.textContent()).toBe(`2 of ${tie.chains.length}`);
    await expect.poll(() => pathEdges(page)).toEqual(tie.chains[1]);
    await page.getByRole('button', { name: 'Previous chain' }).click();
    await page.getByRole('button', { name: 'Previous chain' }).click();
    await expect.poll(() => counter.textContent()).toBe(`${tie.chains.length} of ${tie.chains.length}`);
    await page.screenshot({ path: `${ARTIFACTS}path-tie.png` });
    await page.close();
  });

  it('writes each step out in words for screen readers', async () => {
    const api = await map.graphql<{ path: { from: { name: string }; to: { name: string } }[] | null }>(
      '{ path(from: "picasoft", to: "la-coalition") { from { name } to { name } } }',
    );
    const page = await map.open('?from=picasoft&to=la-coalition');
    await page.locator('.path-steps .relation-link').first().waitFor();
    const steps = await page.locator('.path-steps li').evaluateAll((items) =>
      items.slice(1).map((li) => ({
        sentence: li.querySelector('.visually-hidden')?.textContent ?? '',
        arrowHidden: li.querySelector('.path-arrow')?.getAttribute('aria-hidden'),
      })),
    );
    // Each relation in its own direction ("Framasoft … Picasoft" even when walked from Picasoft), no arrows read out.
    expect(steps).toHaveLength(api.path?.length ?? -1);
    steps.forEach((step, i) => {
      const relation = api.path?.[i];
      expect(step.arrowHidden).toBe('true');
      expect(step.sentence).not.toMatch(/[↓↑→]/);
      expect(step.sentence.startsWith(`${relation?.from.name} `)).toBe(true);
      expect(step.sentence.endsWith(` ${relation?.to.name}.`)).toBe(true);
    });
    await page.close();
  });
});

describe('the toolbar search box', { timeout: TIMEOUT }, () => {
  it('after Back the search box shows the entity focused before', async () => {
    const page = await map.open();
    const field = page.locator('.main-search input');
    await chooseInSearch(page, '.main-search', 'picaso', 'Picasoft');
    await expect.poll(() => page.locator('.details h2').textContent()).toBe('Picasoft');

    // A click on another node of the map.
    const other = await neighbourOnScreen(page, 'picasoft');
    await page.mouse.click(other.x, other.y);
    await expect.poll(() => page.evaluate(() => window.__archipel?.state.focus)).toBe(other.slug);
    await expect.poll(() => field.inputValue()).toBe(other.name);

    await page.goBack();
    await expect.poll(() => page.evaluate(() => window.__archipel?.state.focus)).toBe('picasoft');
    await expect.poll(() => field.inputValue()).toBe('Picasoft');
    await page.goBack();
    await expect.poll(() => page.evaluate(() => window.__archipel?.state.focus)).toBeNull();
    await expect.poll(() => field.inputValue()).toBe('');
    await page.close();
  });
});
