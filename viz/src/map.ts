/**
 * The drawing: a Cytoscape instance drawing the elements, with the highlight and camera moves
 * canvas.ts asks for. Knows nothing of the URL, the API or the panels.
 */
import cytoscape, { type Collection, type Core, type EdgeSingular, type ElementDefinition } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { same } from './changed.js';
import type { Fold, FoldLink } from './collapse.js';
import type { Change, VisibleSet } from './filters.js';
import { arrangeAround } from './focus-layout.js';
import { fitAround, fitAroundHeart, placeBigGraph, runLayout, runLayoutWithout } from './layout.js';
import { drawFolds } from './map-folds.js';
import { colourNodes, dropLandmarks, nameLandmarks, nameVisible, sizeNodes } from './map-looks.js';
import { softwareEdgeId } from './software-edge.js';
import { CURSOR_CLASS, LABELLED_CLASS, LARGE_GRAPH, stylesheet } from './style.js';

cytoscape.use(fcose);

/**
 * No node the camera frames is drawn wider than this: zoomed onto a small entity, a hub among its
 * neighbours (Framasoft is 80 units wide) would otherwise cover a quarter of the map.
 */
const MAX_FRAMED_NODE_PX = 88;

export type Highlight =
  | { kind: 'none' }
  | { kind: 'focus'; slug: string }
  | { kind: 'relation'; id: string }
  | { kind: 'path'; edges: readonly string[]; labels: ReadonlyMap<string, string>; focus: string | null };

export type Camera =
  | { kind: 'overview' }
  | { kind: 'elements'; ids: readonly string[] }
  /** Everything shown, with this entity in the middle (the map arranged around it). */
  | { kind: 'around'; slug: string };

export interface MapHandlers {
  onNode(slug: string): void;
  onEdge(id: string): void;
  onBackground(): void;
  /** The pointer entered a node (`null`: left it), or the view moved under it. */
  onHover(slug: string | null): void;
}

/** What the tooltip tells of a node, and where it is on screen. */
export interface NodeInfo {
  label: string;
  kind: string;
  ties: number;
  x: number;
  y: number;
  size: number;
}

export interface RendererChoice {
  /** Cytoscape's WebGL renderer; `undefined` lets the graph's size decide. */
  webgl?: boolean;
}

const HIGHLIGHT_CLASSES = 'faded highlighted focus path';

/** On big graphs, labels appear once zoomed in this far, for at most this many nodes in view. */
const LABEL_ZOOM = 0.6;
const MAX_LABELS = 800;

type Positions = Map<string, { x: number; y: number }>;

/** Big graphs trade looks for speed: straight edges, fewer labels, their own layout. */
export function isLarge(elements: { nodes: unknown[]; edges: unknown[] }): boolean {
  return elements.nodes.length + elements.edges.length > LARGE_GRAPH;
}

function byIds(cy: Core, ids: readonly string[]): Collection {
  const collection = cy.collection();
  for (const id of ids) collection.merge(cy.getElementById(id));
  return collection;
}

export class MapView {
  cy: Core | null = null;
  /** The highlight last drawn, so that re-applying the same view costs nothing; `null` after new elements. */
  private highlighted: Highlight | null = null;
  private generation = 0;
  /** Positions of the whole map and of the map without its hub, each laid out once per graph. */
  private layouts = new Map<'all' | 'islands', Positions>();
  private hubHidden = false;
  private large = false;
  /** The entity the map is arranged around, and the shown nodes it was arranged for (see focus-layout.ts). */
  private around: { slug: string; shown: string } | null = null;
  /** The community colours and betweenness sizes last drawn (`undefined`: nothing drawn on this graph yet). */
  private colors: ReadonlyMap<string, string> | null | undefined;
  private sizes: ReadonlyMap<string, number> | null | undefined;
  /** True from a new graph until the camera first frames it. */
  unframed = false;
  /** Room the camera leaves free at the bottom (a bottom sheet over the map), in pixels. */
  bottomInset = 0;
  private readonly reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

