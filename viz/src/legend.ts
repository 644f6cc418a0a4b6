/**
 * The legend, which is also the filter: each relation type and entity kind is a checkbox
 * showing its colour or shape and how many of it the current view holds. Plus the year control,
 * which shows either the relations active in a year or those that started or ended in it.
 */
import { REPORT_YEAR } from '../../model/validity.js';
import {
  ENTITY_KINDS,
  type EntityKind,
  ORGANISATION_CATEGORIES,
  PROJECT_CATEGORIES,
  RELATION_TYPE_NAMES,
  type RelationType,
} from '../../model/vocabulary.js';
import { h, replaceChildren, svgIcon, uniqueId } from './dom.js';
import type { Change, FilterState, YearMode } from './filters.js';
import { categoryLabel, kindLabel, type Lang, relationLabel, type Translate } from './i18n.js';
import { CATEGORY_COLORS, CHANGE_STYLE, KIND_STYLE, RELATION_STYLE, SHAPE_PATH } from './style.js';

export interface LegendCounts {
  types: Map<RelationType, number>;
  kinds: Map<EntityKind, number>;
  categories: Set<string>;
  /** Shown relations that started, ended, or did both in the year of "changes" mode (see `countChanges`). */
  changes: { started: number; ended: number; both: number };
}

export interface LegendHandlers {
  onTypes(types: RelationType[]): void;
  onKinds(kinds: EntityKind[]): void;
  /**
   * `mode` comes with every year, `'active'` with `null` (all years have no mode); `push` is false
   * while the slider is being dragged, so history keeps one entry per gesture.
   */
  onYear(year: number | null, mode: YearMode, push: boolean): void;
}

export interface Legend {
  root: HTMLElement;
  sync(filters: FilterState, counts: LegendCounts, years: { min: number; max: number }): void;
}

const DASH = { solid: undefined, dashed: '4 2', dotted: '1.5 2' } as const;
/** A year first offered by the slider when the visitor turns it on: the report's year. */
const DEFAULT_YEAR = REPORT_YEAR;
/** How long each year stays on screen while playing: time to see what appeared and what ended. */
export const PLAY_STEP_MS = 1600;

/**
 * The lines under the slider in "changes" mode. A relation that started and ended that year is
 * counted in both lines, and gets its own line (and halo) so that the sums do not puzzle.
 */
export function changeSummary(changes: LegendCounts['changes'], t: Translate): { change: Change; text: string }[] {
  const lines: { change: Change; text: string }[] = [
    { change: 'started', text: t('changesStarted', { count: changes.started }) },
    { change: 'ended', text: t('changesEnded', { count: changes.ended }) },
  ];
  if (changes.both > 0) lines.push({ change: 'both', text: t('changesBoth', { count: changes.both }) });
  return lines;
}

function checklist<T extends string>(
  legendText: string,
  values: readonly T[],
  label: (value: T) => string,
  swatch: (value: T) => SVGSVGElement,
  t: Translate,
  onChange: (selected: T[]) => void,
) {
  const boxes = new Map<T, HTMLInputElement>();
  const counts = new Map<T, HTMLElement>();
  const rows = new Map<T, HTMLElement>();
  const selected = () => values.filter((v) => boxes.get(v)?.checked);
  const items = values.map((value) => {
    const box = h('input', { type: 'checkbox', value, checked: true });
    box.addEventListener('change', () => onChange(selected()));
    boxes.set(value, box);
    const count = h('span', { class: 'count' });
    counts.set(value, count);
    const row = h('li', {}, h('label', {}, box, swatch(value), h('span', { class: 'name' }, label(value)), count));
    rows.set(value, row);
    return row;
  });
  const setAll = (on: boolean) => {
    for (const box of boxes.values()) box.checked = on;
    onChange(selected());
  };
  const root = h(
    'fieldset',
    { class: 'checklist' },
    h('legend', {}, legendText),
    h(
      'div',
      { class: 'bulk' },
      h('button', { type: 'button', onclick: () => setAll(true) }, t('showAll')),
      h('button', { type: 'button', onclick: () => setAll(false) }, t('showNone')),
    ),
    h('ul', {}, items),
  );
  return {
    root,
    sync(chosen: readonly T[] | null, tally: Map<T, number>) {
      for (const value of values) {
        const box = boxes.get(value);
        if (box) box.checked = chosen === null || chosen.includes(value);
        const n = tally.get(value) ?? 0;
        const count = counts.get(value);
        if (count) count.textContent = String(n);
        // Types absent from the data stay listed (the legend is the vocabulary) but step back.
        rows.get(value)?.classList.toggle('absent', n === 0);
      }
    },
  };
}

