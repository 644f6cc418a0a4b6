/**
 * The map's Export menu, as a visitor uses it: it downloads the view on screen, and hands Gephi
 * Lite the URL of that view's GEXF.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useMap } from './harness.js';

const map = useMap();

describe('the Export menu', () => {
  it('downloads the current view and opens it in Gephi Lite by URL', async () => {
    const page = await map.open('?focus=picasoft&depth=1&types=HOSTING,MEMBERSHIP,ARCHIPELAGO');
    await page.getByText('Export', { exact: true }).click();
    const items = page.locator('.export-items a');
    expect(await items.allInnerTexts()).toEqual([
      'GEXF (Gephi)',
      'GraphML',
      'CSV: entities',
      'CSV: relations',
      'JSON (nodes and links)',
      'Open in Gephi Lite',
    ]);
    const search = '?types=ARCHIPELAGO,HOSTING,MEMBERSHIP&focus=picasoft&depth=1';
    const gephi = new URL((await items.last().getAttribute('href'))!);
    expect(`${gephi.origin}${gephi.pathname}`).toBe('https://lite.gephi.org/');
    expect(gephi.searchParams.get('gexf')).toBe(`${map.url}/export/archipel.gexf${search}`);

    const [download] = await Promise.all([page.waitForEvent('download'), items.first().click()]);
    expect(download.suggestedFilename()).toBe('archipel.gexf');
    const gexf = await readFile((await download.path())!, 'utf8');
    const expected = await map.graphql<{ graph: { nodes: unknown[]; edges: unknown[] } }>(
      '{ graph(types: [ARCHIPELAGO, HOSTING, MEMBERSHIP], focus: "picasoft", depth: 1) { nodes { slug } edges { id } } }',
    );
    expect([gexf.match(/<node /g)?.length, gexf.match(/<edge /g)?.length]).toEqual([
      expected.graph.nodes.length,
      expected.graph.edges.length,
    ]);
    expect(await page.locator('.export-menu').getAttribute('open')).toBeNull();
    await page.close();
  });
});
