/**
 * The canvas side of the view: the element Cytoscape draws in, what it lights for the view
 * state, and where the camera goes. map.ts does the drawing; this module decides what to draw.
 */
import { h } from './dom.js';
import type { VisibleSet } from './filters.js';
import { type Lang, relationLabel } from './i18n.js';
import { type Highlight, type MapHandlers, MapView, type RendererChoice } from './map.js';
import type { PathResult } from './path-finder.js';
import type { RelationDetails } from './queries.js';
import { pathKey, type ViewState } from './url-state.js';

/** Where the view should move once the data it needs is there. */
export type CameraIntent = 'overview' | 'focus' | 'path' | null;

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
  readonly element = h('div', { class: 'canvas', role: 'img' });
  readonly map: MapView;
  /** Kept until the camera can move: the graph laid out, the map on screen, the path answered. */
  intent: CameraIntent = null;

  constructor(handlers: MapHandlers, renderer: RendererChoice) {
    this.map = new MapView(this.element, handlers, renderer);
  }

  label(text: string): void {
    this.element.setAttribute('aria-label', text);
  }

  /** The canvas stays laid out under the list (Cytoscape needs a size), but out of reach. */
  cover(covered: boolean): void {
    this.element.toggleAttribute('inert', covered);
    this.element.setAttribute('aria-hidden', String(covered));
  }

  draw(visible: VisibleSet, highlight: Highlight): void {
    this.map.show(visible);
    this.map.highlight(highlight);
  }

  /** Moves the camera as last asked, once what it frames is there; `arranging`: the graph is still being laid out. */
  moveCamera(state: ViewState, path: PathResult, pathRelations: readonly RelationDetails[], arranging: boolean): void {
    const intent = this.intent;
    if (!intent || state.view !== 'map' || arranging) return;
    if (intent === 'path' && path.kind === 'loading') return;
    this.intent = null;
    if (intent === 'path' && pathRelations.length > 0) {
      this.map.frame({ kind: 'elements', ids: pathRelations.map((r) => r.id) });
    } else if (intent === 'focus' && state.relation && this.map.has(state.relation)) {
      this.map.frame({ kind: 'elements', ids: [state.relation] });
    } else if ((intent === 'focus' || intent === 'path') && state.focus) {
      this.map.frame({ kind: 'elements', ids: [state.focus] });
    } else if (intent === 'overview' || intent === 'focus') {
      this.map.frame({ kind: 'overview' });
    }
  }
}
