/**
 * Collapsed communities: each community the visitor folds is drawn as one node standing for its
 * members, and their ties to the rest as one link per neighbour (thicker for more ties). Pure:
 * the visible set in, the folded visible set and what to draw for the folds out.
 */
import type { VisibleSet } from './filters.js';
import type { Communities } from './network.js';

export const FOLD_PREFIX = 'community:';
const LINK_PREFIX = 'fold-link:';

/** The community a fold node stands for (`community:3` → 3), or `null` for an entity's node. */
export function foldIndex(id: string): number | null {
  return id.startsWith(FOLD_PREFIX) ? Number(id.slice(FOLD_PREFIX.length)) : null;
}

export interface Fold {
  id: string;
  index: number;
  lead: string;
  /** The members it hides: those the view shows. */
  members: string[];
}

export interface FoldLink {
  id: string;
  source: string;
  target: string;
  /** How many drawn ties it stands for. */
  count: number;
}

export interface FoldedView {
  visible: VisibleSet;
  folds: Fold[];
  links: FoldLink[];
}

/**
 * Folds the communities in `collapsed`. `ends` gives each edge's two ends; `kept` are entities
 * that stay on their own whatever happens (the focused one, a path's), so that what the visitor
 * looks at is never inside a fold.
 */
export function foldCommunities(
  visible: VisibleSet,
  communities: Communities,
  collapsed: ReadonlySet<number>,
  ends: ReadonlyMap<string, readonly [string, string]>,
  kept: ReadonlySet<string>,
): FoldedView {
  const folds: Fold[] = [];
  const foldOf = new Map<string, string>();
  for (const group of communities.groups) {
    if (!collapsed.has(group.index)) continue;
    const members = group.members.filter((slug) => visible.nodes.has(slug) && !kept.has(slug));
    if (members.length === 0) continue;
    const id = `${FOLD_PREFIX}${group.index}`;
    for (const slug of members) foldOf.set(slug, id);
    folds.push({ id, index: group.index, lead: group.lead, members });
  }
  if (folds.length === 0) return { visible, folds, links: [] };

  const nodes = new Set([...visible.nodes].filter((slug) => !foldOf.has(slug)));
  for (const fold of folds) nodes.add(fold.id);
  const edges = new Set<string>();
  const links = new Map<string, FoldLink>();
  for (const id of visible.edges) {
    const pair = ends.get(id);
    const source = pair && (foldOf.get(pair[0]) ?? pair[0]);
    const target = pair && (foldOf.get(pair[1]) ?? pair[1]);
    if (!pair || !source || !target || (source === pair[0] && target === pair[1])) {
      edges.add(id);
      continue;
    }
    if (source === target) continue;
    const [a, b] = source < target ? [source, target] : [target, source];
    const linkId = `${LINK_PREFIX}${a}|${b}`;
    const link = links.get(linkId) ?? { id: linkId, source: a, target: b, count: 0 };
    link.count += 1;
    links.set(linkId, link);
  }
  for (const id of links.keys()) edges.add(id);
  const changed = new Map([...visible.changed].filter(([id]) => edges.has(id)));
  return { visible: { nodes, edges, changed }, folds, links: [...links.values()] };
}
