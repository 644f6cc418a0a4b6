import { describe, expect, it } from 'vitest';
import { HEART_SIZE, HEART_SLUG, MAX_SIZE, MIN_SIZE, nodeSize, toElements } from '../../viz/src/elements.js';
import { relationOfEdge, softwareEdgeId } from '../../viz/src/software-edge.js';
import { LARGE_GRAPH, RELATION_STYLE } from '../../viz/src/style.js';
import { GRAPH, TIMED } from './fixtures.js';

describe('toElements', () => {
  const elements = toElements(GRAPH);
  const node = (slug: string) => elements.nodes.find((n) => n.data.id === slug)?.data;

  it('keys nodes by slug and edges by relation id', () => {
    expect(elements.nodes.map((n) => n.data.id)).toEqual(GRAPH.nodes.map((n) => n.slug));
    expect(elements.edges.find((e) => e.data.id === 'r2')?.data).toEqual({
      id: 'r2',
      source: 'picasoft',
      target: 'chatons',
      type: 'MEMBERSHIP',
      since: '2019-03',
      until: null,
      color: '#1f78b4',
      line: 'solid',
    });
  });

  it('carries what the style needs: shape and colour from kind and category, degree, size', () => {
    expect(node('chatons')).toMatchObject({
      label: 'CHATONS',
      kind: 'ORGANISATION',
      category: 'collective',
      degree: 2,
      size: 24,
      shape: 'ellipse',
      color: 'hsl(159, 55%, 52%)',
    });
    expect(node('pouhiou')).toMatchObject({
      category: null,
      degree: 1,
      size: 22,
      heart: false,
      shape: 'round-triangle',
      color: '#7e57c2',
    });
    expect(node('lonely')).toMatchObject({ degree: 0, size: 16 });
  });

  it('puts Framasoft at the heart, the largest node', () => {
    expect(HEART_SIZE).toBe(96);
    expect(node(HEART_SLUG)).toMatchObject({ heart: true, size: 96 });
    expect(Math.max(...elements.nodes.map((n) => Number(n.data.size)))).toBe(96);
  });

  it('skips relations to entities missing from the answer, and duplicates', () => {
    const result = toElements({
      nodes: GRAPH.nodes,
      edges: [
        ...GRAPH.edges,
        GRAPH.edges[0]!,
        { id: 'dangling', type: 'USES', from: { slug: 'ghost' }, to: { slug: 'framasoft' } },
      ],
    });
    expect(result.edges).toHaveLength(GRAPH.edges.length);
    expect(result.dangling).toEqual(['dangling']);
  });
});

describe('software on the map', () => {
  const elements = toElements(TIMED);
  const edge = (id: string) => elements.edges.find((e) => e.data.id === id)?.data;

  it('draws each hosted instance from its software to the entity it is hosted for, dashed', () => {
    expect(edge('pad-sesamath~software')).toEqual({
      id: 'pad-sesamath~software',
      source: 'etherpad',
      target: 'sesamath',
      type: 'HOSTING',
      since: '2014',
      until: null,
      color: RELATION_STYLE.HOSTING.color,
      line: 'dashed',
      derived: 'software',
      relation: 'pad-sesamath',
    });
    expect(elements.edges.map((e) => e.data.id)).toHaveLength(TIMED.edges.length + 2);
  });

  it('counts software edges in the degree, so that Etherpad is sized like the ends it serves', () => {
    const degree = (slug: string) => elements.nodes.find((n) => n.data.id === slug)?.data.degree;
    expect(degree('etherpad')).toBe(2);
    expect(degree('sesamath')).toBe(2);
    expect(degree('framasoft')).toBe(5);
  });

  it('draws no software edge when the software is not in the answer', () => {
    const withoutEtherpad = toElements({ ...TIMED, nodes: TIMED.nodes.filter((n) => n.slug !== 'etherpad') });
    expect(withoutEtherpad.edges.some((e) => e.data.derived)).toBe(false);
  });

  it('maps a tap on a software edge back to its HOSTING relation', () => {
    expect(softwareEdgeId('pad-sesamath')).toBe('pad-sesamath~software');
    expect(relationOfEdge('pad-sesamath~software')).toBe('pad-sesamath');
    expect(relationOfEdge('pad-sesamath')).toBe('pad-sesamath');
  });
});

describe('big graphs', () => {
  it('draw nodes at half size', () => {
    const nodes = Array.from({ length: LARGE_GRAPH }, (_, i) => ({
      id: String(i),
      slug: `n${i}`,
      name: `N${i}`,
      kind: 'PERSON' as const,
    }));
    const big = toElements({ nodes: [...GRAPH.nodes, ...nodes], edges: GRAPH.edges });
    const size = (slug: string) => big.nodes.find((n) => n.data.id === slug)?.data.size;
    expect(size(HEART_SLUG)).toBe(48);
    // Degree 2: 24 pixels in a small graph, 12 in a big one.
    expect(size('chatons')).toBe(12);
    expect(nodeSize(2, true)).toBe(12);
  });
});

describe('nodeSize', () => {
  it('grows with degree, sub-linearly, up to a cap', () => {
    expect([MIN_SIZE, MAX_SIZE]).toEqual([16, 80]);
    expect(nodeSize(0)).toBe(16);
    expect([1, 2, 4, 16].map((degree) => nodeSize(degree))).toEqual([22, 24, 28, 40]);
    // Each extra relation adds less than the previous ones did.
    expect((nodeSize(16) - nodeSize(4)) / 12).toBeLessThan((nodeSize(4) - nodeSize(0)) / 4);
    expect(nodeSize(10_000)).toBe(80);
  });
});
