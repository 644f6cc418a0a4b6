/**
 * Can a person read the map? Tooltips, zoom and fit buttons, re-fitting after a filter, Escape,
 * the hub set aside and the communities, the measures in the panel (checked against figures
 * worked out here, by brute force, on a small graph), labels, overlaps, and a phone.
 * Whole-dataset counts are not asserted: the seed data moves; facts about Picasoft do not.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, chooseInSearch, PHONE, useMap } from './harness.js';

const map = useMap();
const TIMEOUT = 90_000;
const POLL = { timeout: 20_000 };

const zoomOf = (page: Page) => page.evaluate(() => window.__archipel?.cy?.zoom() ?? 0);

/** Whether the renderer's extent (the part of the model on screen) holds every visible node. */
const extentHoldsVisible = (page: Page) =>
  page.evaluate(() => {
    const cy = window.__archipel?.cy;
    if (!cy || cy.animated()) return false;
    const { x1, x2, y1, y2 } = cy.extent();
    const nodes = cy.nodes(':visible');
    const outside = nodes.filter((n) => {
      const { x, y } = n.position();
      return x < x1 || x > x2 || y < y1 || y > y2;
    });
    return nodes.nonempty() && outside.empty();
  });

/** Where a node is on the page, in CSS pixels. */
const nodeOnPage = (page: Page, slug: string) =>
  page.evaluate((id) => {
    const cy = window.__archipel?.cy;
    const box = cy?.container()?.getBoundingClientRect();
    const at = cy?.$id(id).renderedPosition();
    return box && at ? { x: box.left + at.x, y: box.top + at.y } : null;
  }, slug);

/** Visible nodes whose label the renderer draws: text set, not transparent, and big enough at this zoom. */
const labelledNodes = (page: Page) =>
  page.evaluate(() => {
    const cy = window.__archipel?.cy;
    if (!cy) return { visible: [], labelled: [] };
    const visible = cy.nodes(':visible');
    const labelled = visible.filter((n) => {
      const text = String(n.style('label') ?? '');
      const opacity = Number(n.style('text-opacity'));
      const drawnSize = n.numericStyle('font-size') * cy.zoom();
      return text.length > 0 && opacity > 0 && drawnSize >= n.numericStyle('min-zoomed-font-size');
    });
    return { visible: visible.map((n) => n.id()).sort(), labelled: labelled.map((n) => n.id()).sort() };
  });

interface SmallGraph {
  graph: {
    nodes: { slug: string }[];
    edges: { type: string; from: { slug: string }; to: { slug: string }; software: { slug: string } | null }[];
  };
}

/**
 * Ties as the map draws them (each relation, plus a HOSTING relation's software to its client),
 * then by brute force: each entity's ties, distinct neighbours, and normalised betweenness (for
 * every pair of others, the share of shortest paths through it, summed, over (n−1)(n−2)/2).
 */
function handMeasures(answer: SmallGraph, slug: string) {
  const nodes = answer.graph.nodes.map((n) => n.slug);
  const known = new Set(nodes);
  const ties: [string, string][] = [];
  for (const edge of answer.graph.edges) {
    ties.push([edge.from.slug, edge.to.slug]);
    if (edge.type === 'HOSTING' && edge.software && known.has(edge.software.slug)) {
      ties.push([edge.software.slug, edge.to.slug]);
    }
  }
  const adjacent = new Map(nodes.map((n) => [n, new Set<string>()]));
  for (const [a, b] of ties) {
    if (a === b) continue;
    adjacent.get(a)?.add(b);
    adjacent.get(b)?.add(a);
  }
  /** Shortest-path distances and path counts from `source`, breadth first. */
  const from = (source: string) => {
    const dist = new Map([[source, 0]]);
    const count = new Map([[source, 1]]);
    const queue = [source];
    while (queue.length > 0) {
      const at = queue.shift()!;
      for (const next of adjacent.get(at) ?? []) {
        if (!dist.has(next)) {
          dist.set(next, dist.get(at)! + 1);
          count.set(next, 0);
          queue.push(next);
        }
        if (dist.get(next) === dist.get(at)! + 1) count.set(next, count.get(next)! + count.get(at)!);
      }
    }
    return { dist, count };
  };
  const bfs = new Map(nodes.map((n) => [n, from(n)]));
  let through = 0;
  const others = nodes.filter((n) => n !== slug);
  for (let i = 0; i < others.length; i++) {
    for (let j = i + 1; j < others.length; j++) {
      const s = others[i]!;
      const t = others[j]!;
      const st = bfs.get(s)!;
      const total = st.count.get(t);
      if (!total) continue;
      const sv = st.dist.get(slug);
      const vt = bfs.get(slug)!.dist.get(t);
      if (sv !== undefined && vt !== undefined && sv + vt === st.dist.get(t)) {
        through += (st.count.get(slug)! * bfs.get(slug)!.count.get(t)!) / total;
      }
    }
  }
  const n = nodes.length;
  return {
    ties: ties.filter(([a, b]) => a === slug || b === slug).length,
    neighbours: adjacent.get(slug)?.size ?? 0,
    betweenness: n > 2 ? (2 * through) / ((n - 1) * (n - 2)) : 0,
  };
}

