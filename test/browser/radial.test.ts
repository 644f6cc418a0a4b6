/**
 * The map arranged around a focused entity (a neighbourhood view): the entity in the middle,
 * its neighbours on rings by distance, nothing drawn over anything, every node named; the
 * switch back to the force layout; and the same on a phone. Distances are worked out here from
 * the API's answer, not read from the map.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, DESKTOP, PHONE, useMap } from './harness.js';

const map = useMap();
const TIMEOUT = 240_000;
const POLL = { timeout: 60_000 };
const FOCUS = 'picasoft';

interface Neighbourhood {
  graph: {
    nodes: { slug: string }[];
    edges: { type: string; from: { slug: string }; to: { slug: string }; software: { slug: string } | null }[];
  };
}

const NEIGHBOURHOOD = `query($focus: String!, $depth: Int!) {
  graph(focus: $focus, depth: $depth) { nodes { slug } edges { type from { slug } to { slug } software { slug } } }
}`;

/**
 * Hops from `focus` to every entity of its neighbourhood, by breadth-first walk over the API's
 * answer; a HOSTING relation's software is drawn tied to the entity it is hosted for.
 */
async function hopsFrom(focus: string, depth: number): Promise<Map<string, number>> {
  const { graph } = await map.graphql<Neighbourhood>(NEIGHBOURHOOD, { focus, depth });
  const ties = new Map<string, string[]>(graph.nodes.map((n) => [n.slug, []]));
  const tie = (a: string, b: string) => {
    if (!ties.has(a) || !ties.has(b)) return;
    ties.get(a)?.push(b);
    ties.get(b)?.push(a);
  };
  for (const { type, from, to, software } of graph.edges) {
    tie(from.slug, to.slug);
    if (type === 'HOSTING' && software) tie(software.slug, to.slug);
  }
  const hops = new Map([[focus, 0]]);
  let ring = [focus];
  while (ring.length > 0) {
    const next: string[] = [];
    for (const slug of ring) {
      for (const other of ties.get(slug) ?? []) {
        if (hops.has(other)) continue;
        hops.set(other, (hops.get(slug) ?? 0) + 1);
        next.push(other);
      }
    }
    ring = next;
  }
  expect(hops.size).toBe(graph.nodes.length);
  return hops;
}

interface Drawn {
  arranged: string | null;
  centre: { x: number; y: number };
  /** Middle of the part of the map the camera frames (not under a bottom sheet), in rendered pixels. */
  viewMiddle: { x: number; y: number };
  focusOnScreen: { x: number; y: number };
  nodes: { id: string; x: number; y: number; box: { x1: number; x2: number; y1: number; y2: number } }[];
  labelled: string[];
  animated: boolean;
}

/** What the renderer draws: positions, boxes (nodes without labels) and which labels are drawn. */
const drawn = (page: Page, focus: string) =>
  page.evaluate((slug): Drawn => {
    const app = window.__archipel!;
    const cy = app.cy!;
    const visible = cy.nodes(':visible');
    const labelled = visible.filter((n) => {
      const text = String(n.style('label') ?? '');
      const drawnSize = n.numericStyle('font-size') * cy.zoom();
      return (
        text.length > 0 &&
        Number(n.style('text-opacity')) > 0 &&
        Number(n.style('opacity')) > 0.5 &&
        drawnSize >= n.numericStyle('min-zoomed-font-size')
      );
    });
    const bottom = app.app.canvas.map.bottomInset;
    return {
      arranged: app.app.canvas.map.arrangedAround,
      centre: { ...cy.$id(slug).position() },
      // A bottom sheet takes its part of the height, but the camera keeps at least a third of it.
      viewMiddle: { x: cy.width() / 2, y: Math.max(cy.height() - bottom, cy.height() / 3) / 2 },
      focusOnScreen: { ...cy.$id(slug).renderedPosition() },
      nodes: visible.map((n) => ({ id: n.id(), ...n.position(), box: n.boundingBox({ includeLabels: false }) })),
      labelled: labelled.map((n) => n.id()).sort(),
      animated: cy.animated(),
    };
  }, focus);

function overlapping(nodes: Drawn['nodes']): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i]!.box;
      const b = nodes[j]!.box;
      if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) pairs.push(`${nodes[i]!.id}/${nodes[j]!.id}`);
    }
  }
  return pairs;
}

/** Checks the rings: the focus in the middle (of the model and of the screen), nearer rings for fewer hops. */
function expectRings(view: Drawn, hops: Map<string, number>, slack: number): void {
  expect(view.arranged).toBe(FOCUS);
  expect(view.nodes.map((n) => n.id).sort()).toEqual([...hops.keys()].sort());
  const distance = new Map(view.nodes.map((n) => [n.id, Math.hypot(n.x - view.centre.x, n.y - view.centre.y)]));
  const byHops = (h: number) => [...hops].filter(([, d]) => d === h).map(([slug]) => distance.get(slug) ?? Number.NaN);
  const deepest = Math.max(...hops.values());
  expect(deepest).toBeGreaterThanOrEqual(2);
  for (let h = 1; h < deepest; h++) {
    expect(Math.max(...byHops(h))).toBeLessThan(Math.min(...byHops(h + 1)));
  }
  expect(Math.min(...byHops(1))).toBeGreaterThan(0);
  expect(overlapping(view.nodes)).toEqual([]);
  expect(view.labelled).toEqual([...hops.keys()].sort());
  // The focused entity is in the middle of what the visitor sees.
  expect(Math.abs(view.focusOnScreen.x - view.viewMiddle.x)).toBeLessThanOrEqual(slack * view.viewMiddle.x);
  expect(Math.abs(view.focusOnScreen.y - view.viewMiddle.y)).toBeLessThanOrEqual(slack * view.viewMiddle.y);
}

