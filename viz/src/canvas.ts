/**
 * The canvas side of the view: the element Cytoscape draws in, what it lights for the view
 * state, where the camera goes, and what sits over the map (zoom buttons, tooltip, keyboard
 * walk). map.ts does the drawing; this module decides what to draw.
 */

import type { EntityKind } from '../../model/vocabulary.js';
import { h, replaceChildren } from './dom.js';
import type { VisibleSet } from './filters.js';
import { kindLabel, type Lang, relationLabel, type Translate } from './i18n.js';
import { type Highlight, type MapHandlers, MapView, type RendererChoice } from './map.js';
import { AroundSwitch, TOOLTIP_ID, Tooltip, zoomControls } from './map-controls.js';
import type { PathResult } from './path-finder.js';
import type { RelationDetails } from './queries.js';
import { pathKey, type ViewState } from './url-state.js';

/** Where the view should move once the data it needs is there. */
export type CameraIntent = 'overview' | 'focus' | 'path' | null;

/** How much one press of a zoom button zooms. */
const ZOOM_STEP = 1.4;

/** After back/forward: to the path if the question changed, else to the focus if it moved, else nowhere. */
export function cameraAfterHistory(previous: ViewState, next: ViewState): CameraIntent {
  if (next.path && pathKey(next.path) !== pathKey(previous.path)) return 'path';
  return next.focus !== previous.focus ? 'focus' : null;
}

/** What is lit: the path on screen, else the selected relation, else the focused entity's neighbourhood. */
export function highlightOf(state: ViewState, pathRelations: readonly RelationDetails[], lang: Lang): Highlight {
  if (pathRelations.length > 0) {
    return {
      kind: 'path',
      edges: pathRelations.map((r) => r.id),
      labels: new Map(pathRelations.map((r) => [r.id, relationLabel(r.type, lang)])),
      focus: state.focus,
    };
  }
  if (state.relation) return { kind: 'relation', id: state.relation };
  if (state.focus) return { kind: 'focus', slug: state.focus };
  return { kind: 'none' };
}

export class Canvas {
  /** Focusable: arrow keys walk from node to neighbour, with the tooltip naming each. */
  readonly element = h('div', { class: 'canvas', role: 'application', tabindex: 0 });
  /** The zoom buttons and the tooltip, laid over the canvas. */
  readonly overlay = h('div', { class: 'map-overlay' });
  readonly map: MapView;
  /** Kept until the camera can move: the graph laid out, the map on screen, the path answered. */
  intent: CameraIntent = null;
  private readonly tooltip = new Tooltip();
  private lang: Lang = 'en';
  private t: Translate = (key) => key;
  /** The node the keyboard is on, while the canvas has the focus. */
  private cursor: string | null = null;
  /** The focused entity: the arrow keys go round its neighbours. */
  private anchor: string | null = null;
  /** Rings around the focused entity, or the force layout, in neighbourhood views. */
  private readonly aroundSwitch = new AroundSwitch(() => this.redraw());
  /** What was drawn last, to draw again when the arrangement changes. */
  private last: { visible: VisibleSet; highlight: Highlight; around: string | null } | null = null;

  constructor(
    private readonly handlers: Omit<MapHandlers, 'onHover'>,
    renderer: RendererChoice,
  ) {
    this.map = new MapView(this.element, { ...handlers, onHover: (slug) => this.hover(slug) }, renderer);
    this.element.addEventListener('keydown', (event) => this.key(event));
    // Only a keyboard user gets the cursor at once; after a click, the first arrow key brings it.
    this.element.addEventListener('focus', () => {
      if (this.element.matches(':focus-visible')) this.startCursor();
    });
    this.element.addEventListener('blur', () => this.moveCursor(null));
    // Cytoscape says nothing when the pointer leaves the map straight from a node.
    this.element.addEventListener('mouseleave', () => this.hover(null));
    // Cytoscape only hears of window resizes; the panel opening beside the map resizes it too.
    new ResizeObserver(() => this.map.fitContainer()).observe(this.element);
  }

  /** Names the map and its buttons in a language. */
  setLanguage(lang: Lang, t: Translate): void {
    this.lang = lang;
    this.t = t;
    this.element.setAttribute('aria-label', `${t('mapLabel')} ${t('mapKeys')}`);
    replaceChildren(
      this.overlay,
      this.tooltip.element,
      zoomControls(
        t,
        {
          zoomIn: () => this.map.zoomBy(ZOOM_STEP),
          zoomOut: () => this.map.zoomBy(1 / ZOOM_STEP),
          fit: () => this.map.frame({ kind: 'overview' }),
        },
        this.aroundSwitch.element,
      ),
    );
    if (this.last) this.offerAround(this.last.around);
  }

  /** The canvas stays laid out under the list (Cytoscape needs a size), but out of reach. */
  cover(covered: boolean): void {
    this.element.toggleAttribute('inert', covered);
    this.element.setAttribute('aria-hidden', String(covered));
    this.overlay.hidden = covered;
  }

