/**
 * Map performance in headless Chromium: time to first render, to layout end and to a complete
 * view, and frame times while panning; for the seed graph and for a synthetic archipelago of
 * 5,000 entities / 20,000 relations (bench/synthetic.ts), with the canvas and WebGL renderers.
 * The seed graph comes from the real API; the synthetic one is generated in-process and handed
 * to the page as the `graph` answer, since this measures the browser, not the API (bench/ does).
 *
 * A benchmark, not a test: slow (a few minutes), so outside `npm test` and CI; it runs with
 * `npm run bench:map` (bench/vitest.map.config.ts: the test config, with its Neo4j, on this file
 * only). Figures go to test/artifacts/map-perf.json and to the console; bench/RESULTS.md keeps them.
 * What every test run checks is the small version, test/browser/perf.test.ts; the timing code both
 * share is test/browser/map-timing.ts.
 */
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { PUBLIC_CACHE_TTL_MS } from '../api/http/response-cache.js';
import { ARTIFACTS, DESKTOP, useMap } from '../test/browser/harness.js';
import { type Figures, measure, operationNameOf } from '../test/browser/map-timing.js';
import { useTestDatabase } from '../test/support/neo4j.js';
import type { GraphData } from '../viz/src/queries.js';
import { generateSynthetic } from './synthetic.js';

const db = useTestDatabase();

/** The synthetic archipelago as the API's `graph` answer would give it. */
function syntheticGraph(): GraphData {
  const data = generateSynthetic({ entities: 5_000, relations: 20_000, seed: 2020 });
  const edges = [...data.relations()].map((r) => ({
    id: r.id,
    type: r.type,
    since: r.since ?? null,
    until: r.until ?? null,
    role: r.role ?? null,
    from: { slug: r.from },
    to: { slug: r.to },
  }));
  const nodes = data.entities.map((e) => ({
    id: e.slug,
    slug: e.slug,
    name: e.name,
    kind: e.kind,
    category: 'category' in e ? (e.category ?? null) : null,
  }));
  return { nodes, edges };
}

/**
 * Cold loads per measured row: each in a fresh browser context (nothing cached by the browser),
 * after one unmeasured load that starts the browser's own machinery; the row is their median.
 * The synthetic graph takes seconds a load: fewer of them.
 */
const LOADS = { seeds: 5, synthetic: 3 };

/** The median of each load figure over `rows` (the last row keeps its pan), with the range of `ready`. */
function medianOf(rows: Figures[]): Figures {
  const median = (pick: (r: Figures) => number) => {
    const sorted = rows.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? 0;
  };
  const last = rows.at(-1)!;
  const ready = rows.map((r) => r.ready);
  return {
    ...last,
    answer: median((r) => r.answer),
    firstRender: median((r) => r.firstRender),
    layoutEnd: median((r) => r.layoutEnd),
    ready: median((r) => r.ready),
    loads: { count: rows.length, readyMin: Math.min(...ready), readyMax: Math.max(...ready) },
  };
}

/**
 * `loads` cold loads of `url` (`prepare` may route the page's requests), panned on the last,
 * which is also saved as `screenshot` when one is named.
 */
async function coldLoads(
  browser: Browser,
  url: string,
  graph: string,
  renderer: string,
  options: { loads: number; prepare?: (page: Page) => Promise<void>; screenshot?: string },
): Promise<Figures> {
  const { loads, prepare, screenshot } = options;
  const rows: Figures[] = [];
  for (let i = 0; i <= loads; i++) {
    const page = await browser.newPage({ viewport: DESKTOP });
    await prepare?.(page);
    const figures = await measure(page, url, graph, renderer, { pan: i === loads });
    if (i === loads && screenshot) await page.screenshot({ path: `${ARTIFACTS}${screenshot}` });
    await page.close();
    // The first load warms the browser up (its first page also pays for starting its processes).
    if (i > 0) rows.push(figures);
  }
  return medianOf(rows);
}

describe('map performance', { timeout: 1_800_000 }, () => {
  // As `npm start` serves it: the map's opening answer asked at start, public answers cached 30 s.
  const served = useMap({ yoga: { responseCacheTtlMs: PUBLIC_CACHE_TTL_MS }, warmUp: true });
  // Every answer from Neo4j: what a visitor gets once the cached answer has expired.
  const uncached = useMap({ warmUp: true });
  const results: Figures[] = [];

  afterAll(() => {
    writeFileSync(`${ARTIFACTS}map-perf.json`, `${JSON.stringify(results, null, 2)}\n`);
    console.table(
      results.map((r) => ({
        graph: r.graph,
        renderer: r.renderer,
        'answer ms': r.answer,
        'layout end ms': r.layoutEnd,
        'ready ms': r.ready,
        'ready range': r.loads ? `${r.loads.readyMin}–${r.loads.readyMax}` : '',
        'first render ms': r.firstRender,
        'pan median ms': r.pan?.medianMs,
        'pan p95 ms': r.pan?.p95Ms,
        'pan fps': r.pan?.fps,
      })),
    );
  });

  it('seed graph', async () => {
    for (const [name, map] of [
      ['seeds (cached, as npm start serves it)', served],
      ['seeds (uncached)', uncached],
    ] as const) {
      for (const renderer of ['canvas', 'webgl']) {
        results.push(
          await coldLoads(map.browser, `${map.url}/?renderer=${renderer}`, name, renderer, { loads: LOADS.seeds }),
        );
      }
    }
    // Every entity with a relation, and every software a HOSTING relation names (counted in Cypher).
    const [entities] = await db.read(
      `MATCH (e:Entity)
       WHERE EXISTS { (e)--(:Entity) } OR EXISTS { MATCH ()-[h:HOSTING]->() WHERE h.software = e.slug }
       RETURN count(e) AS n`,
      {},
      (r) => Number(r.get('n')),
    );
    expect(results.map((r) => r.nodes)).toEqual(results.map(() => entities));
  });

  it('synthetic 5,000 entities / 20,000 relations', async () => {
    const graph = syntheticGraph();
    const answer = JSON.stringify({ data: { graph } });
    // The map is measured, not the API: the big graph is served from memory.
    const fromMemory = async (page: Page) => {
      await page.route(
        (url) => url.pathname.endsWith('/graphql'),
        async (route) => {
          if (operationNameOf(route.request()) === 'ArchipelGraph') {
            await route.fulfill({ contentType: 'application/json', body: answer });
          } else {
            await route.fulfill({
              contentType: 'application/json',
              body: JSON.stringify({ data: null, errors: [{ message: 'not in the benchmark' }] }),
            });
          }
        },
      );
    };
    for (const renderer of ['canvas', 'webgl']) {
      const figures = await coldLoads(
        uncached.browser,
        `${uncached.url}/?renderer=${renderer}`,
        'synthetic-5k-20k',
        renderer,
        { loads: LOADS.synthetic, prepare: fromMemory, screenshot: `map-synthetic-${renderer}.png` },
      );
      results.push(figures);
      expect(figures.nodes).toBe(graph.nodes.length);
      // "Usable": the view is complete within a minute and panning keeps at least ~10 frames a second.
      expect(figures.ready).toBeLessThan(60_000);
      expect(figures.pan?.medianMs).toBeLessThan(100);
    }
  });
});