export function legend(lang: Lang, t: Translate, handlers: LegendHandlers): Legend {
  const types = checklist<RelationType>(
    t('relationTypes'),
    RELATION_TYPE_NAMES,
    (type) => relationLabel(type, lang),
    (type) => svgIcon('M1 8H15', 'none', { color: RELATION_STYLE[type].color, dash: DASH[RELATION_STYLE[type].line] }),
    t,
    handlers.onTypes,
  );
  const kinds = checklist<EntityKind>(
    t('entityKinds'),
    ENTITY_KINDS,
    (kind) => kindLabel(kind, lang),
    (kind) => svgIcon(SHAPE_PATH[KIND_STYLE[kind].shape], KIND_STYLE[kind].color),
    t,
    handlers.onKinds,
  );

  const categoryItems = new Map<string, HTMLElement>();
  const categoryList = h(
    'ul',
    { class: 'categories' },
    [...ORGANISATION_CATEGORIES, ...PROJECT_CATEGORIES].map((category) => {
      const item = h(
        'li',
        {},
        svgIcon(SHAPE_PATH.ellipse, CATEGORY_COLORS[category] ?? '#999'),
        categoryLabel(category, lang),
      );
      categoryItems.set(category, item);
      return item;
    }),
  );
  const categories = h('details', { class: 'category-key' }, h('summary', {}, t('categories')), categoryList);

  const yearId = uniqueId('year');
  const toggle = h('input', { type: 'checkbox', id: `${yearId}-on` });
  const slider = h('input', { type: 'range', id: yearId, step: 1, 'aria-describedby': `${yearId}-out` });
  const output = h('output', { id: `${yearId}-out`, for: yearId });
  const modes = new Map<YearMode, HTMLInputElement>(
    (['active', 'changes'] as const).map((mode) => [
      mode,
      h('input', { type: 'radio', name: `${yearId}-mode`, value: mode, checked: mode === 'active' }),
    ]),
  );
  const mode = (): YearMode => (modes.get('changes')?.checked ? 'changes' : 'active');
  const summary = h('ul', { class: 'year-changes', hidden: true });
  let pushNext = true;
  let bounds = { min: DEFAULT_YEAR, max: DEFAULT_YEAR };
  const player = yearPlayer(t, {
    first: () => (toggle.checked && Number(slider.value) < bounds.max ? Number(slider.value) : bounds.min),
    last: () => bounds.max,
    show: (year, first) => handlers.onYear(year, mode(), first),
  });
  // The visitor taking the control back stops the play-through.
  for (const control of [toggle, slider]) control.addEventListener('pointerdown', () => player.stop());
  slider.addEventListener('keydown', () => player.stop());
  toggle.addEventListener('change', () =>
    handlers.onYear(toggle.checked ? Number(slider.value) : null, toggle.checked ? mode() : 'active', true),
  );
  // Like the slider, picking a mode while the filter is off turns it on: that is what a visitor means.
  for (const radio of modes.values()) {
    radio.addEventListener('change', () => handlers.onYear(Number(slider.value), mode(), true));
  }
  // One history entry per gesture: the first step of a drag (or each key press) pushes, the rest replace.
  slider.addEventListener('pointerdown', () => {
    pushNext = true;
  });
  slider.addEventListener('keydown', () => {
    pushNext = true;
  });
  slider.addEventListener('input', () => {
    output.textContent = slider.value;
    handlers.onYear(Number(slider.value), mode(), pushNext);
    pushNext = false;
  });
  const modeChoice = h(
    'div',
    { class: 'year-mode', role: 'radiogroup', 'aria-label': t('yearMode') },
    h('label', {}, modes.get('active'), ` ${t('yearActive')}`),
    h('label', {}, modes.get('changes'), ` ${t('yearChanges')}`),
  );
  const year = h(
    'fieldset',
    { class: 'year' },
    h('legend', {}, t('year')),
    h('label', { for: toggle.id }, toggle, ` ${t('yearFilter')}`),
    modeChoice,
    h('div', { class: 'slider' }, player.button, slider, output),
    player.spoken,
    summary,
  );

  const root = h('section', { class: 'legend', 'aria-label': t('filters') }, types.root, kinds.root, categories, year);

  return {
    root,
    sync(filters, counts, years) {
      types.sync(filters.types, counts.types);
      kinds.sync(filters.kinds, counts.kinds);
      for (const [category, item] of categoryItems) item.hidden = !counts.categories.has(category);
      bounds = years;
      slider.min = String(years.min);
      slider.max = String(years.max);
      const shown = filters.year ?? Math.min(Math.max(DEFAULT_YEAR, years.min), years.max);
      slider.value = String(shown);
      toggle.checked = filters.year !== null;
      // The slider stays usable when off: moving it turns the filter on, which is what a visitor means.
      slider.classList.toggle('inactive', filters.year === null);
      modeChoice.classList.toggle('inactive', filters.year === null);
      for (const [value, radio] of modes) radio.checked = value === filters.yearMode;
      output.textContent = filters.year === null ? t('allYears') : String(filters.year);
      summary.hidden = filters.year === null || filters.yearMode !== 'changes';
      if (!summary.hidden) {
        replaceChildren(
          summary,
          changeSummary(counts.changes, t).map((line) =>
            h(
              'li',
              { 'data-change': line.change },
              svgIcon('M1 8H15', 'none', { color: CHANGE_STYLE[line.change].color }),
              line.text,
            ),
          ),
        );
      }
    },
  };
}

