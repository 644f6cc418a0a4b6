/**
 * "Hide the hub": Framasoft ties to most of the archipelago, so with it on the map everything
 * reads as a star around it. Setting it aside, with its ties, leaves the islands and the ties
 * between them; an entity whose only ties were to the hub has nothing left to show and goes too.
 */
import type { VisibleSet } from './filters.js';

/**
 * The visible set without `hub` and the edges touching it; `ends` gives each edge's two ends,
 * `kept` the entities shown whatever happens (the focused one, a path's ends).
 */
export function withoutHub(
  visible: VisibleSet,
  ends: ReadonlyMap<string, readonly [string, string]>,
  hub: string,
  kept: Iterable<string> = [],
): VisibleSet {
  const edges = new Set<string>();
  const nodes = new Set<string>();
  for (const id of visible.edges) {
    const pair = ends.get(id);
    if (!pair || pair[0] === hub || pair[1] === hub) continue;
    edges.add(id);
    nodes.add(pair[0]);
    nodes.add(pair[1]);
  }
  for (const slug of kept) if (slug !== hub && visible.nodes.has(slug)) nodes.add(slug);
  const changed = new Map([...visible.changed].filter(([id]) => edges.has(id)));
  return { nodes, edges, changed };
}
