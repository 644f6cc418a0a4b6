/**
 * What sits over the map: the zoom in / zoom out / fit buttons, and the tooltip that names the
 * node under the pointer or under the keyboard cursor. Both are plain DOM, so that assistive
 * technology reads them; the canvas itself is a picture.
 */
import { h, replaceChildren } from './dom.js';
import type { Translate } from './i18n.js';

export interface ZoomHandlers {
  zoomIn(): void;
  zoomOut(): void;
  fit(): void;
}

export const TOOLTIP_ID = 'map-tooltip';

/** The three camera buttons, each with a name a screen reader says (the glyphs alone say nothing). */
export function zoomControls(t: Translate, on: ZoomHandlers): HTMLElement {
  const button = (name: string, glyph: string, action: () => void, className: string) =>
    h('button', { type: 'button', class: className, 'aria-label': name, title: name, onclick: action }, glyph);
  return h(
    'div',
    { class: 'zoom-controls', role: 'group', 'aria-label': t('mapControls') },
    button(t('zoomIn'), '+', on.zoomIn, 'zoom-in'),
    button(t('zoomOut'), '−', on.zoomOut, 'zoom-out'),
    button(t('fitMap'), '⤢', on.fit, 'zoom-fit'),
  );
}

export class Tooltip {
  readonly element = h('div', { class: 'map-tooltip', id: TOOLTIP_ID, role: 'tooltip', hidden: true });
  /** The node it tells of, or null when hidden. */
  shown: string | null = null;

  /** Shows `name` and `detail` above a point of the map (`x`, `y` in the map's pixels; `gap` above it). */
  show(slug: string, name: string, detail: string, x: number, y: number, gap: number): void {
    this.shown = slug;
    replaceChildren(this.element, h('strong', {}, name), h('span', {}, detail));
    this.element.hidden = false;
    this.element.style.left = `${Math.round(x)}px`;
    this.element.style.top = `${Math.round(y - gap)}px`;
  }

  hide(): void {
    this.shown = null;
    this.element.hidden = true;
  }
}
