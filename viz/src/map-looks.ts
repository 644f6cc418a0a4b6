/**
 * Looks the map puts on its nodes from outside data: community colours, betweenness sizes,
 * labels on every node when few are shown, and on the biggest ones when many are. Each touches
 * the nodes in one batch.
 */
import type { Core, NodeCollection, NodeSingular } from 'cytoscape';
import type { VisibleSet } from './filters.js';
import { GROUPED_CLASS, LANDMARK_CLASS, NAMED_CLASS, NO_COMMUNITY_COLOR, SIZED_CLASS } from './style.js';

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

/** On-screen size of a landmark's label, whatever the zoom. */
const LANDMARK_FONT_PX = 12;
/** Room for one landmark per this much map width: about 12 on a desk, 4 on a phone. */
const PIXELS_PER_LANDMARK = 90;
/** An average glyph's width, as a share of the font size, to size a label before it is drawn. */
const GLYPH_WIDTH = 0.58;
const LANDMARK_MAX_CHARS = 28;

interface ScreenBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const overlaps = (a: ScreenBox, b: ScreenBox) => a.x1 < b.x2 && a.x2 > b.x1 && a.y1 < b.y2 && a.y2 > b.y1;

/** Where a landmark label of `node` would sit on screen: centred under it, as the style draws it. */
function landmarkBox(node: NodeSingular): ScreenBox {
  const { x, y } = node.renderedPosition();
  const text = String(node.data('label') ?? '');
  const width = Math.min(text.length, LANDMARK_MAX_CHARS) * LANDMARK_FONT_PX * GLYPH_WIDTH + 4;
  const top = y + node.renderedHeight() / 2 + 2;
  return { x1: x - width / 2, x2: x + width / 2, y1: top, y2: top + LANDMARK_FONT_PX * 1.3 };
}

/**
 * When too many entities are shown for all to be named, names the biggest ones in view anyway,
 * at a readable size whatever the zoom: a person sees which islands are which before zooming in.
 * They are taken biggest first and a label that would cover another label or a bigger node is
 * skipped, so no two labels collide. Labels the map draws already (a filtered or focused view's,
 * a path's) count as taken room, and shrink no smaller than a landmark's size where they can.
 */
export function nameLandmarks(cy: Core): void {
  const zoom = cy.zoom();
  const width = cy.width();
  const height = cy.height();
  const visible = cy.nodes(':visible').filter((n) => !n.hasClass('faded')) as NodeCollection;
  const named = visible.filter(
    (n) => n.hasClass(NAMED_CLASS) || n.hasClass('highlighted') || n.hasClass('path'),
  ) as NodeCollection;
  // Named nodes are measured at their own size: a landmark's size from an earlier zoom goes first.
  unmark(named);
  const shrunk = (n: NodeSingular) => Number.parseFloat(n.style('font-size')) * zoom < LANDMARK_FONT_PX;
  const taken: { id: string; box: ScreenBox }[] = named.map((n) => ({
    id: n.id(),
    box: n.renderedBoundingBox({ includeLabels: true }),
  }));
  const fits = (node: NodeSingular, box: ScreenBox) =>
    box.x1 >= 0 &&
    box.x2 <= width &&
    box.y2 <= height &&
    !taken.some((t) => t.id !== node.id() && overlaps(box, t.box));
  const chosen: NodeSingular[] = [];
  const choose = (node: NodeSingular, box: ScreenBox) => {
    chosen.push(node);
    taken.push({ id: node.id(), box }, { id: node.id(), box: node.renderedBoundingBox({ includeLabels: false }) });
  };
  const bigFirst = (a: NodeSingular, b: NodeSingular) =>
    b.renderedWidth() - a.renderedWidth() || b.data('degree') - a.data('degree');
  // Zoomed out, names the map draws anyway shrink with it. The entities looked at (a focus and its
  // neighbours, a path) keep a landmark's size whatever is near; the others of a filtered or
  // focused view get it where it covers nothing, else keep their small name.
  const lookedAt = named.filter((n) => (n.hasClass('highlighted') || n.hasClass('path')) && shrunk(n));
  for (const node of lookedAt) choose(node, landmarkBox(node));
  for (const node of named.filter((n) => !lookedAt.contains(n) && shrunk(n)).sort(bigFirst)) {
    const box = landmarkBox(node);
    if (fits(node, box)) choose(node, box);
  }
  if (named.length < visible.length) {
    const limit = Math.max(3, Math.floor(width / PIXELS_PER_LANDMARK));
    const candidates = visible
      .filter((n) => {
        const { x, y } = n.renderedPosition();
        return !named.contains(n) && x >= 0 && y >= 0 && x <= width && y <= height;
      })
      .sort(bigFirst);
    let unnamed = 0;
    for (const node of candidates) {
      if (unnamed >= limit) break;
      const box = landmarkBox(node);
      if (!fits(node, box)) continue;
      choose(node, box);
      unnamed++;
    }
  }
  let landmarks = cy.collection();
  for (const node of chosen) landmarks = landmarks.union(node);
  cy.batch(() => {
    dropLandmarks(cy, landmarks);
    landmarks.addClass(LANDMARK_CLASS).style({
      'font-size': LANDMARK_FONT_PX / zoom,
      'text-max-width': `${(LANDMARK_MAX_CHARS * LANDMARK_FONT_PX * GLYPH_WIDTH) / zoom}px`,
    });
  });
}

/**
 * Takes the landmark labels away (but from `keep`): a layout that makes room for labels must
 * measure the labels the nodes will carry, not the enlarged ones of the view before.
 */
export function dropLandmarks(cy: Core, keep = cy.collection()): void {
  unmark(cy.nodes(`.${LANDMARK_CLASS}`).not(keep));
}

/** Gives the landmarks among `nodes` back their own label size. */
function unmark(nodes: NodeCollection): void {
  nodes.filter(`.${LANDMARK_CLASS}`).removeClass(LANDMARK_CLASS).removeStyle('font-size text-max-width');
}
