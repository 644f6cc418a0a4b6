/**
 * The map arranged around one entity (Kumu's "focus", Gephi's radial axis): the entity in the
 * middle, those one relation away on the first ring, two away further out, and so on.
 * Cytoscape's `concentric` layout places the rings; this module decides who goes on which ring,
 * and in which order around it, so that the picture is the same on every load.
 */
import type { Collection, Core, LayoutOptions, NodeSingular } from 'cytoscape';

/** Room between two nodes' boxes (labels included), in model units. */
const RING_GAP = 12;

/** Each entity reached, with how far it is and where it hangs from. */
interface Reached {
  node: NodeSingular;
  hops: number;
  /** Rank of the entity it was reached from, on the ring inside (0 for the first ring). */
  parentRank: number;
  /** Type of the relation it was reached by (the first by name, when several). */
  via: string;
  label: string;
}

/**
 * Who sits on which ring: a breadth-first walk from `focus` over `elements`, each ring ordered
 * by the rank of the entity it hangs from on the ring inside (so that children sit near their
 * parent and ties do not cross the picture), then by the relation's type, then by name.
 * Entities not reached are left out.
 */
export function ringsAround(focus: NodeSingular, elements: Collection): NodeSingular[][] {
  const edges = elements.edges();
  const rings: Reached[][] = [[{ node: focus, hops: 0, parentRank: 0, via: '', label: '' }]];
  const seen = new Set([focus.id()]);
  for (let hops = 1; ; hops++) {
    const inner = rings[hops - 1] as Reached[];
    const found = new Map<string, Reached>();
    inner.forEach(({ node }, rank) => {
      node.connectedEdges().forEach((edge) => {
        if (!edges.contains(edge)) return;
        const other = edge.source().same(node) ? edge.target() : edge.source();
        if (seen.has(other.id()) || !elements.contains(other)) return;
        const via = String(edge.data('type') ?? '');
        const known = found.get(other.id());
        if (known && (known.parentRank < rank || (known.parentRank === rank && known.via <= via))) return;
        found.set(other.id(), { node: other, hops, parentRank: rank, via, label: String(other.data('label') ?? '') });
      });
    });
    if (found.size === 0) break;
    for (const id of found.keys()) seen.add(id);
    rings.push([...found.values()].sort(byPlace));
  }
  return rings.map((ring) => ring.map((reached) => reached.node));
}

function byPlace(a: Reached, b: Reached): number {
  return (
    a.parentRank - b.parentRank ||
    a.via.localeCompare(b.via) ||
    a.label.localeCompare(b.label) ||
    a.node.id().localeCompare(b.node.id())
  );
}

/** The smallest radius at which Cytoscape's concentric layout puts `count` nodes `spacing` apart. */
function radiusFor(count: number, spacing: number): number {
  return count > 1 ? spacing / (2 * Math.sin(Math.PI / count)) : 0;
}

/** Radii of rings holding `sizes` nodes, the first one `spacing` beyond `from`, as the layout computes them. */
function radii(from: number, sizes: readonly number[], spacing: number): number[] {
  let radius = from;
  return sizes.map((size) => {
    radius = Math.max(radius + spacing, radiusFor(size, spacing));
    return radius;
  });
}

/**
 * Splits each crowded ring into the number of concentric ones that keeps the picture smallest,
 * dealt in turn so that the order around the circle holds: a hundred entities on one ring would
 * push it far out, where every label is too small to read.
 */
export function splitRings<T>(rings: readonly T[][], spacing: number): T[][] {
  const out: T[][] = [];
  let radius = 0;
  rings.forEach((ring, i) => {
    if (i === 0) {
      out.push([...ring]);
      radius = ring.length > 1 ? radiusFor(ring.length, spacing) : 0;
      return;
    }
    let best = { count: 1, outer: Number.POSITIVE_INFINITY };
    for (let count = 1; count <= ring.length; count++) {
      const sizes = Array.from({ length: count }, (_, k) => Math.ceil((ring.length - k) / count));
      const outer = radii(radius, sizes, spacing).at(-1) ?? radius;
      if (outer < best.outer) best = { count, outer };
    }
    const parts = Array.from({ length: best.count }, (_, k) => ring.filter((_node, j) => j % best.count === k));
    out.push(...parts);
    radius = best.outer;
  });
  return out;
}

function labelOrder(a: NodeSingular, b: NodeSingular): number {
  return String(a.data('label')).localeCompare(String(b.data('label'))) || a.id().localeCompare(b.id());
}

/**
 * Places the visible elements around `focus` on rings by distance, through Cytoscape's
 * `concentric` layout; those no shown relation reaches go on the outermost ring. False if
 * `focus` is not shown.
 */
export function arrangeAround(cy: Core, focus: string): boolean {
  const centre = cy.getElementById(focus);
  if (centre.empty() || !centre.isNode() || !centre.visible()) return false;
  const shown = cy.elements(':visible');
  const dimensions = { nodeDimensionsIncludeLabels: true };
  const widest = shown
    .nodes()
    .reduce((most, node) => Math.max(most, ...Object.values(node.layoutDimensions(dimensions))), 0);
  const spacing = widest + RING_GAP;
  const rings = ringsAround(centre, shown);
  // What no shown relation reaches still needs a place: the outermost ring, past everything tied.
  const reached = new Set(rings.flat().map((node) => node.id()));
  const apart = shown
    .nodes()
    .map((node) => node)
    .filter((node) => !reached.has(node.id()));
  if (apart.length > 0) rings.push(apart.sort(labelOrder));
  const split = splitRings(rings, spacing);
  const level = new Map<string, number>();
  split.forEach((ring, i) => {
    for (const node of ring) level.set(node.id(), split.length - i);
  });
  // Concentric keeps the collection's order within a ring: build it ring by ring, in order.
  const placed = cy.collection();
  for (const node of split.flat()) placed.merge(node);
  const options = {
    name: 'concentric',
    concentric: (node: NodeSingular) => level.get(node.id()) ?? 0,
    levelWidth: () => 1,
    ...dimensions,
    minNodeSpacing: RING_GAP,
    avoidOverlap: true,
    startAngle: (3 / 2) * Math.PI,
    clockwise: true,
    fit: false,
    animate: false,
    boundingBox: { x1: centre.position('x'), y1: centre.position('y'), w: 0, h: 0 },
  } as LayoutOptions;
  placed.layout(options).run();
  return true;
}