  constructor(
    private readonly container: HTMLElement,
    private readonly handlers: MapHandlers,
    private readonly renderer: RendererChoice = {},
  ) {}

  /**
   * Draws a new graph; resolves once it is laid out (null if another graph replaced it
   * meanwhile). Renderer options are fixed when Cytoscape starts and depend on the graph's
   * size, so each graph gets a fresh instance.
   */
  async setGraph(elements: { nodes: ElementDefinition[]; edges: ElementDefinition[] }): Promise<Core | null> {
    this.cy?.destroy();
    this.cy = null;
    this.highlighted = null;
    this.layouts.clear();
    this.hubHidden = false;
    this.around = null;
    this.colors = undefined;
    this.sizes = undefined;
    const generation = ++this.generation;
    const large = isLarge(elements);
    this.large = large;
    if (large) {
      await placeBigGraph(elements);
      if (generation !== this.generation) return null;
      performance.mark('archipel:placed');
    }
    const cy = cytoscape({
      container: this.container,
      elements: [...elements.nodes, ...elements.edges],
      style: stylesheet({ large }),
      // No initial layout: Cytoscape's default grid measured every label (seconds on big graphs) for nothing.
      layout: { name: 'preset', fit: false },
      minZoom: 0.02,
      maxZoom: 5,
      boxSelectionEnabled: false,
      selectionType: 'single',
      // Redrawing 20,000 edges on every pan frame is what makes big graphs crawl: during
      // viewport moves, draw a cached bitmap and skip edges instead.
      hideEdgesOnViewport: large,
      textureOnViewport: large,
      pixelRatio: large ? 1 : 'auto',
      motionBlur: false,
      // Opt-in (?renderer=webgl): in headless Chromium without a GPU, WebGL panned 10–50× slower
      // than the canvas (npm run bench:map); on real GPUs it may well win.
      webgl: this.renderer.webgl ?? false,
    });
    cy.on('tap', 'node', (event) => this.handlers.onNode(event.target.id()));
    cy.on('tap', 'edge', (event) => this.handlers.onEdge(event.target.id()));
    cy.on('tap', (event) => {
      if (event.target === cy) this.handlers.onBackground();
    });
    cy.on('mouseover', 'node', (event) => this.handlers.onHover(event.target.id()));
    cy.on('mouseout', 'node', () => this.handlers.onHover(null));
    this.cy = cy;
    if (large) this.labelNodesInView(cy);
    // Once the view settles, name again the biggest nodes it shows (a zoom changes what fits).
    else whenViewportSettles(cy, 150, () => nameLandmarks(cy));
    performance.mark('archipel:cytoscape');
    if (this.renderer.webgl) {
      // Cytoscape's WebGL path draws without emitting 'render': the frame after the first draw is it.
      requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('archipel:first-render')));
    } else {
      cy.one('render', () => performance.mark('archipel:first-render'));
    }
    // No framing here: the first view frames the map (canvas.ts), and framing twice cost twice.
    if (!large) runLayout(cy);
    this.unframed = true;
    performance.mark('archipel:fitted');
    this.layouts.set('all', positionsOf(cy));
    return cy;
  }

  /** Once the view settles, labels the nodes it shows when zoomed in enough for them to be read. */
  private labelNodesInView(cy: Core): void {
    whenViewportSettles(cy, 400, () => {
      const extent = cy.extent();
      let inView = cy.collection();
      if (cy.zoom() >= LABEL_ZOOM) {
        inView = cy.nodes(':visible').filter((node) => {
          const { x, y } = node.position();
          return x >= extent.x1 && x <= extent.x2 && y >= extent.y1 && y <= extent.y2;
        });
        if (inView.length > MAX_LABELS) inView = cy.collection();
      }
      cy.batch(() => {
        cy.nodes(`.${LABELLED_CLASS}`).not(inView).removeClass(LABELLED_CLASS);
        inView.not(`.${LABELLED_CLASS}`).addClass(LABELLED_CLASS);
      });
    });
  }

  /** True while a big graph is being placed (in a worker): there is nothing to draw yet. */
  get placing(): boolean {
    return this.cy === null && this.generation > 0;
  }

  /**
   * Lays the map out with the hub or without it (`hubHidden`); each layout is computed once per
   * graph and then reused, so that going back and forth shows the same two pictures. Big graphs
   * keep their one layout: a second pass would take seconds.
   */
  arrange(hubHidden: boolean, hub: string): void {
    const cy = this.cy;
    if (!cy || hubHidden === this.hubHidden) return;
    this.hubHidden = hubHidden;
    this.around = null;
    const key = hubHidden ? 'islands' : 'all';
    const saved = this.layouts.get(key);
    if (saved) {
      cy.nodes().positions((node) => saved.get(node.id()) ?? node.position());
    } else if (!this.large) {
      runLayoutWithout(cy, hub);
      this.layouts.set(key, positionsOf(cy));
    }
  }

  /** The entity the map is arranged around now, if any. */
  get arrangedAround(): string | null {
    return this.around?.slug ?? null;
  }

  /**
   * Arranges what is shown on rings around `slug` (focus-layout.ts), again whenever what is
   * shown changes; `null` puts the force layout's places back. Big graphs keep their layout.
   */
  private arrangeAround(cy: Core, slug: string | null): void {
    if (this.large) slug = null;
    if (!slug) {
      if (!this.around) return;
      this.around = null;
      this.highlighted = null;
      const saved = this.layouts.get(this.hubHidden ? 'islands' : 'all');
      if (saved) cy.nodes().positions((node) => saved.get(node.id()) ?? node.position());
      return;
    }
    const shown = cy
      .nodes(':visible')
      .map((node) => node.id())
      .join(' ');
    if (this.around?.slug === slug && this.around.shown === shown) return;
    this.highlighted = null;
    this.around = arrangeAround(cy, slug) ? { slug, shown } : null;
  }

  /** Draws the folded communities, or takes away those unfolded (see map-folds.ts). */
  fold(folds: readonly Fold[], links: readonly FoldLink[], labelOf: (fold: Fold) => string): void {
    if (this.cy) drawFolds(this.cy, folds, links, labelOf);
  }

  /** Colours nodes by community (`colors`: slug → colour), or back by category (`null`). */
  colourBy(colors: ReadonlyMap<string, string> | null): void {
    if (!this.cy || colors === this.colors) return;
    this.colors = colors;
    colourNodes(this.cy, colors);
  }

  /** Sizes nodes from `sizes` (slug → diameter), or back by their ties (`null`). */
  sizeBy(sizes: ReadonlyMap<string, number> | null): void {
    if (!this.cy || sizes === this.sizes) return;
    this.sizes = sizes;
    sizeNodes(this.cy, sizes);
  }

  /** Zooms by `factor` around the middle of the view. */
  zoomBy(factor: number): void {
    const cy = this.cy;
    if (!cy) return;
    const level = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * factor));
    cy.stop(true, true);
    cy.zoom({ level, renderedPosition: { x: cy.width() / 2, y: (cy.height() - this.bottomInset) / 2 } });
  }

  /** A visible node's name, kind and ties, and where it sits on screen; `null` if it is not shown. */
  nodeInfo(slug: string): NodeInfo | null {
    const node = this.cy?.getElementById(slug);
    if (!node || node.empty() || !node.isNode() || !node.visible()) return null;
    const { x, y } = node.renderedPosition();
    return {
      label: String(node.data('label')),
      kind: String(node.data('kind')),
      ties: Number(node.data('degree')),
      x,
      y,
      size: node.renderedOuterWidth(),
    };
  }

  /** The visible entities tied to `slug`, by name: where the arrow keys go from it. */
  neighboursOf(slug: string): string[] {
    const node = this.cy?.getElementById(slug);
    if (!node || node.empty()) return [];
    return node
      .neighborhood('node:visible')
      .map((n) => ({ id: n.id(), label: String(n.data('label')) }))
      .sort((a, b) => a.label.localeCompare(b.label))
      .map((n) => n.id);
  }

  /** The entity to start a keyboard walk from: the most tied visible one. */
  firstNode(): string | null {
    const nodes = this.cy?.nodes(':visible');
    if (!nodes || nodes.empty()) return null;
    return nodes.max((n) => Number(n.data('degree'))).ele.id();
  }

  /** Marks the node the keyboard is on (`null`: none), bringing it into view. */
  setCursor(slug: string | null): void {
    const cy = this.cy;
    if (!cy) return;
    cy.nodes(`.${CURSOR_CLASS}`).removeClass(CURSOR_CLASS);
    if (!slug) return;
    const node = cy.getElementById(slug);
    node.addClass(CURSOR_CLASS);
    const { x, y } = node.renderedPosition();
    if (x < 0 || y < 0 || x > cy.width() || y > cy.height() - this.bottomInset) {
      cy.center(node);
    }
  }

  /** Adds elements the loaded graph lacks (a path through entities outside a neighbourhood view), placed beside their neighbours. */
  addMissing(elements: { nodes: ElementDefinition[]; edges: ElementDefinition[] }): void {
    const cy = this.cy;
    if (!cy) return;
    const nodes = elements.nodes.filter((n) => cy.getElementById(String(n.data.id)).empty());
    const edges = elements.edges.filter((e) => cy.getElementById(String(e.data.id)).empty());
    if (nodes.length === 0 && edges.length === 0) return;
    const added = cy.add([...nodes, ...edges]);
    this.highlighted = null;
    added.nodes().forEach((node) => {
      const placed = node.neighborhood('node').filter((n) => !added.contains(n));
      const at = placed.nonempty() ? placed.boundingBox() : cy.extent();
      node.position({ x: (at.x1 + at.x2) / 2 + 60 * Math.random(), y: (at.y1 + at.y2) / 2 + 60 * Math.random() });
    });
  }

  /**
   * Hides what the filters leave out and marks how relations changed ("changes" mode), touching
   * only elements whose state changes: restyling 25,000 of them costs seconds.
   */
  show(visible: VisibleSet, around: string | null = null): void {
    const cy = this.cy;
    if (!cy) return;
    this.showOnly(cy, visible);
    dropLandmarks(cy);
    this.arrangeAround(cy, around);
    // Arranged around an entity, every node has room for its label: each one carries it.
    nameVisible(cy, visible, this.around !== null);
    if (!this.large) nameLandmarks(cy);
  }

  private showOnly(cy: Core, visible: VisibleSet): void {
    const hide = cy.collection();
    const reveal = cy.collection();
    const marks: [EdgeSingular, Change | undefined][] = [];
    cy.elements().forEach((element) => {
      const id = element.id();
      const shown = element.group() === 'nodes' ? visible.nodes.has(id) : visible.edges.has(id);
      const hidden = element.hasClass('filtered');
      if (shown && hidden) reveal.merge(element);
      else if (!shown && !hidden) hide.merge(element);
      if (element.isEdge() && element.data('changed') !== visible.changed.get(id)) {
        marks.push([element, visible.changed.get(id)]);
      }
    });
    if (hide.empty() && reveal.empty() && marks.length === 0) return;
    cy.batch(() => {
      hide.addClass('filtered');
      reveal.removeClass('filtered');
      for (const [edge, change] of marks) {
        if (change) edge.data('changed', change);
        else edge.removeData('changed');
      }
    });
  }

  highlight(highlight: Highlight): void {
    const cy = this.cy;
    if (!cy) return;
    if (this.highlighted && same(highlight, this.highlighted)) return;
    this.highlighted = highlight;
    cy.batch(() => {
      cy.elements('.faded, .highlighted, .focus, .path').removeClass(HIGHLIGHT_CLASSES);
      cy.edges('[pathLabel]').removeData('pathLabel');
      const lit = this.lit(cy, highlight);
      if (!lit || lit.empty()) return;
      if (!(highlight.kind === 'focus' && this.around?.slug === highlight.slug))
        cy.elements().not(lit).addClass('faded');
      lit.addClass('highlighted');
      if (highlight.kind === 'focus') cy.getElementById(highlight.slug).addClass('focus');
      if (highlight.kind === 'path') {
        lit.addClass('path');
        for (const [id, label] of highlight.labels) cy.getElementById(id).data('pathLabel', label);
        if (highlight.focus) cy.getElementById(highlight.focus).addClass('focus');
      }
    });
  }

  private lit(cy: Core, highlight: Highlight): Collection | null {
    switch (highlight.kind) {
      case 'none':
        return null;
      case 'focus': {
        const focus = cy.getElementById(highlight.slug);
        // On rings, distance already tells how near each entity is: the outer rings stay readable.
        if (this.around?.slug === highlight.slug) return focus.union(focus.connectedEdges());
        return focus.closedNeighborhood();
      }
      case 'relation': {
        const edge = cy.getElementById(highlight.id).union(cy.getElementById(softwareEdgeId(highlight.id)));
        return edge.union(edge.connectedNodes());
      }
      case 'path': {
        const edges = byIds(cy, highlight.edges).edges();
        return edges.union(edges.connectedNodes());
      }
    }
  }

  /** Moves the view: to the whole map (around Framasoft), or to fit some elements without zooming in absurdly on a single node. */
  frame(camera: Camera): void {
    const cy = this.cy;
    if (!cy) return;
    this.unframed = false;
    if (camera.kind === 'overview') {
      fitAroundHeart(cy);
      return;
    }
    if (camera.kind === 'around') {
      cy.stop(true, true);
      fitAround(cy, cy.getElementById(camera.slug), {
        padding: 24,
        bottom: this.bottomInset,
        animate: !this.reducedMotion,
        labels: true,
      });
      return;
    }
    const targets = byIds(cy, camera.ids).filter(':visible');
    const around = targets.union(targets.filter('node').closedNeighborhood(':visible'));
    if (around.empty()) return;
    const box = around.boundingBox({ includeLabels: false });
    const widest = Math.max(1, ...around.nodes().map((node) => node.outerWidth()));
    // A bottom sheet over the map takes its part of the height: the camera frames what is left.
    const height = Math.max(cy.height() - this.bottomInset, cy.height() / 3);
    // Room for labels at the edges; on a phone's band above the sheet, 60 px a side left the
    // neighbourhood a third of its size and its labels unreadable.
    const padding = Math.min(60, 0.1 * height, 0.1 * cy.width());
    const zoom = Math.min(
      (cy.width() - 2 * padding) / Math.max(box.w, 1),
      (height - 2 * padding) / Math.max(box.h, 1),
      1.6,
      MAX_FRAMED_NODE_PX / widest,
    );
    const level = Math.max(zoom, cy.minZoom());
    const pan = { x: cy.width() / 2 - level * (box.x1 + box.w / 2), y: height / 2 - level * (box.y1 + box.h / 2) };
    cy.stop(true, true);
    if (this.reducedMotion) cy.viewport({ zoom: level, pan });
    else cy.animate({ zoom: level, pan }, { duration: 450, easing: 'ease-in-out-cubic' });
  }

  /** The current view (not the whole graph) as a PNG, at twice the screen's resolution for print. */
  has(id: string): boolean {
    return this.cy?.getElementById(id).nonempty() ?? false;
  }

  /** Tells Cytoscape the container's size if it changed (a panel opened beside it). */
  fitContainer(): void {
    const cy = this.cy;
    if (!cy) return;
    const { clientWidth, clientHeight } = this.container;
    if (clientWidth > 0 && (clientWidth !== cy.width() || clientHeight !== cy.height())) cy.resize();
  }

  /** Recomputes the canvas size after the container was hidden or resized. */
  resize(): void {
    this.cy?.resize();
  }
}

function positionsOf(cy: Core): Positions {
  return new Map(cy.nodes().map((node) => [node.id(), { ...node.position() }]));
}

/** Runs `update` once the viewport has not moved for `ms`: a pan or a zoom fires many events. */
function whenViewportSettles(cy: Core, ms: number, update: () => void): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  cy.on('viewport', () => {
    clearTimeout(timer);
    timer = setTimeout(update, ms);
  });
}
