/**
 * The map's timing marks, on every run (CI included): the seed graph once, every mark set, in the
 * order the map loads. The marks and how they are read live in ./map-timing.ts.
 *
 * The full measurement (seed graph and a synthetic 5,000 / 20,000 archipelago, canvas and WebGL,
 * load and pan figures) is a benchmark, not a test: bench/map-perf.test.ts, `npm run bench:map`.
 */
import { describe, expect, it } from 'vitest';
import { DESKTOP, useMap } from './harness.js';
import { type Mark, marksOf, operationNameOf } from './map-timing.js';

describe('map timing marks, seed graph (every run)', { timeout: 120_000 }, () => {
  const map = useMap();

  it('sets every mark, in the order the map loads', async () => {
    // A page of its own (a fresh context): timings from a cold start, as a first visit.
    const page = await map.browser.newPage({ viewport: DESKTOP });
    await page.goto(`${map.url}/`);
    const marks = await marksOf(page);
    await page.close();
    const at = (name: Mark) => marks[name];
    // Asked, answered, drawn: request → data → Cytoscape → first render, and → layout → ready.
    expect(at('archipel:request')).toBeGreaterThan(0);
    expect(at('archipel:data')).toBeGreaterThanOrEqual(at('archipel:request'));
    expect(at('archipel:cytoscape')).toBeGreaterThanOrEqual(at('archipel:data'));
    expect(at('archipel:first-render')).toBeGreaterThanOrEqual(at('archipel:cytoscape'));
    expect(at('archipel:layout')).toBeGreaterThanOrEqual(at('archipel:cytoscape'));
    expect(at('archipel:ready')).toBeGreaterThanOrEqual(at('archipel:layout'));
    // A generous bound: the seed graph is ready in well under a second on a laptop.
    expect(at('archipel:ready')).toBeLessThan(30_000);
  });

  it("asks for the opening graph while the map's own code is still on its way, and only once", async () => {
    const page = await map.browser.newPage({ viewport: DESKTOP });
    const events: string[] = [];
    page.on('request', (request) => {
      if (operationNameOf(request) === 'ArchipelGraph') events.push('graph asked');
    });
    // Hold the map's chunk (Cytoscape and the app) back: the question must not wait for it.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/app-[^/]*\.js$/, async (route) => {
      events.push('map code requested');
      await Promise.race([held, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      events.push('map code sent');
      await route.continue();
    });
    await page.goto(`${map.url}/`);
    await expect.poll(() => events.includes('graph asked') && events.includes('map code requested')).toBe(true);
    release();
    await page.waitForFunction(() => document.getElementById('app')?.dataset.status === 'ready');
    expect(events.indexOf('graph asked')).toBeLessThan(events.indexOf('map code sent'));
    expect(events.filter((e) => e === 'graph asked')).toHaveLength(1);
    await page.close();
  });
});
