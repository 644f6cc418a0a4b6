/**
 * Draws the folded communities (collapse.ts) on the map: one node per fold, at the middle of the
 * members it hides, and one link per neighbour. Only the folds change here; the members stay in
 * the graph, hidden by the visible set, so unfolding puts them back where they were.
 */
import type { Core } from 'cytoscape';
import type { Fold, FoldLink } from './collapse.js';
import { communityColor, FOLD_CLASS, FOLD_LINK_CLASS } from './style.js';

export function drawFolds(
  cy: Core,
  folds: readonly Fold[],
  links: readonly FoldLink[],
  labelOf: (fold: Fold) => string,
): void {
  const wanted = new Set([...folds.map((f) => f.id), ...links.map((l) => l.id)]);
  const stale = cy.elements(`.${FOLD_CLASS}, .${FOLD_LINK_CLASS}`).filter((e) => !wanted.has(e.id()));
  if (folds.length === 0 && stale.empty()) return;
  cy.batch(() => {
    stale.remove();
    for (const fold of folds) {
      const members = cy.collection();
      for (const slug of fold.members) members.merge(cy.getElementById(slug));
      const box = members.boundingBox({});
      const position = { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 };
      const color = communityColor(fold.index);
      const data = {
        id: fold.id,
        label: labelOf(fold),
        kind: 'COMMUNITY',
        degree: fold.members.length,
        size: Math.min(90, 30 + 6 * Math.sqrt(fold.members.length)),
        shape: 'ellipse',
        color,
        groupColor: color,
      };
      const node = cy.getElementById(fold.id);
      if (node.empty()) cy.add({ group: 'nodes', data, position, classes: FOLD_CLASS });
      else node.data(data).position(position);
    }
    for (const link of links) {
      const edge = cy.getElementById(link.id);
      if (edge.nonempty()) edge.data('count', link.count);
      else {
        const data = { ...link, color: '#7a8294', line: 'solid' };
        cy.add({ group: 'edges', data, classes: FOLD_LINK_CLASS });
      }
    }
  });
}