/**
 * The play button of the year control: steps from a year to the last, one every PLAY_STEP_MS,
 * each said to screen readers; pressed again, it pauses. The first step adds a history entry,
 * the following ones replace it, as a slider drag does.
 */
function yearPlayer(t: Translate, on: { first(): number; last(): number; show(year: number, first: boolean): void }) {
  let timer: number | null = null;
  const spoken = h('p', { class: 'visually-hidden year-spoken', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'year-play' });
  const look = (playing: boolean) => {
    button.textContent = playing ? '❚❚' : '▶';
    button.setAttribute('aria-label', t(playing ? 'pauseYears' : 'playYears'));
    button.title = t(playing ? 'pauseYears' : 'playYears');
    button.classList.toggle('playing', playing);
  };
  const stop = () => {
    if (timer !== null) window.clearInterval(timer);
    timer = null;
    look(false);
  };
  const show = (year: number, first: boolean) => {
    spoken.textContent = t('yearNow', { year });
    on.show(year, first);
  };
  const play = () => {
    let year = on.first();
    look(true);
    show(year, true);
    timer = window.setInterval(() => {
      // The chrome is rebuilt in another language: this button is gone, and so is its play-through.
      if (!button.isConnected || year >= on.last()) {
        stop();
        return;
      }
      year += 1;
      show(year, false);
    }, PLAY_STEP_MS);
  };
  button.addEventListener('click', () => (timer === null ? play() : stop()));
  look(false);
  return { button, spoken, stop };
}