const settled = async (page: Page) => {
  await expect.poll(() => page.evaluate(() => window.__archipel?.cy?.animated() === false), POLL).toBe(true);
};

describe('the map arranged around a focused entity', () => {
  it(
    'puts the focus in the middle, nearer neighbours on inner rings, no overlap, every node named, and switches back',
    async () => {
      const hops = await hopsFrom(FOCUS, 2);
      const page = await map.open(`?focus=${FOCUS}&depth=2`);
      const toggle = page.getByRole('button', { name: 'Arrange around Picasoft' });
      await expect.poll(() => toggle.getAttribute('aria-pressed'), POLL).toBe('true');
      await settled(page);
      const view = await drawn(page, FOCUS);
      expectRings(view, hops, 0.01);
      // Deterministic: a second load draws the same picture.
      const again = await map.open(`?focus=${FOCUS}&depth=2`);
      await settled(again);
      expect((await drawn(again, FOCUS)).nodes).toEqual(view.nodes);
      await again.close();
      await page.screenshot({ path: `${ARTIFACTS}radial-picasoft-depth2-desktop.png` });

      // Off: back to the force layout's places; on again: the same rings.
      await toggle.click();
      await expect.poll(() => toggle.getAttribute('aria-pressed'), POLL).toBe('false');
      const force = await drawn(page, FOCUS);
      expect(force.arranged).toBeNull();
      expect(force.nodes).not.toEqual(view.nodes);
      await toggle.click();
      await settled(page);
      expect((await drawn(page, FOCUS)).nodes).toEqual(view.nodes);

      // In French, the switch says so too.
      await page.goto(`${map.url}/?focus=${FOCUS}&depth=2&lang=fr`);
      await page.getByRole('button', { name: 'Disposer autour de Picasoft' }).waitFor({ state: 'visible' });
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'draws the one-step neighbourhood the panel offers around its entity, on a desk and on a phone',
    async () => {
      const hops = await hopsFrom(FOCUS, 1);
      for (const [name, viewport] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ] as const) {
        const context = await map.browser.newContext({ viewport, locale: 'en-GB', hasTouch: name === 'phone' });
        const page = await map.open(`?focus=${FOCUS}&depth=1`, await context.newPage());
        await expect.poll(() => page.locator('.details h2').textContent(), POLL).toBe('Picasoft');
        await settled(page);
        const view = await drawn(page, FOCUS);
        expect(view.arranged).toBe(FOCUS);
        expect(view.nodes.map((n) => n.id).sort()).toEqual([...hops.keys()].sort());
        expect(overlapping(view.nodes)).toEqual([]);
        expect(view.labelled).toEqual([...hops.keys()].sort());
        await page.screenshot({ path: `${ARTIFACTS}radial-picasoft-${name}.png` });
        await context.close();
      }
    },
    TIMEOUT,
  );

  it('is offered in neighbourhood views only', async () => {
    const page = await map.open(`?focus=${FOCUS}`);
    await expect.poll(() => page.locator('.details h2').textContent(), POLL).toBe('Picasoft');
    expect(await page.getByRole('button', { name: /Arrange around/ }).count()).toBe(0);
    expect(await page.evaluate(() => window.__archipel?.app.canvas.map.arrangedAround)).toBeNull();
    await page.close();
  });

  it(
    'on a phone (390×844): the same rings, above the bottom sheet, and the switch within reach',
    async () => {
      const hops = await hopsFrom(FOCUS, 2);
      const phone = await map.browser.newContext({ viewport: PHONE, locale: 'en-GB', isMobile: true, hasTouch: true });
      const page = await map.open(`?focus=${FOCUS}&depth=2`, await phone.newPage());
      await expect.poll(() => page.locator('.details h2').textContent(), POLL).toBe('Picasoft');
      await settled(page);
      // The header settles around the map after the first framing: near the middle is what counts here.
      expectRings(await drawn(page, FOCUS), hops, 0.15);
      const sheet = (await page.locator('.details').boundingBox())!;
      const toggle = page.getByRole('button', { name: 'Arrange around Picasoft' });
      const button = (await toggle.boundingBox())!;
      const canvas = (await page.locator('.canvas').boundingBox())!;
      expect(button.y).toBeGreaterThanOrEqual(canvas.y);
      expect(button.y + button.height).toBeLessThanOrEqual(sheet.y);
      expect(button.width).toBeGreaterThanOrEqual(44);
      await page.screenshot({ path: `${ARTIFACTS}radial-picasoft-depth2-phone.png` });
      await toggle.tap();
      await expect.poll(() => toggle.getAttribute('aria-pressed'), POLL).toBe('false');
      await phone.close();
    },
    TIMEOUT,
  );
});
