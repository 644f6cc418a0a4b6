/**
 * The map's filters against the real seed graph: what the year control and the kind filter show
 * is what the report says, and the software hosted for others is on the map.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useMap } from './harness.js';

const TIMEOUT = 60_000;
const map = useMap();

interface ApiGraph {
  nodes: { slug: string; kind: string; date?: string | null }[];
  edges: {
    id: string;
    type: string;
    from: { slug: string };
    to: { slug: string };
    software: { slug: string } | null;
  }[];
}

const GRAPH_QUERY = `query($kinds: [EntityKind!], $activeIn: Int) {
  graph(kinds: $kinds, activeIn: $activeIn) {
    nodes { slug kind ... on Event { date } }
    edges { id type from { slug } to { slug } software { slug } }
  }
}`;

const apiGraph = async (variables: object = {}) =>
  (await map.graphql<{ graph: ApiGraph }>(GRAPH_QUERY, variables)).graph;

interface Drawn {
  nodes: { slug: string; kind: string }[];
  edges: {
    id: string;
    /** The relation the edge draws: itself, or the HOSTING relation of a software edge. */
    relation: string;
    derived: string | null;
    since: string | null;
    until: string | null;
    /** The kinds at the ends of the relation drawn (for a software edge, those of its HOSTING relation). */
    endKinds: string[];
    source: string;
    target: string;
  }[];
}

/** What the canvas shows, read from Cytoscape itself. */
const drawn = (page: Page): Promise<Drawn> =>
  page.evaluate(() => {
    const cy = window.__archipel?.cy;
    if (!cy) return { nodes: [], edges: [] };
    return {
      nodes: cy
        .nodes()
        .filter((n) => n.visible())
        .map((n) => ({ slug: n.id(), kind: n.data('kind') as string })),
      edges: cy
        .edges()
        .filter((e) => e.visible())
        .map((e) => {
          const relation = (e.data('relation') as string | undefined) ?? e.id();
          return {
            id: e.id(),
            relation,
            derived: (e.data('derived') as string | undefined) ?? null,
            since: e.data('since') as string | null,
            until: e.data('until') as string | null,
            endKinds: cy
              .$id(relation)
              .connectedNodes()
              .map((n) => n.data('kind') as string),
            source: e.data('source') as string,
            target: e.data('target') as string,
          };
        }),
    };
  });

const relationIds = (view: Drawn) =>
  view.edges
    .filter((e) => !e.derived)
    .map((e) => e.id)
    .sort();