describe('a map a person can read', { timeout: TIMEOUT }, () => {
  it('names a node in a tooltip on hover and on keyboard focus', async () => {
    const page = await map.open('?focus=picasoft&depth=1');
    await page.waitForFunction(() => window.__archipel?.cy?.animated() === false);
    const tooltip = page.getByRole('tooltip');
    const chatons = (await nodeOnPage(page, 'chatons'))!;
    await page.mouse.move(chatons.x, chatons.y);
    await tooltip.waitFor();
    const ties = await page.evaluate(() => window.__archipel?.cy?.$id('chatons').connectedEdges().length);
    expect(await tooltip.innerText()).toMatch(new RegExp(`^CHATONS\\n.*Organisation · ${ties} ties? on the map$`, 's'));
    await page.mouse.move(5, 5);
    await expect.poll(() => tooltip.isVisible(), POLL).toBe(false);

    // The keyboard: the map takes the focus and names Picasoft; the arrow keys walk round its neighbours.
    await page.locator('.canvas').focus();
    await tooltip.waitFor();
    const cursor = () =>
      page.evaluate(() => window.__archipel?.cy?.nodes('.cursor').map((n) => n.data('label') as string));
    expect(await cursor()).toEqual(['Picasoft']);
    expect(await tooltip.innerText()).toMatch(/^Picasoft\n/);
    expect(await page.locator('.canvas').getAttribute('aria-describedby')).toBe(await tooltip.getAttribute('id'));
    const neighbours = await page.evaluate(() =>
      (window.__archipel?.cy?.$id('picasoft').neighborhood('node') ?? []).map((n) => n.data('label') as string),
    );
    await page.keyboard.press('ArrowRight');
    const [first] = (await cursor()) ?? [];
    expect(neighbours).toContain(first);
    expect((await tooltip.innerText()).startsWith(`${first}\n`)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.details h2').textContent(), POLL).toBe(first);
    await page.close();
  });

  it('zooms in, zooms out and fits with named buttons', async () => {
    const page = await map.open();
    const start = await zoomOf(page);
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(() => zoomOf(page), POLL).toBeCloseTo(start * 1.4, 5);
    await page.getByRole('button', { name: 'Zoom in' }).click();
    expect(await extentHoldsVisible(page)).toBe(false);
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await expect.poll(() => zoomOf(page), POLL).toBeCloseTo(start * 1.4, 5);
    await page.getByRole('button', { name: 'Fit the map to the screen' }).click();
    await expect.poll(() => extentHoldsVisible(page), POLL).toBe(true);
    await page.close();
  });

  it('re-fits the view to what a filter leaves', async () => {
    const page = await map.open();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    expect(await extentHoldsVisible(page)).toBe(false);
    await page.locator('.legend input[value="MEMBERSHIP"]').uncheck();
    await expect.poll(() => extentHoldsVisible(page), POLL).toBe(true);

    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.locator('.legend input[value="PERSON"]').uncheck();
    await expect.poll(() => extentHoldsVisible(page), POLL).toBe(true);
    await page.close();
  });

  it('moves the focus to the chosen entity’s panel, and Escape closes it and brings the focus back', async () => {
    const page = await map.open();
    await chooseInSearch(page, '.main-search', 'picaso', 'Picasoft');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.details') !== null), POLL).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Picasoft');

    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.details').isHidden(), POLL).toBe(true);
    expect(await page.evaluate(() => window.__archipel?.state.focus)).toBeNull();
    expect(await page.evaluate(() => document.activeElement?.closest('.main-search') !== null)).toBe(true);

    // From the map: a node chosen with the keyboard, Escape returns to the map.
    await page.locator('.canvas').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), POLL).toBe('details-title');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.details').isHidden(), POLL).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('canvas'))).toBe(true);
    await page.close();
  });

  it('sets Framasoft aside and lays out the rest on its own, then brings it back as it was', async () => {
    const page = await map.open();
    const positions = () =>
      page.evaluate(() =>
        Object.fromEntries((window.__archipel?.cy?.nodes() ?? []).map((n) => [n.id(), { ...n.position() }])),
      );
    const before = await positions();
    await page.getByLabel('Set Framasoft aside').check();
    await expect.poll(() => page.evaluate(() => window.__archipel?.cy?.$id('framasoft').visible()), POLL).toBe(false);
    expect(page.url()).toContain('hub=hidden');
    const drawn = await page.evaluate(() => {
      const cy = window.__archipel!.cy!;
      return {
        tiesToHub: cy
          .edges(':visible')
          .filter((e) => e.source().id() === 'framasoft' || e.target().id() === 'framasoft').length,
        picasoftNeighbours: cy
          .$id('picasoft')
          .neighborhood('node:visible')
          .map((n) => n.id())
          .sort(),
        lonely: cy.nodes(':visible').filter((n) => n.connectedEdges(':visible').empty()).length,
      };
    });
    expect(drawn.tiesToHub).toBe(0);
    // Picasoft keeps its ties to CHATONS and Résolu, not the one to Framasoft.
    expect(drawn.picasoftNeighbours).toEqual(expect.arrayContaining(['chatons', 'resolu']));
    expect(drawn.picasoftNeighbours).not.toContain('framasoft');
    expect(drawn.lonely).toBe(0);
    const aside = await positions();
    const moved = Object.keys(before).filter((id) => before[id]!.x !== aside[id]!.x || before[id]!.y !== aside[id]!.y);
    expect(moved.length).toBeGreaterThan(10);
    expect(await extentHoldsVisible(page)).toBe(true);

    await page.getByLabel('Set Framasoft aside').uncheck();
    await expect.poll(() => page.evaluate(() => window.__archipel?.cy?.$id('framasoft').visible()), POLL).toBe(true);
    expect(await positions()).toEqual(before);
    await page.close();
  });

  it('colours the communities, the same on every load, and keeps the layout from one load to the next', async () => {
    const page = await map.open();
    const colours = () =>
      page.evaluate(() =>
        Object.fromEntries(
          (window.__archipel?.cy?.nodes('.grouped') ?? []).map((n) => [n.id(), n.style('background-color') as string]),
        ),
      );
    const positions = () =>
      page.evaluate(() =>
        Object.fromEntries((window.__archipel?.cy?.nodes() ?? []).map((n) => [n.id(), { ...n.position() }])),
      );
    const firstLayout = await positions();
    expect(Object.keys(await colours())).toHaveLength(0);
    await page.getByLabel('Colour by community').check();
    await expect.poll(async () => Object.keys(await colours()).length, POLL).toBeGreaterThan(0);
    const coloured = await colours();
    expect(new Set(Object.values(coloured)).size).toBeGreaterThan(3);
    const key = page.locator('.community-key li[data-community]');
    expect(await key.count()).toBeGreaterThan(3);
    expect(page.url()).toContain('groups=1');

    await page.reload();
    await page.waitForFunction(() => document.getElementById('app')?.dataset.status === 'ready');
    await expect.poll(async () => Object.keys(await colours()).length, POLL).toBeGreaterThan(0);
    expect(await colours()).toEqual(coloured);
    expect(await positions()).toEqual(firstLayout);

    await page.getByLabel('Colour by community').uncheck();
    await expect.poll(async () => Object.keys(await colours()).length, POLL).toBe(0);
    await page.close();
  });

  it("shows Picasoft's ties, neighbours and betweenness as worked out by hand on its neighbourhood", async () => {
    const answer = await map.graphql<SmallGraph>(
      '{ graph(focus: "picasoft", depth: 1) { nodes { slug } edges { type from { slug } to { slug } software { slug } } } }',
    );
    const expected = handMeasures(answer, 'picasoft');
    const page = await map.open('?focus=picasoft&depth=1');
    const measure = (name: string) => page.locator(`.details [data-measure="${name}"]`).textContent();
    await expect.poll(() => measure('ties'), POLL).toBe(String(expected.ties));
    expect(await measure('neighbours')).toBe(String(expected.neighbours));
    expect(await measure('betweenness')).toBe(expected.betweenness.toFixed(3));
    // CHATONS, Framasoft and Résolu all tie to Picasoft: three neighbours, whatever else changes.
    expect(expected.neighbours).toBe(3);

    // Size by betweenness: Picasoft, a bridge here, grows past a leaf.
    await page.getByLabel('betweenness').check();
    await expect
      .poll(() => page.evaluate(() => window.__archipel?.cy?.$id('picasoft').hasClass('sized')), POLL)
      .toBe(true);
    expect(page.url()).toContain('size=betweenness');
    await page.close();
  });

  it('lists the key connectors besides Framasoft, each one a way in', async () => {
    const page = await map.open();
    const items = page.locator('.key-connectors li .entity-link');
    await items.first().waitFor();
    const names = await items.allTextContents();
    expect(names.length).toBeGreaterThan(2);
    expect(names).not.toContain('Framasoft');
    await items.first().click();
    await expect.poll(() => page.locator('.details h2').textContent(), POLL).toBe(names[0]);
    await page.close();
  });

  it('labels every node of a focused view, on a desk and on a phone', async () => {
    const page = await map.open('?focus=picasoft&depth=1');
    const desk = await labelledNodes(page);
    expect(desk.visible.length).toBeGreaterThanOrEqual(4);
    expect(desk.labelled).toEqual(desk.visible);
    await page.close();

    // On the whole map, Picasoft's neighbourhood is what is labelled.
    const whole = await map.open('?focus=picasoft');
    await expect
      .poll(async () => {
        const { labelled } = await labelledNodes(whole);
        return ['picasoft', 'chatons', 'framasoft', 'resolu'].every((slug) => labelled.includes(slug));
      }, POLL)
      .toBe(true);
    await whole.close();

    const phone = await map.browser.newContext({ viewport: PHONE, locale: 'en-GB', isMobile: true, hasTouch: true });
    const small = await map.open('?focus=picasoft&depth=1', await phone.newPage());
    const onPhone = await labelledNodes(small);
    expect(onPhone.labelled).toEqual(onPhone.visible);
    await phone.close();
  });

  it('draws no two nodes over each other in the default layout of the seed graph', async () => {
    const page = await map.open();
    const overlaps = await page.evaluate(() => {
      const cy = window.__archipel!.cy!;
      const boxes = cy.nodes(':visible').map((n) => ({ id: n.id(), ...n.boundingBox({ includeLabels: false }) }));
      const pairs: string[] = [];
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) pairs.push(`${a.id}/${b.id}`);
        }
      }
      return pairs;
    });
    expect(overlaps).toEqual([]);
    await page.close();
  });

  it('on a phone: the panel is a bottom sheet, the focused entity stays above it, and controls take a thumb', async () => {
    const phone = await map.browser.newContext({ viewport: PHONE, locale: 'en-GB', isMobile: true, hasTouch: true });
    const page = await map.open('?focus=picasoft', await phone.newPage());
    await expect.poll(() => page.locator('.details h2').textContent(), POLL).toBe('Picasoft');
    const sheet = (await page.locator('.details').boundingBox())!;
    expect(Math.round(sheet.y + sheet.height)).toBe(PHONE.height);
    expect(sheet.y).toBeGreaterThan(PHONE.height / 3);
    await expect
      .poll(async () => {
        if (await page.evaluate(() => window.__archipel?.cy?.animated())) return false;
        const at = await nodeOnPage(page, 'picasoft');
        return at !== null && at.y > 0 && at.y < sheet.y && at.x > 0 && at.x < PHONE.width;
      }, POLL)
      .toBe(true);
    const small = await page.evaluate(() =>
      [
        ...document.querySelectorAll<HTMLElement>(
          '.zoom-controls button, .toolbar button, .details .close, .structure label, .legend .bulk button',
        ),
      ]
        .filter((el) => el.offsetParent !== null)
        .map((el) => ({
          name: el.getAttribute('aria-label') ?? el.textContent,
          ...el.getBoundingClientRect().toJSON(),
        }))
        .filter((box) => box.height < 44 || box.width < 44),
    );
    expect(small).toEqual([]);
    const labels = await labelledNodes(page);
    expect(labels.labelled).toEqual(expect.arrayContaining(['picasoft', 'chatons', 'resolu']));
    await phone.close();
  });

  it('takes the screenshots of the closing note', async () => {
    const shots: [string, string, typeof PHONE][] = [];
    for (const [viewport, suffix] of [
      [{ width: 1400, height: 900 }, 'desk'],
      [PHONE, 'phone'],
    ] as const) {
      shots.push(
        ['?hub=hidden&groups=1', `readability-archipelago-${suffix}.png`, viewport],
        ['?focus=picasoft', `readability-picasoft-${suffix}.png`, viewport],
        ['?types=HOSTING', `readability-hosting-${suffix}.png`, viewport],
      );
    }
    for (const [search, file, viewport] of shots) {
      const context = await map.browser.newContext({ viewport, locale: 'en-GB', isMobile: viewport === PHONE });
      const page = await map.open(search, await context.newPage());
      await page.waitForTimeout(600);
      await page.screenshot({ path: `${ARTIFACTS}${file}` });
      await context.close();
    }
  });
});
