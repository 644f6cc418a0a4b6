import { describe, expect, it } from 'vitest';
import { HEART_SIZE, HEART_SLUG, MAX_SIZE, MIN_SIZE, nodeSize, toElements } from '../../viz/src/elements.js';
import { CATEGORY_COLORS, KIND_STYLE, LARGE_GRAPH, RELATION_STYLE } from '../../viz/src/style.js';
import { GRAPH } from './fixtures.js';

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
      color: RELATION_STYLE.MEMBERSHIP.color,
      line: RELATION_STYLE.MEMBERSHIP.line,
    });
  });

  it('carries what the style needs: shape and colour from kind and category, degree, size', () => {
    expect(node('chatons')).toMatchObject({
      label: 'CHATONS',
      kind: 'ORGANISATION',
      category: 'collective',
      degree: 2,
      shape: KIND_STYLE.ORGANISATION.shape,
      color: CATEGORY_COLORS.collective,
    });
    expect(node('pouhiou')).toMatchObject({ category: null, degree: 1, heart: false, color: KIND_STYLE.PERSON.color });
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
    expect(size(HEART_SLUG)).toBe(HEART_SIZE / 2);
    expect(size('chatons')).toBe(nodeSize(2, true));
    expect(nodeSize(2, true)).toBe(Math.round(nodeSize(2) / 2));
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