  /**
   * Draws what is shown and lit; `around`: the entity a neighbourhood view is about, which the
   * map is arranged around unless the visitor switched back to the force layout.
   */
  draw(visible: VisibleSet, highlight: Highlight, around: string | null = null): void {
    this.last = { visible, highlight, around };
    this.offerAround(around);
    this.map.show(visible, this.aroundSwitch.pressed ? around : null);
    this.map.highlight(highlight);
    this.anchor = highlight.kind === 'focus' ? highlight.slug : highlight.kind === 'path' ? highlight.focus : null;
    if (this.tooltip.shown && !this.map.nodeInfo(this.tooltip.shown)) this.tooltip.hide();
  }

  private offerAround(around: string | null): void {
    const info = around ? this.map.nodeInfo(around) : null;
    this.aroundSwitch.offer(info ? info.label : null, this.t);
  }

  /** Draws the last view again (the arrangement changed), and frames it. */
  private redraw(): void {
    if (!this.last) return;
    const { visible, highlight, around } = this.last;
    this.draw(visible, highlight, around);
    this.map.fitContainer();
    if (around && this.map.arrangedAround === around) this.map.frame({ kind: 'around', slug: around });
    else if (around) this.map.frame({ kind: 'elements', ids: [around] });
  }

  /** Moves the camera as last asked, once what it frames is there; `arranging`: the graph is still being laid out. */
  moveCamera(state: ViewState, path: PathResult, pathRelations: readonly RelationDetails[], arranging: boolean): void {
    // A new graph not framed yet gets the overview, even when nothing asked for a move.
    const intent = this.intent ?? (this.map.unframed ? 'overview' : null);
    if (!intent || state.view !== 'map' || arranging) return;
    if (intent === 'path' && path.kind === 'loading') return;
    this.intent = null;
    // The details panel may have just opened or closed beside the map: frame in the size it has now.
    this.map.fitContainer();
    if (intent === 'path' && pathRelations.length > 0) {
      this.map.frame({ kind: 'elements', ids: pathRelations.map((r) => r.id) });
    } else if (intent === 'focus' && state.relation && this.map.has(state.relation)) {
      this.map.frame({ kind: 'elements', ids: [state.relation] });
    } else if (intent === 'focus' && state.focus && this.map.arrangedAround === state.focus) {
      this.map.frame({ kind: 'around', slug: state.focus });
    } else if ((intent === 'focus' || intent === 'path') && state.focus) {
      this.map.frame({ kind: 'elements', ids: [state.focus] });
    } else if (intent === 'overview' || intent === 'focus') {
      this.map.frame({ kind: 'overview' });
    }
  }

  private hover(slug: string | null): void {
    if (slug) this.tell(slug);
    else if (this.cursor) this.tell(this.cursor);
    else this.tooltip.hide();
  }

  /** Shows the tooltip for a node: its name, kind and ties. */
  private tell(slug: string): void {
    const info = this.map.nodeInfo(slug);
    if (!info) {
      this.tooltip.hide();
      return;
    }
    const detail =
      info.kind === 'COMMUNITY'
        ? this.t('communityMembers', { count: info.ties })
        : `${kindLabel(info.kind as EntityKind, this.lang)} · ${this.t('ties', { count: info.ties })}`;
    this.tooltip.show(slug, info.label, detail, info.x, info.y, info.size / 2 + 6);
  }

  private startCursor(): void {
    this.moveCursor(this.cursor ?? this.anchor ?? this.map.firstNode());
  }

  private moveCursor(slug: string | null): void {
    this.cursor = slug;
    this.map.setCursor(slug);
    if (slug) {
      this.tell(slug);
      this.element.setAttribute('aria-describedby', TOOLTIP_ID);
    } else {
      this.tooltip.hide();
      this.element.removeAttribute('aria-describedby');
    }
  }

  private key(event: KeyboardEvent): void {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (step && !this.cursor) {
      this.startCursor();
    } else if (step) {
      const from = this.anchor ?? this.cursor;
      const ring = from ? this.map.neighboursOf(from) : [];
      if (ring.length === 0) return;
      const at = this.cursor ? ring.indexOf(this.cursor) : -1;
      const next = at < 0 ? (step > 0 ? 0 : ring.length - 1) : (at + step + ring.length) % ring.length;
      this.moveCursor(ring[next] ?? null);
    } else if ((event.key === 'Enter' || event.key === ' ') && this.cursor) {
      this.handlers.onNode(this.cursor);
    } else if (event.key === '+' || event.key === '=') {
      this.map.zoomBy(ZOOM_STEP);
    } else if (event.key === '-') {
      this.map.zoomBy(1 / ZOOM_STEP);
    } else if (event.key === '0') {
      this.map.frame({ kind: 'overview' });
    } else {
      return;
    }
    event.preventDefault();
  }
}
