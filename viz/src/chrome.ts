/**
 * Everything around the map and the list: the toolbar, the sidebar (legend and path finder),
 * the status line, the skip and "open full map" links. Built once per language, then kept in
 * step with the view state.
 */
import { GRAPHQL_ENDPOINT } from './api.js';
import { same } from './changed.js';
import { h, replaceChildren } from './dom.js';
import { countByKind, countByType, countChanges, graphVariables, type VisibleSet } from './filters.js';
import type { Lang, Translate } from './i18n.js';
import { type Legend, type LegendCounts, type LegendHandlers, legend } from './legend.js';
import type { Network } from './network.js';
import { type PathFinder, type PathFinderHandlers, type PathResult, pathFinder } from './path-finder.js';
import {
  ENTITY,
  type EntityRef,
  GRAPH,
  type GraphData,
  graphiqlHref,
  type Operation,
  PATH,
  pathVariables,
  RELATION,
} from './queries.js';
import { focusedName } from './search-box.js';
import { renderStatus, type Status, type StatusActions } from './status.js';
import { type Structure, type StructureHandlers, structure } from './structure.js';
import { type Toolbar, type ToolbarHandlers, toolbar } from './toolbar.js';
import { neighbourhoodOf, stateToSearch, type ViewState } from './url-state.js';

export interface ChromeHandlers {
  toolbar: ToolbarHandlers;
  legend: LegendHandlers;
  pathFinder: PathFinderHandlers;
  structure: StructureHandlers;
  status: StatusActions;
  onSkipToList(): void;
}

/** The operations behind the view, with the variables that reproduce it, as a GraphiQL link. */
export function graphqlHref(state: ViewState): string {
  const operations: Operation[] = [GRAPH];
  const variables: Record<string, unknown> = { ...graphVariables(state, neighbourhoodOf(state)) };
  if (state.focus) {
    operations.push(ENTITY);
    variables.slug = state.focus;
  }
  if (state.relation) {
    operations.push(RELATION);
    variables.id = state.relation;
  }
  if (state.path) {
    operations.push(PATH);
    Object.assign(variables, pathVariables(state.path));
  }
  return graphiqlHref(GRAPHQL_ENDPOINT, operations, variables);
}

/** The legend's figures: what each toggle would show, and the year's changes; all empty before the graph is there. */
function legendCounts(graph: GraphData | null, state: ViewState, visible: VisibleSet): LegendCounts {
  if (!graph) return { types: new Map(), kinds: new Map(), categories: new Set(), changes: countChanges(visible) };
  return {
    types: countByType(graph, state),
    kinds: countByKind(graph, state),
    changes: countChanges(visible),
    categories: new Set(graph.nodes.flatMap((n) => (n.category ? [n.category] : []))),
  };
}

export class Chrome {
  readonly header = h('div', { class: 'header-box' });
  readonly sidebar = h('aside', { class: 'sidebar' });
  readonly statusBox = h('div', { class: 'status' });
  readonly embedLink = h('a', { class: 'embed-link', target: '_blank', rel: 'noopener' });
  readonly skipLink = h('a', { class: 'skip-link', href: '#list' });
  private toolbar!: Toolbar;
  private legend!: Legend;
  private pathFinder!: PathFinder;
  private structure!: Structure;
  private t!: Translate;
  private status: Status = { kind: 'loading' };

  constructor(
    private readonly root: HTMLElement,
    private readonly on: ChromeHandlers,
  ) {
    this.skipLink.addEventListener('click', (event) => {
      event.preventDefault();
      on.onSkipToList();
    });
  }

  /** Builds the chrome in a language: at start, and again whenever the language changes. */
  build(lang: Lang, t: Translate): void {
    this.t = t;
    document.documentElement.lang = lang;
    this.skipLink.textContent = t('skipToList');
    this.embedLink.textContent = `${t('openFullMap')} ↗`;
    this.toolbar = toolbar(lang, t, this.on.toolbar);
    this.legend = legend(lang, t, this.on.legend);
    this.pathFinder = pathFinder(lang, t, this.on.pathFinder);
    this.structure = structure(t, this.on.structure);
    replaceChildren(this.header, this.toolbar.root);
    replaceChildren(
      this.sidebar,
      h('h2', { class: 'visually-hidden' }, t('filters')),
      this.structure.root,
      this.legend.root,
      this.pathFinder.root,
    );
    this.sidebar.setAttribute('aria-label', t('filters'));
    this.showStatus(this.status, true);
  }

  /** The toolbar and the links, for the view state; `graph` names the focused entity in the search box. */
  sync(state: ViewState, graph: GraphData | null): void {
    this.toolbar.sync(state.view, graphqlHref(state), focusedName(state.focus, graph?.nodes ?? null));
    this.toolbar.syncExports(graphVariables(state, neighbourhoodOf(state)));
    this.embedLink.href = `${location.pathname}${stateToSearch({ ...state, embed: false })}`;
  }

  syncLegend(
    state: ViewState,
    graph: GraphData | null,
    visible: VisibleSet,
    years: { min: number; max: number },
  ): void {
    this.legend.sync(state, legendCounts(graph, state, visible), years);
  }

  /** Shows the view's question in the path finder (`refOf` names its ends), and the answer so far. */
  syncPathFinder(state: ViewState, path: PathResult, refOf: (slug: string) => EntityRef): void {
    const query = state.path;
    this.pathFinder.sync(query, query ? { from: refOf(query.from), to: refOf(query.to) } : null);
    this.pathFinder.showResult(path);
  }

  /** The structure box, for the view and the loaded graph's network (`nameOf` names its entities). */
  syncStructure(
    state: ViewState,
    network: Network | null,
    nameOf: (slug: string) => string,
    collapsed: ReadonlySet<number>,
  ): void {
    this.structure.sync(state, network, nameOf, collapsed);
  }

  /** "Find a path from here", from the details panel. */
  setPathFrom(entity: EntityRef): void {
    this.pathFinder.setFrom(entity);
  }

  /**
   * Redraws the status only when it changes, so that screen readers hear each message once;
   * `force` redraws it anyway (in a new language).
   */
  showStatus(status: Status, force = false): void {
    if (!force && same(status, this.status) && this.root.dataset.status) return;
    this.status = status;
    this.root.dataset.status = status.kind;
    renderStatus(this.statusBox, status, this.t, this.on.status);
  }
}
