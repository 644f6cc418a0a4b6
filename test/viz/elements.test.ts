import { describe, expect, it } from 'vitest';
import { HEART_SIZE, HEART_SLUG, MAX_SIZE, MIN_SIZE, nodeSize, toElements } from '../../viz/src/elements.js';
import { GRAPH } from './fixtures.js';

describe('toElements', () => {
  const elements = toElements(GRAPH);
  const node = (slug: string) => elements.nodes.find((n) => n.data.id === slug)?.data;

  it('keys nodes by slug and edges by relation id', () => {
    expect(elements.nodes.map((n) => n.data.id)).toEqual(GRAPH.nodes.map((n) => n.slug));
    expect(elements.edges.map((e) => e.data)).toContainEqual({
      id: 'r2',
      source: 'picasoft',
      target: 'chatons',
      type: 'MEMBERSHIP',
      since: '2019-03',
      until: null,
    });
  });

  it('carries what the style needs: kind, category, degree, size', () => {
    expect(node('chatons')).toMatchObject({
      label: 'CHATONS',
      kind: 'ORGANISATION',
      category: 'collective',
      degree: 2,
    });
    expect(node('pouhiou')).toMatchObject({ category: null, degree: 1, heart: false });
    expect(node('lonely')).toMatchObject({ degree: 0, size: MIN_SIZE });
  });

  it('puts Framasoft at the heart, the largest node', () => {
    expect(node(HEART_SLUG)).toMatchObject({ heart: true, size: HEART_SIZE });
    expect(Math.max(...elements.nodes.map((n) => Number(n.data.size)))).toBe(HEART_SIZE);
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

describe('nodeSize', () => {
  it('grows with degree, sub-linearly, up to a cap', () => {
    expect(nodeSize(0)).toBe(MIN_SIZE);
    expect(nodeSize(4)).toBeGreaterThan(nodeSize(1));
    // Each extra relation adds less than the previous ones did.
    expect((nodeSize(16) - nodeSize(4)) / 12).toBeLessThan((nodeSize(4) - nodeSize(0)) / 4);
    expect(nodeSize(10_000)).toBe(MAX_SIZE);
  });
});
