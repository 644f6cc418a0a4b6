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

const RINGS_ICON =
  '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.8">' +
  '<circle cx="12" cy="12" r="2.5" fill="currentColor"/><circle cx="12" cy="12" r="6.5"/><circle cx="12" cy="12" r="10.5"/></svg>';

/**
 * The switch between the force layout and rings around the focused entity, shown in
 * neighbourhood views only; pressed, the map is arranged around it.
 */
export class AroundSwitch {
  readonly element = h('button', { type: 'button', class: 'arrange-around', hidden: true });
  pressed = true;

  constructor(onToggle: (pressed: boolean) => void) {
    // Drawn, not a glyph: not every system font has "◎".
    this.element.innerHTML = RINGS_ICON;
    this.element.addEventListener('click', () => {
      this.pressed = !this.pressed;
      this.element.setAttribute('aria-pressed', String(this.pressed));
      onToggle(this.pressed);
    });
  }

  /** Offers arranging around `name` (`null`: not offered), named in the visitor's language. */
  offer(name: string | null, t: Translate): void {
    this.element.hidden = name === null;
    if (name === null) return;
    const label = t('arrangeAround', { name });
    this.element.setAttribute('aria-label', label);
    this.element.title = label;
    this.element.setAttribute('aria-pressed', String(this.pressed));
  }
}

/** The camera buttons, each with a name a screen reader says (the glyphs alone say nothing); `extra` goes first. */
export function zoomControls(t: Translate, on: ZoomHandlers, ...extra: HTMLElement[]): HTMLElement {
  const button = (name: string, glyph: string, action: () => void, className: string) =>
    h('button', { type: 'button', class: className, 'aria-label': name, title: name, onclick: action }, glyph);
  return h(
    'div',
    { class: 'zoom-controls', role: 'group', 'aria-label': t('mapControls') },
    ...extra,
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
