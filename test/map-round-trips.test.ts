/**
 * The map's two heaviest questions, its view and its path finder, each cost one Cypher round trip
 * and answer what the same relations and entities answer when asked one by one (through the
 * per-request loaders): what a view or a path reads with itself (sources, software, the ends'
 * dates) must not differ from what a later load would have read.
 */
import { describe, expect, it } from 'vitest';
import { documentOf, GRAPH, PATH, RELATION } from '../model/map-operations.js';
import { expectData, expectError, graphqlClient } from './support/graphql.js';
import { useTestDatabase } from './support/neo4j.js';

const db = useTestDatabase();
const api = graphqlClient(db);

/** A relation as the map's RELATION operation reads it alone, by id. */
async function relationAlone(id: string) {
  const data = expectData(await api.request(documentOf([RELATION]), { id }));
  expect(data.node, id).not.toBeNull();
  return data.node;
}

describe("the map's view", () => {
  it('reads framasoft’s depth-2 view, its sources and its software in one round trip', async () => {
    const data = expectData(await api.request(documentOf([GRAPH]), { focus: 'framasoft', depth: 2 }));
    expect(api.lastRoundTrips).toBe(1);
    const { nodes, edges } = data.graph;
    // Framasoft's depth-2 view is most of the seed map (~301 entities, 428 relations).
    expect(nodes.length).toBeGreaterThan(250);
    expect(edges.length).toBeGreaterThan(380);
    const names = new Map(nodes.map((n: any) => [n.slug, n.name]));
    const hosted = edges.filter((e: any) => e.software !== null);
    // Framasoft hosts PeerTube, Mobilizon, … instances for others (seeds/network-*.yaml).
    expect(hosted.length).toBeGreaterThan(5);
    for (const edge of hosted) expect(edge.software.name).toBe(names.get(edge.software.slug));
    for (const edge of edges) expect(edge.sources.length, edge.id).toBeGreaterThan(0);
    for (const edge of [...hosted.slice(0, 3), ...edges.slice(0, 3)]) {
      const alone = await relationAlone(edge.id);
      expect(edge.software).toEqual(alone.software);
      expect(edge.sources).toEqual(alone.sources.map(({ section }: any) => ({ section })));
    }
  });
});

describe("the map's path finder", () => {
  it('reads every tied chain, their software and their ends’ dates in one round trip', async () => {
    const data = expectData(
      await api.request(documentOf([PATH]), { from: 'datagueule', to: 'ag-annuelle-2020', maxLength: 4 }),
    );
    expect(api.lastRoundTrips).toBe(1);
    const relations = data.paths.flatMap((p: any) => p.relations);
    expect(data.paths.length).toBeGreaterThan(0);
    // Framasoft hosts DataGueule's PeerTube instance and organises its 2020 general assembly.
    expect(relations.some((r: any) => r.software?.slug === 'peertube')).toBe(true);
    expect(relations.some((r: any) => r.to.slug === 'ag-annuelle-2020' && r.to.date)).toBe(true);
    for (const relation of relations) expect(relation).toEqual(await relationAlone(relation.id));
  });

  it('names unknown slugs in the same round trip', async () => {
    const body = await api.request(documentOf([PATH]), { from: 'datagueule', to: 'nobody', avoid: ['nothing'] });
    expectError(body, 'NOT_FOUND', /"nobody" and "nothing"/);
    expect(api.lastRoundTrips).toBe(1);
  });
});
