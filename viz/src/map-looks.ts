/**
 * Looks the map puts on its nodes from outside data: community colours, betweenness sizes, and
 * labels on every node when few are shown. Each touches the nodes in one batch.
 */
import type { Core, NodeSingular } from 'cytoscape';
import type { VisibleSet } from './filters.js';
import { GROUPED_CLASS, NAMED_CLASS, NO_COMMUNITY_COLOR, SIZED_CLASS } from './style.js';

/** Up to this many visible entities, each carries its label whatever the zoom. */
const NAMED_LIMIT = 40;

/**
 * Gives every node `dataKey` from `values` (slug → value, `fallback` for a node it lacks) and the
 * class whose style reads it; `null` takes the class away, so the style falls back to its default.
 */
function markNodes<T>(
  cy: Core,
  className: string,
  dataKey: string,
  values: ReadonlyMap<string, T> | null,
  fallback: (node: NodeSingular) => T,
): void {
  cy.batch(() => {
    if (!values) {
      cy.nodes().removeClass(className);
      return;
    }
    cy.nodes().forEach((node) => {
      node.data(dataKey, values.get(node.id()) ?? fallback(node));
    });
    cy.nodes().addClass(className);
  });
}

/** Colours nodes by community (`colors`: slug → colour), or back by category (`null`). */
export function colourNodes(cy: Core, colors: ReadonlyMap<string, string> | null): void {
  markNodes(cy, GROUPED_CLASS, 'groupColor', colors, () => NO_COMMUNITY_COLOR);
}

/** Sizes nodes from `sizes` (slug → diameter), or back by their ties (`null`). */
export function sizeNodes(cy: Core, sizes: ReadonlyMap<string, number> | null): void {
  markNodes(cy, SIZED_CLASS, 'bsize', sizes, (node) => node.data('size'));
}

/** When few entities are shown (or `everyone`), each one carries its label whatever the zoom. */
export function nameVisible(cy: Core, visible: VisibleSet, everyone = false): void {
  const named =
    everyone || visible.nodes.size <= NAMED_LIMIT ? cy.nodes().filter((n) => visible.nodes.has(n.id())) : null;
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
