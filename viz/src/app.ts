/**
 * Holds the view state and wires the page together: the URL is the source of truth, every
 * change goes through `setState`, and `apply` brings canvas, panels and tables in line with it.
 */

import { ENTITY_KINDS, RELATION_TYPE_NAMES, type RelationType } from '../../model/vocabulary.js';
import { ApiUnreachableError, GRAPHQL_ENDPOINT, isAbort, request } from './api.js';
import { type DetailsContent, type GroupRest, renderDetails } from './details.js';
import { h, replaceChildren } from './dom.js';
import { saveBlob } from './download.js';
import { relationOfEdge, toElements } from './elements.js';
import {
  countByKind,
  countByType,
  countChanges,
  graphVariables,
  isFiltered,
  NO_FILTERS,
  normaliseSelection,
  type VisibleSet,
  visibleSet,
  yearBounds,
} from './filters.js';
import { type Lang, pickLanguage, relationLabel, type Translate, translator } from './i18n.js';
import { type Legend, legend } from './legend.js';
import { renderList } from './list-view.js';
import { type Highlight, MapView, type RendererChoice } from './map.js';
import {
  type PathAnswer,
  type PathFinder,
  type PathResult,
  pathFinder,
  pathResult,
  shownChain,
} from './path-finder.js';
import {
  ENTITY,
  ENTITY_RELATIONS,
  type EntityDetails,
  type EntityRef,
  GRAPH,
  type GraphData,
  graphiqlHref,
  type Operation,
  PATH,
  pathVariables,
  RELATION,
  type RelationDetails,
  type RelationPage,
  SEARCH,
  SEARCH_SIZE,
} from './queries.js';
import { focusedName } from './search-box.js';
import { renderStatus, type Status } from './status.js';
import { type Toolbar, toolbar } from './toolbar.js';
import {
  neighbourhoodOf,
  type PathQuery,
  parseState,
  pathKey,
  sameNeighbourhood,
  stateToSearch,
  type ViewState,
} from './url-state.js';

type Loaded<T> = { status: 'loading' } | { status: 'ok'; value: T } | { status: 'error'; error: unknown };

/** Where the view should move once the data it needs is there. */
type CameraIntent = 'overview' | 'focus' | 'path' | null;

type HistoryMode = 'push' | 'replace' | 'none';

const FOCUS_DEPTH = 1;

export class App {
  state: ViewState;
  graph: GraphData | null = null;
  visible: VisibleSet = { nodes: new Set(), edges: new Set(), changed: new Map() };
  readonly map: MapView;

  private lang: Lang;
  private t: Translate;
  private status: Status = { kind: 'loading' };
  private years = { min: 2014, max: 2021 };
  private camera: CameraIntent = null;
  /** True while the loaded graph is being laid out. */
  private arranging = false;
  private loading: AbortController | null = null;
  private readonly entities = new Map<string, Loaded<EntityDetails | null>>();
  private readonly relations = new Map<string, Loaded<RelationDetails | null>>();
  /** Tied shortest chains per question (`pathKey`); `[]` when there is none within its maxLength. */
  private readonly paths = new Map<string, Loaded<RelationDetails[][]>>();
  /** The rest of an entity's relation groups the visitor asked for, by entity slug and type. */
  private readonly groupRests = new Map<string, Map<RelationType, GroupRest>>();
  /** Which of the tied chains is shown; not in the URL, it starts at the first for every question. */
  private pathChoice = { key: '', index: 0 };

  private readonly headerBox = h('div', { class: 'header-box' });
  private readonly sidebar = h('aside', { class: 'sidebar' });
  private readonly canvas = h('div', { class: 'canvas', role: 'img' });
  private readonly listBox = h('section', { class: 'list', id: 'list', tabindex: -1, hidden: true });
  private readonly statusBox = h('div', { class: 'status' });
  private readonly detailsBox = h('aside', { class: 'details', 'aria-labelledby': 'details-title', hidden: true });
  private readonly embedLink = h('a', { class: 'embed-link', target: '_blank', rel: 'noopener' });
  private readonly skipLink = h('a', { class: 'skip-link', href: '#list' });
  private toolbar!: Toolbar;
  private legend!: Legend;
  private pathFinder!: PathFinder;
  private detailsKey = '';
  private listKey = '';

