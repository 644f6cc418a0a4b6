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
import { afterAll, describe, expect, it } from 'vitest';
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

describe('map performance', { timeout: 900_000 }, () => {
  const map = useMap();
  const results: Figures[] = [];

  afterAll(() => {
    writeFileSync(`${ARTIFACTS}map-perf.json`, `${JSON.stringify(results, null, 2)}\n`);
    console.table(
      results.map((r) => ({
        graph: r.graph,
        renderer: r.renderer,
        'first render ms': r.firstRender,
        'layout end ms': r.layoutEnd,
        'ready ms': r.ready,
        'pan median ms': r.pan.medianMs,
        'pan p95 ms': r.pan.p95Ms,
        'pan fps': r.pan.fps,
      })),
    );
  });

  it('seed graph', async () => {
    for (const renderer of ['canvas', 'webgl']) {
      // A page of its own (a fresh context) per measurement: every load starts cold.
      const page = await map.browser.newPage({ viewport: DESKTOP });
      results.push(await measure(page, `${map.url}/?renderer=${renderer}`, 'seeds', renderer));
      await page.close();
    }
    // Every entity with a relation, and every software a HOSTING relation names (counted in Cypher).
    const [entities] = await db.read(
      `MATCH (e:Entity)
       WHERE EXISTS { (e)--(:Entity) } OR EXISTS { MATCH ()-[h:HOSTING]->() WHERE h.software = e.slug }
       RETURN count(e) AS n`,
      {},
      (r) => Number(r.get('n')),
    );
    expect(results.map((r) => r.nodes)).toEqual([entities, entities]);
  });

  it('synthetic 5,000 entities / 20,000 relations', async () => {
    const graph = syntheticGraph();
    const answer = JSON.stringify({ data: { graph } });
    for (const renderer of ['canvas', 'webgl']) {
      const page = await map.browser.newPage({ viewport: DESKTOP });
      // The map is measured, not the API: the big graph is served from memory.
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
      const figures = await measure(page, `${map.url}/?renderer=${renderer}`, 'synthetic-5k-20k', renderer);
      results.push(figures);
      await page.screenshot({ path: `${ARTIFACTS}map-synthetic-${renderer}.png` });
      await page.close();
      expect(figures.nodes).toBe(graph.nodes.length);
      // "Usable": the view is complete within a minute and panning keeps at least ~10 frames a second.
      expect(figures.ready).toBeLessThan(60_000);
      expect(figures.pan.medianMs).toBeLessThan(100);
    }
  });
});
