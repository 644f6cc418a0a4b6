/**
 * The two panels drawn from the view and its data: the details panel (an entity or a relation)
 * and the list view (tables). Each keeps the inputs it was last drawn from and says which of
 * them redraw it (see changed.ts); anything else leaves it as it is.
 */
import { changed } from './changed.js';
import { type DetailsContent, type DetailsHandlers, renderDetails } from './details.js';
import { h, replaceChildren } from './dom.js';
import type { VisibleSet } from './filters.js';
import type { Lang, Translate } from './i18n.js';
import { type ListHandlers, renderList } from './list-view.js';
import type { GraphData } from './queries.js';
import type { ViewState } from './url-state.js';

interface DetailsInputs extends ViewState {
  lang: Lang;
  /** What the panel shows (loading, an entity, a relation…); `null` when it is closed. */
  shows: DetailsContent['kind'] | null;
  /** Each relation group the visitor opened, with how far reading the rest of it got. */
  expansions: string[];
  /** The entity's measures, once computed (they come with the graph, after the entity may have). */
  measured: string;
  /** Who is signed in as staff ('' for visitors): their controls join or leave the panel. */
  staff: string;
}

/** Redrawn on these alone: the filters, the path and the list/map switch leave the panel as it is. */
const DETAILS_REDRAWN_ON = ['lang', 'shows', 'focus', 'relation', 'depth', 'expansions', 'measured', 'staff'] as const;

export class DetailsPanel {
  readonly root = h('aside', { class: 'details', 'aria-labelledby': 'details-title', hidden: true });
  private drawn: DetailsInputs | null = null;

  constructor(private readonly on: DetailsHandlers) {}

  render(content: DetailsContent | null, state: ViewState, lang: Lang, t: Translate, staff = ''): void {
    const expanded = content?.kind === 'entity' ? [...content.expanded] : [];
    const inputs: DetailsInputs = {
      ...state,
      lang,
      shows: content?.kind ?? null,
      expansions: expanded.map(([type, rest]) => `${type}:${rest.status}`),
      measured: content?.kind === 'entity' && content.measures ? JSON.stringify(content.measures) : '',
      staff,
    };
    if (!changed(this.drawn, inputs, DETAILS_REDRAWN_ON)) return;
    this.drawn = inputs;
    this.root.hidden = content === null || state.embed;
    if (!content) {
      replaceChildren(this.root);
      return;
    }
    const active = document.activeElement;
    const hadFocus = this.root.contains(active);
    replaceChildren(this.root, renderDetails(content, lang, t, this.on));
    // Keyboard users who moved through the panel land on its new title, not at the top of the page;
    // one in the staff controls, which are kept across redraws, stays where they were.
    if (hadFocus && active instanceof HTMLElement && this.root.contains(active)) active.focus();
    else if (hadFocus) this.root.querySelector<HTMLElement>('h2, button')?.focus();
  }
}

interface ListInputs extends ViewState {
  lang: Lang;
  /** A new object after each load, and after a path brought in entities it lacked. */
  graph: GraphData;
  shownNodes: number;
  shownEdges: number;
}

/**
 * Redrawn when the language, the graph, the filters, the focus or the path change, or the
 * number of entities or relations shown; a selected relation or the details panel leave it be.
 */
const LIST_REDRAWN_ON = [
  'lang',
  'graph',
  'types',
  'kinds',
  'year',
  'yearMode',
  'focus',
  'path',
  'shownNodes',
  'shownEdges',
] as const;

export class ListPanel {
  readonly root = h('section', { class: 'list', id: 'list', tabindex: -1, hidden: true });
  private drawn: ListInputs | null = null;

  constructor(private readonly on: ListHandlers) {}

  show(shown: boolean): void {
    this.root.hidden = !shown;
  }

  /** Draws the tables while the list is on screen; while it is not, they wait for it. */
  render(graph: GraphData | null, visible: VisibleSet, state: ViewState, lang: Lang, t: Translate): void {
    if (state.view !== 'list' || !graph) return;
    const inputs: ListInputs = {
      ...state,
      lang,
      graph,
      shownNodes: visible.nodes.size,
      shownEdges: visible.edges.size,
    };
    if (!changed(this.drawn, inputs, LIST_REDRAWN_ON)) return;
    this.drawn = inputs;
    replaceChildren(this.root, renderList(graph, visible, lang, t, this.on));
  }
}
