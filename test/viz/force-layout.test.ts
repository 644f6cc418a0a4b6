import { describe, expect, it } from 'vitest';
import { forceLayout, startingPositions } from '../../viz/src/force-layout.js';

/** A hub (0) with two clusters of leaves, the clusters joined by one relation. */
function twoClusters(): { nodeCount: number; edges: Uint32Array } {
  const ends: number[] = [];
  for (let i = 1; i <= 20; i++) ends.push(0, i);
  for (let i = 2; i <= 10; i++) ends.push(1, i);
  for (let i = 12; i <= 20; i++) ends.push(11, i);
  ends.push(1, 11);
  return { nodeCount: 30, edges: Uint32Array.from(ends) };
}

const distance = (p: Float64Array, a: number, b: number) =>
  Math.hypot((p[2 * a] ?? 0) - (p[2 * b] ?? 0), (p[2 * a + 1] ?? 0) - (p[2 * b + 1] ?? 0));

describe('forceLayout', () => {
  it('keeps the pinned node at the origin and every position finite', () => {
    const positions = forceLayout({ ...twoClusters(), pinned: 0, iterations: 80 });
    expect(Math.abs(positions[0] ?? 1)).toBe(0);
    expect(Math.abs(positions[1] ?? 1)).toBe(0);
    expect(positions.every(Number.isFinite)).toBe(true);
  });

  it('is repeatable for a seed', () => {
    const job = { ...twoClusters(), pinned: 0, iterations: 40, seed: 7 };
    expect(forceLayout(job)).toEqual(forceLayout({ ...job, edges: job.edges.slice() }));
  });

  it('brings related entities closer than unrelated ones, and keeps them apart', () => {
    const positions = forceLayout({ ...twoClusters(), pinned: 0, iterations: 150 });
    const related = distance(positions, 1, 2);
    const unrelated = distance(positions, 2, 29);
    expect(related).toBeLessThan(unrelated);
    for (let a = 0; a < 30; a++) for (let b = a + 1; b < 30; b++) expect(distance(positions, a, b)).toBeGreaterThan(1);
  });

  it('scales to the requested relation length, or more when spacing asks for room', () => {
    const job = { ...twoClusters(), pinned: 0, iterations: 60 };
    const lengths = (p: Float64Array) => {
      const all: number[] = [];
      for (let e = 0; e < job.edges.length; e += 2) all.push(distance(p, job.edges[e] ?? 0, job.edges[e + 1] ?? 0));
      return all.sort((a, b) => a - b)[Math.floor(all.length / 2)] ?? 0;
    };
    expect(lengths(forceLayout({ ...job, edges: job.edges.slice(), edgeLength: 50 }))).toBeCloseTo(50, 0);
    expect(lengths(forceLayout({ ...job, edges: job.edges.slice(), edgeLength: 50, spacing: 500 }))).toBeGreaterThan(
      50,
    );
  });

  it('copes with no nodes, no relations and coincident starts', () => {
    expect(forceLayout({ nodeCount: 0, edges: new Uint32Array(), pinned: -1 })).toHaveLength(0);
    const lonely = forceLayout({ nodeCount: 3, edges: new Uint32Array(), pinned: -1, iterations: 20 });
    expect(lonely.every(Number.isFinite)).toBe(true);
  });
});

describe('startingPositions', () => {
  it('puts the root in the middle and its neighbours before the rest', () => {
    const { nodeCount, edges } = twoClusters();
    const { px, py } = startingPositions(nodeCount, edges, 0, () => 0.5);
    expect(Math.hypot(px[0] ?? 1, py[0] ?? 1)).toBe(0);
    const radius = (i: number) => Math.hypot(px[i] ?? 0, py[i] ?? 0);
    // Leaf 12 is two hops away, leaf 1 one hop.
    expect(radius(1)).toBeLessThan(radius(12));
  });
});