  constructor(
    private readonly root: HTMLElement,
    private readonly browserLanguages: readonly string[],
    renderer: RendererChoice = {},
  ) {
    this.state = parseState(location.search);
    this.lang = this.state.lang ?? pickLanguage(browserLanguages);
    this.t = translator(this.lang);
    this.map = new MapView(
      this.canvas,
      {
        onNode: (slug) => this.setState({ focus: slug, relation: null }, 'push'),
        onEdge: (id) => this.setState({ relation: relationOfEdge(id) }, 'push'),
        onBackground: () =>
          this.setState({ focus: this.state.depth ? this.state.focus : null, relation: null }, 'push'),
      },
      renderer,
    );
    this.skipLink.addEventListener('click', (event) => {
      event.preventDefault();
      this.setState({ view: 'list' }, 'push');
      this.listBox.focus();
    });
    replaceChildren(
      root,
      this.skipLink,
      this.headerBox,
      this.sidebar,
      h('main', { class: 'stage' }, this.canvas, this.listBox, this.statusBox),
      this.detailsBox,
      this.embedLink,
    );
    this.buildChrome();
    window.addEventListener('popstate', () => this.restore(parseState(location.search)));
    window.addEventListener('resize', () => this.map.resize());
  }

  start(): void {
    this.camera = this.state.path ? 'path' : this.state.focus ? 'focus' : 'overview';
    this.apply();
    void this.load();
  }

  /** Back/forward: the URL changed under us. */
  private restore(next: ViewState): void {
    this.forgetFailures();
    const previous = this.state;
    this.state = next;
    this.camera =
      next.path && pathKey(next.path) !== pathKey(previous.path)
        ? 'path'
        : next.focus !== previous.focus
          ? 'focus'
          : null;
    this.changed(previous);
  }

  setState(patch: Partial<ViewState>, history: HistoryMode, camera: CameraIntent = null): void {
    this.forgetFailures();
    const previous = this.state;
    this.state = { ...previous, ...patch };
    if (history !== 'none') {
      const url = `${location.pathname}${stateToSearch(this.state)}${location.hash}`;
      if (url !== `${location.pathname}${location.search}${location.hash}`) {
        if (history === 'push') window.history.pushState(null, '', url);
        else window.history.replaceState(null, '', url);
      }
    }
    if (camera) this.camera = camera;
    this.changed(previous);
  }

  private changed(previous: ViewState): void {
    const lang = this.state.lang ?? pickLanguage(this.browserLanguages);
    if (lang !== this.lang) {
      this.lang = lang;
      this.t = translator(lang);
      this.buildChrome();
    }
    if (!sameNeighbourhood(previous, this.state)) {
      this.camera ??= 'focus';
      void this.load();
      return;
    }
    if (previous.view !== this.state.view && this.state.view === 'map') this.map.resize();
    this.apply();
  }