describe('the filters tell the truth', { timeout: TIMEOUT }, () => {
  it('the year 2014 shows no event of 2020', async () => {
    const all = await apiGraph();
    const eventDate = new Map(all.nodes.filter((n) => n.kind === 'EVENT').map((n) => [n.slug, n.date ?? null]));
    expect([...eventDate.values()].some((date) => date?.startsWith('2020'))).toBe(true);

    const page = await map.open('?year=2014');
    const view = await drawn(page);
    expect(view.edges.length).toBeGreaterThan(0);
    const events2020 = view.nodes.filter((n) => n.kind === 'EVENT' && eventDate.get(n.slug)?.startsWith('2020'));
    expect(events2020).toEqual([]);
    // An undated relation is attested in 2020 by the report, and says nothing of 2014.
    expect(view.edges.filter((e) => e.since === null && e.until === null)).toEqual([]);

    // The "GraphQL" link's `activeIn` answers the same relations.
    const api = await apiGraph({ activeIn: 2014 });
    expect(relationIds(view)).toEqual(api.edges.map((e) => e.id).sort());
    await page.close();
  });

  it('ticking only Person shows people and who they relate to', async () => {
    const page = await map.open();
    const kinds = page.locator('.checklist').filter({ has: page.locator('input[value="PERSON"]') });
    await kinds.getByRole('button', { name: 'None', exact: true }).click();
    await kinds.locator('input[value="PERSON"]').check();
    await expect.poll(() => new URL(page.url()).searchParams.get('kinds')).toBe('PERSON');
    const view = await drawn(page);

    for (const edge of view.edges) expect(edge.endKinds, edge.id).toContain('PERSON');

    // Counted here from the whole graph, independently of the map's code.
    const all = await apiGraph();
    const kindOf = new Map(all.nodes.map((n) => [n.slug, n.kind]));
    const withPerson = all.edges.filter(
      (e) => kindOf.get(e.from.slug) === 'PERSON' || kindOf.get(e.to.slug) === 'PERSON',
    );
    expect(withPerson.length).toBeGreaterThan(0);
    expect(relationIds(view)).toEqual(withPerson.map((e) => e.id).sort());
    const expectedNodes = new Set(withPerson.flatMap((e) => [e.from.slug, e.to.slug]));
    for (const e of withPerson) if (e.type === 'HOSTING' && e.software) expectedNodes.add(e.software.slug);
    expect(view.nodes.map((n) => n.slug).sort()).toEqual([...expectedNodes].sort());

    // The legend's figure beside "Person" is the number of people shown.
    const people = view.nodes.filter((n) => n.kind === 'PERSON').length;
    expect(
      await kinds
        .locator('li', { has: page.locator('input[value="PERSON"]') })
        .locator('.count')
        .textContent(),
    ).toBe(String(people));

    // And `graph(kinds: [PERSON])`, the view's GraphQL, answers the same relations.
    const api = await apiGraph({ kinds: ['PERSON'] });
    expect(api.edges.map((e) => e.id).sort()).toEqual(relationIds(view));
    await page.close();
  });

  it('Etherpad is on the map, linked to Sésamath and Wikimédia France', async () => {
    const page = await map.open();
    const view = await drawn(page);
    expect(view.nodes.map((n) => n.slug)).toContain('etherpad');
    const fromEtherpad = view.edges.filter((e) => e.source === 'etherpad');
    expect(fromEtherpad.map((e) => e.target).sort()).toEqual(['sesamath', 'wikimedia-france']);
    expect(fromEtherpad.every((e) => e.derived === 'software')).toBe(true);

    // A tap on a software edge opens the HOSTING relation it draws.
    const edge = fromEtherpad.find((e) => e.target === 'sesamath');
    if (!edge) throw new Error('no Etherpad edge to Sésamath');
    // Returns nothing: serialising the collection `emit` returns would take the page's thread for seconds.
    await page.evaluate((id) => {
      window.__archipel?.cy?.$id(id).emit('tap');
    }, edge.id);
    await expect.poll(() => page.evaluate(() => window.__archipel?.state.relation)).toBe(edge.relation);
    await expect.poll(() => page.locator('.details').textContent()).toContain('Etherpad');
    await page.close();
  });

  it('shows what changed in a year, and says how many relations started and ended', async () => {
    const page = await map.open('?year=2019&yearMode=changes');
    const view = await drawn(page);
    expect(view.edges.length).toBeGreaterThan(0);
    for (const edge of view.edges)
      expect(
        [edge.since, edge.until].some((d) => d?.startsWith('2019')),
        edge.id,
      ).toBe(true);
    const marks = await page.evaluate(() =>
      (window.__archipel?.cy?.edges().filter((e) => e.visible() && !e.data('derived')) ?? []).map(
        (e) => e.data('changed') as string | undefined,
      ),
    );
    expect(marks.every((mark) => mark === 'started' || mark === 'ended' || mark === 'both')).toBe(true);
    const started = marks.filter((m) => m !== 'ended').length;
    const ended = marks.filter((m) => m !== 'started').length;
    const summary = await page.locator('.year-changes li').allTextContents();
    expect(summary.slice(0, 2)).toEqual([
      `${started} relation${started === 1 ? '' : 's'} started`,
      `${ended} relation${ended === 1 ? '' : 's'} ended`,
    ]);
    expect(await page.locator('.year input[value="changes"]').isChecked()).toBe(true);
    await page.close();
  });
});
