/**
 * Looks the map puts on its nodes from outside data: community colours, betweenness sizes, and
 * labels on every node when few are shown. Each touches the nodes in one batch.
 */
import type { Core } from 'cytoscape';
import type { VisibleSet } from './filters.js';
import { GROUPED_CLASS, NAMED_CLASS, NO_COMMUNITY_COLOR, SIZED_CLASS } from './style.js';

/** Up to this many visible entities, each carries its label whatever the zoom. */
const NAMED_LIMIT = 40;

/** Colours nodes by community (`colors`: slug → colour), or back by category (`null`). */
export function colourNodes(cy: Core, colors: ReadonlyMap<string, string> | null): void {
  cy.batch(() => {
    if (!colors) {
      cy.nodes().removeClass(GROUPED_CLASS);
      return;
    }
    cy.nodes().forEach((node) => {
      node.data('groupColor', colors.get(node.id()) ?? NO_COMMUNITY_COLOR);
    });
    cy.nodes().addClass(GROUPED_CLASS);
  });
}

/** Sizes nodes from `sizes` (slug → diameter), or back by their ties (`null`). */
export function sizeNodes(cy: Core, sizes: ReadonlyMap<string, number> | null): void {
  cy.batch(() => {
    if (!sizes) {
      cy.nodes().removeClass(SIZED_CLASS);
      return;
    }
    cy.nodes().forEach((node) => {
      node.data('bsize', sizes.get(node.id()) ?? node.data('size'));
    });
    cy.nodes().addClass(SIZED_CLASS);
  });
}

/** When few entities are shown, each one carries its label whatever the zoom. */
export function nameVisible(cy: Core, visible: VisibleSet): void {
  const named = visible.nodes.size <= NAMED_LIMIT ? cy.nodes().filter((n) => visible.nodes.has(n.id())) : null;
  const drop = cy.nodes(`.${NAMED_CLASS}`);
  if (named) {
    if (drop.same(named)) return;
    cy.batch(() => {
      drop.not(named).removeClass(NAMED_CLASS);
      named.addClass(NAMED_CLASS);
    });
  } else if (drop.nonempty()) {
    drop.removeClass(NAMED_CLASS);
  }
}