  /** Fetches the graph the view draws from: the whole archipelago, or one entity's neighbourhood. */
  async load(): Promise<void> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    this.arranging = false;
    this.forgetFailures();
    this.setStatus({ kind: 'loading' });
    const neighbourhood = neighbourhoodOf(this.state);
    try {
      // Filters are applied on the loaded graph (see filters.ts), so only the neighbourhood is asked for.
      performance.mark('archipel:request');
      const data = await request<{ graph: GraphData }>(
        GRAPH,
        graphVariables(NO_FILTERS, neighbourhood),
        controller.signal,
      );
      if (this.loading !== controller) return;
      performance.mark('archipel:data');
      this.graph = data.graph;
      this.years = yearBounds(data.graph);
      this.listKey = '';
      const elements = toElements(data.graph);
      // setGraph drops the old map at once; while a big graph is laid out (seconds, in a worker)
      // the panels and the list already work.
      this.arranging = true;
      const laidOut = this.map.setGraph(elements);
      this.apply();
      const cy = await laidOut;
      if (!cy || this.loading !== controller) return;
      this.arranging = false;
      // Marks for the benchmark and the curious: request, answer, layout done, first complete view.
      performance.mark('archipel:layout');
      this.apply();
      performance.mark('archipel:ready');
    } catch (error) {
      if (isAbort(error) || this.loading !== controller) return;
      this.setStatus(
        error instanceof ApiUnreachableError
          ? { kind: 'unreachable' }
          : { kind: 'failed', message: error instanceof Error ? error.message : String(error) },
      );
    }
  }

  /** Brings every part of the page in line with the state and the loaded data. */
  apply(): void {
    const { state } = this;
    this.root.classList.toggle('embed', state.embed);
    this.syncChrome();
    const graph = this.graph;
    if (!graph) {
      this.legend.sync(
        state,
        { types: new Map(), kinds: new Map(), categories: new Set(), changes: countChanges(this.visible) },
        this.years,
      );
      return;
    }

    if (state.focus) this.ensureEntity(state.focus);
    if (state.relation) this.ensureRelation(state.relation);
    const path = this.pathResult();
    const pathRelations = shownChain(path);
    if (pathRelations.length > 0 && !this.arranging) this.mergeIntoGraph(pathRelations);

    this.visible = visibleSet(graph, state, {
      nodes: [state.focus, state.path?.from, state.path?.to].filter((s): s is string => !!s),
      edges: pathRelations.map((r) => r.id),
    });
    this.map.show(this.visible);
    this.map.highlight(this.highlight(pathRelations));

    const filtered = isFiltered(state);
    this.setStatus(
      this.arranging
        ? { kind: 'arranging', count: graph.nodes.length }
        : graph.nodes.length === 0
          ? { kind: 'empty', filtered: false }
          : this.visible.nodes.size === 0
            ? { kind: 'empty', filtered }
            : { kind: 'ready' },
    );

    this.legend.sync(
      state,
      {
        types: countByType(graph, state),
        kinds: countByKind(graph, state),
        changes: countChanges(this.visible),
        categories: new Set(graph.nodes.flatMap((n) => (n.category ? [n.category] : []))),
      },
      this.years,
    );
    this.syncPathFinder(path);
    this.renderDetails();
    this.renderList();
    this.moveCamera(path, pathRelations);
    const focused = state.focus ? graph.nodes.find((n) => n.slug === state.focus) : undefined;
    document.title = focused ? `${focused.name} · ${this.t('appTitle')}` : this.t('appTitle');
  }

  private highlight(pathRelations: RelationDetails[]): Highlight {
    const { state } = this;
    if (pathRelations.length > 0) {
      return {
        kind: 'path',
        edges: pathRelations.map((r) => r.id),
        labels: new Map(pathRelations.map((r) => [r.id, relationLabel(r.type, this.lang)])),
        focus: state.focus,
      };
    }
    if (state.relation) return { kind: 'relation', id: state.relation };
    if (state.focus) return { kind: 'focus', slug: state.focus };
    return { kind: 'none' };
  }

  private moveCamera(path: PathResult, pathRelations: RelationDetails[]): void {
    const intent = this.camera;
    if (!intent || this.state.view !== 'map' || this.arranging) return;
    if (intent === 'path' && path.kind === 'loading') return;
    this.camera = null;
    if (intent === 'path' && pathRelations.length > 0) {
      this.map.frame({ kind: 'elements', ids: pathRelations.map((r) => r.id) });
    } else if (intent === 'focus' && this.state.relation && this.map.has(this.state.relation)) {
      this.map.frame({ kind: 'elements', ids: [this.state.relation] });
    } else if ((intent === 'focus' || intent === 'path') && this.state.focus) {
      this.map.frame({ kind: 'elements', ids: [this.state.focus] });
    } else if (intent === 'overview' || intent === 'focus') {
      this.map.frame({ kind: 'overview' });
    }
  }

  /** A path may run through entities outside a neighbourhood view; they join the loaded graph. */
  private mergeIntoGraph(relations: RelationDetails[]): void {
    const graph = this.graph;
    if (!graph) return;
    const known = new Set(graph.nodes.map((n) => n.slug));
    const knownEdges = new Set(graph.edges.map((e) => e.id));
    const nodes = relations
      .flatMap((r) => [r.from, r.to])
      .filter((e, i, all) => !known.has(e.slug) && all.findIndex((o) => o.slug === e.slug) === i)
      .map((e) => ({ id: e.slug, slug: e.slug, name: e.name, kind: e.kind, date: e.date ?? null }));
    const edges = relations
      .filter((r) => !knownEdges.has(r.id))
      .map((r) => ({
        id: r.id,
        type: r.type,
        since: r.since,
        until: r.until,
        role: r.role,
        resource: r.resource,
        amount: r.amount,
        currency: r.currency,
        description: r.description,
        software: r.software,
        sources: r.sources.map((s) => ({ section: s.section })),
        from: { slug: r.from.slug },
        to: { slug: r.to.slug },
      }));
    if (nodes.length === 0 && edges.length === 0) return;
    this.graph = { nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] };
    this.map.addMissing(toElements({ nodes: this.graph.nodes, edges }));
    this.listKey = '';
  }

  /** Redraws the status only when it changes, so that screen readers hear each message once. */
  private setStatus(status: Status, force = false): void {
    if (!force && JSON.stringify(status) === JSON.stringify(this.status) && this.root.dataset.status) return;
    this.status = status;
    this.root.dataset.status = status.kind;
    renderStatus(this.statusBox, status, this.t, {
      retry: () => void this.load(),
      resetFilters: () => this.setState({ types: null, kinds: null, year: null, yearMode: 'active' }, 'push'),
    });
  }

  // --- Data behind the panels, fetched once per key and kept for back/forward.

  /** Failures are kept (no retry loop) until the visitor does something, which retries them. */
  private forgetFailures(): void {
    for (const cache of [this.entities, this.relations, this.paths] as Map<string, Loaded<unknown>>[]) {
      for (const [key, entry] of cache) if (entry.status === 'error') cache.delete(key);
    }
  }

  private fetchInto<T>(cache: Map<string, Loaded<T>>, key: string, fetch: () => Promise<T>): Loaded<T> {
    const existing = cache.get(key);
    if (existing) return existing;
    const entry: Loaded<T> = { status: 'loading' };
    cache.set(key, entry);
    fetch().then(
      (value) => {
        cache.set(key, { status: 'ok', value });
        this.apply();
      },
      (error: unknown) => {
        cache.set(key, { status: 'error', error });
        this.apply();
      },
    );
    return entry;
  }

  private ensureEntity(slug: string): Loaded<EntityDetails | null> {
    return this.fetchInto(this.entities, slug, () =>
      request<{ entity: EntityDetails | null }>(ENTITY, { slug }).then((d) => d.entity),
    );
  }

  /** Reads every relation of one type of an entity past the panel's first page, then redraws the panel. */
  private async showAllRelations(slug: string, type: RelationType): Promise<void> {
    const entry = this.entities.get(slug);
    const group = entry?.status === 'ok' ? entry.value?.relationGroups.find((g) => g.type === type) : undefined;
    const rests = this.groupRests.get(slug) ?? new Map<RelationType, GroupRest>();
    this.groupRests.set(slug, rests);
    if (!group || rests.get(type)?.status === 'loading') return;
    rests.set(type, { status: 'loading' });
    this.apply();
    const relations: RelationDetails[] = [];
    let page = group.relations.pageInfo;
    try {
      while (page.hasNextPage) {
        const data = await request<{ entity: { relations: RelationPage } | null }>(ENTITY_RELATIONS, {
          slug,
          type,
          after: page.endCursor,
        });
        if (!data.entity) break;
        relations.push(...data.entity.relations.edges.map((e) => e.node));
        page = data.entity.relations.pageInfo;
      }
      rests.set(type, { status: 'ok', relations });
    } catch (error) {
      rests.set(type, { status: 'error', message: this.errorText(error) });
    }
    this.apply();
  }

  private ensureRelation(id: string): Loaded<RelationDetails | null> {
    return this.fetchInto(this.relations, id, () =>
      request<{ node: RelationDetails | null }>(RELATION, { id }).then((d) =>
        d.node && 'type' in d.node ? d.node : null,
      ),
    );
  }

  private ensurePath(query: PathQuery): Loaded<RelationDetails[][]> {
    return this.fetchInto(this.paths, pathKey(query), () =>
      request<{ paths: { relations: RelationDetails[] }[] }>(PATH, pathVariables(query)).then((d) =>
        d.paths.map((p) => p.relations),
      ),
    );
  }

  /** The path question of the view and its answer so far; the same entity at both ends needs no asking. */
  private pathResult(): PathResult {
    const query = this.state.path;
    const key = pathKey(query);
    if (key !== this.pathChoice.key) this.pathChoice = { key, index: 0 };
    let answer: PathAnswer | null = null;
    if (query && query.from !== query.to) {
      const entry = this.ensurePath(query);
      answer =
        entry.status === 'ok'
          ? { status: 'ok', chains: entry.value }
          : entry.status === 'error'
            ? { status: 'error', message: this.errorText(entry.error) }
            : entry;
    }
    return pathResult(query, answer, this.pathChoice.index, (slug) => this.refOf(slug));
  }

  private search = (text: string, signal: AbortSignal): Promise<EntityRef[]> =>
    request<{ search: { edges: { node: EntityRef }[] } }>(SEARCH, { text, first: SEARCH_SIZE }, signal).then((d) =>
      d.search.edges.map((e) => e.node),
    );

  // --- Panels

  private buildChrome(): void {
    const { lang, t } = this;
    document.documentElement.lang = lang;
    this.canvas.setAttribute('aria-label', t('mapLabel'));
    this.skipLink.textContent = t('skipToList');
    this.embedLink.textContent = `${t('openFullMap')} ↗`;
    this.toolbar = toolbar(lang, t, {
      search: this.search,
      onChoose: (entity) => this.setState({ focus: entity.slug, relation: null }, 'push', 'focus'),
      onView: (view) => this.setState({ view }, 'push', view === 'map' ? 'focus' : null),
      onExport: () => this.exportPng(),
      onLang: (code) => this.setState({ lang: code }, 'push'),
    });
    this.legend = legend(lang, t, {
      onTypes: (types) => this.setState({ types: normaliseSelection(types, RELATION_TYPE_NAMES) }, 'push'),
      onKinds: (kinds) => this.setState({ kinds: normaliseSelection(kinds, ENTITY_KINDS) }, 'push'),
      onYear: (year, yearMode, push) => this.setState({ year, yearMode }, push ? 'push' : 'replace'),
    });
    this.pathFinder = pathFinder(lang, t, {
      search: this.search,
      onFind: (query) => this.setState({ path: query }, 'push', 'path'),
      onClear: () => this.setState({ path: null }, 'push'),
      onChoice: (index) => {
        this.pathChoice = { key: pathKey(this.state.path), index };
        this.camera = 'path';
        this.apply();
      },
      onEntity: (slug) => this.setState({ focus: slug, relation: null }, 'push', 'focus'),
      onRelation: (id) => this.setState({ relation: id }, 'push'),
    });
    replaceChildren(this.headerBox, this.toolbar.root);
    replaceChildren(
      this.sidebar,
      h('h2', { class: 'visually-hidden' }, t('filters')),
      this.legend.root,
      this.pathFinder.root,
    );
    this.sidebar.setAttribute('aria-label', t('filters'));
    this.detailsKey = '';
    this.listKey = '';
    this.setStatus(this.status, true);
  }

  private syncChrome(): void {
    const { state } = this;
    this.toolbar.sync(state.view, this.graphqlHref(), focusedName(state.focus, this.graph?.nodes ?? null));
    this.toolbar.syncExports(graphVariables(state, neighbourhoodOf(state)));
    const full = stateToSearch({ ...state, embed: false });
    this.embedLink.href = `${location.pathname}${full}`;
    const listShown = state.view === 'list';
    this.listBox.hidden = !listShown;
    // The canvas stays laid out under the list (Cytoscape needs a size), but out of reach.
    this.canvas.toggleAttribute('inert', listShown);
    this.canvas.setAttribute('aria-hidden', String(listShown));
  }

  /** The operations behind the view, with the variables that reproduce it. */
  graphqlHref(): string {
    const { state } = this;
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

  private syncPathFinder(path: PathResult): void {
    const query = this.state.path;
    this.pathFinder.sync(query, query ? { from: this.refOf(query.from), to: this.refOf(query.to) } : null);
    this.pathFinder.showResult(path);
  }

  private refOf(slug: string): EntityRef {
    const node = this.graph?.nodes.find((n) => n.slug === slug);
    return node ? { slug, name: node.name, kind: node.kind } : { slug, name: slug, kind: 'ORGANISATION' };
  }

  private errorText(error: unknown): string {
    if (error instanceof ApiUnreachableError) return this.t('apiDown');
    return this.t('apiError', { message: error instanceof Error ? error.message : String(error) });
  }

  private detailsContent(): DetailsContent | null {
    const { state } = this;
    if (state.relation) {
      const entry = this.relations.get(state.relation) ?? { status: 'loading' };
      if (entry.status === 'loading') return { kind: 'loading' };
      if (entry.status === 'error') return { kind: 'error', message: this.errorText(entry.error) };
      return entry.value ? { kind: 'relation', relation: entry.value } : { kind: 'relation-not-found' };
    }
    if (state.focus) {
      const entry = this.entities.get(state.focus) ?? { status: 'loading' };
      if (entry.status === 'loading') return { kind: 'loading' };
      if (entry.status === 'error') {
        const code = (entry.error as { code?: string }).code;
        return code === 'NOT_FOUND'
          ? { kind: 'not-found', slug: state.focus }
          : { kind: 'error', message: this.errorText(entry.error) };
      }
      return entry.value
        ? {
            kind: 'entity',
            entity: entry.value,
            neighbourhoodOnly: state.depth !== null,
            expanded: this.groupRests.get(state.focus) ?? new Map(),
          }
        : { kind: 'not-found', slug: state.focus };
    }
    return null;
  }

  private renderDetails(): void {
    const content = this.detailsContent();
    const expansions =
      content?.kind === 'entity' ? [...content.expanded].map(([type, rest]) => `${type}:${rest.status}`).join() : '';
    const key = JSON.stringify([
      this.lang,
      content?.kind,
      this.state.focus,
      this.state.relation,
      this.state.depth,
      expansions,
    ]);
    if (key === this.detailsKey) return;
    this.detailsKey = key;
    this.detailsBox.hidden = content === null || this.state.embed;
    if (!content) {
      replaceChildren(this.detailsBox);
      return;
    }
    const hadFocus = this.detailsBox.contains(document.activeElement);
    replaceChildren(
      this.detailsBox,
      renderDetails(content, this.lang, this.t, {
        onEntity: (slug) => this.setState({ focus: slug, relation: null }, 'push', 'focus'),
        onRelation: (id) => this.setState({ relation: id }, 'push'),
        onClose: () => this.setState(this.state.relation ? { relation: null } : { focus: null, depth: null }, 'push'),
        onNeighbourhood: (only) => this.setState({ depth: only ? FOCUS_DEPTH : null }, 'push', 'focus'),
        onPathFrom: (entity) => this.pathFinder.setFrom(entity),
        onShowAll: (type) => {
          if (this.state.focus) void this.showAllRelations(this.state.focus, type);
        },
      }),
    );
    // Keyboard users who moved through the panel land on its new title, not at the top of the page.
    if (hadFocus) this.detailsBox.querySelector<HTMLElement>('h2, button')?.focus();
  }

  private renderList(): void {
    const graph = this.graph;
    if (this.state.view !== 'list' || !graph) return;
    const { state } = this;
    const key = JSON.stringify([
      this.lang,
      state.types,
      state.kinds,
      state.year,
      state.yearMode,
      state.focus,
      state.path,
      this.visible.nodes.size,
      this.visible.edges.size,
    ]);
    if (key === this.listKey) return;
    this.listKey = key;
    replaceChildren(
      this.listBox,
      renderList(graph, this.visible, this.lang, this.t, {
        onEntity: (slug) => this.setState({ focus: slug, relation: null }, 'push'),
        onRelation: (id) => this.setState({ relation: id }, 'push'),
      }),
    );
  }

  private exportPng(): void {
    const blob = this.map.exportPng();
    if (blob) saveBlob(blob, 'archipel.png');
  }
}
