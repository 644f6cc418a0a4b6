/**
 * Wires the page together. The URL is the source of truth (view-store.ts): every change goes
 * through `setState`, and `apply` brings the canvas (canvas.ts), the chrome (chrome.ts) and the
 * panels (panels.ts) in line with it and with the data fetched so far (view-data.ts).
 */

import { ENTITY_KINDS, RELATION_TYPE_NAMES } from '../../model/vocabulary.js';
import { Announcer, entityAnnouncement } from './announcer.js';
import { ApiUnreachableError, isAbort } from './api.js';
import { type CameraIntent, Canvas, cameraAfterHistory, highlightOf } from './canvas.js';
import { Chrome } from './chrome.js';
import { type FoldedView, foldCommunities, foldIndex } from './collapse.js';
import { h, replaceChildren } from './dom.js';
import { saveBlob } from './download.js';
import { HEART_SLUG, toElements } from './elements.js';
import { isFiltered, normaliseSelection, type VisibleSet, visibleSet } from './filters.js';
import type { FirstGraph } from './first-graph.js';
import { FocusKeeper } from './focus-keeper.js';
import { withoutHub } from './hub.js';
import { type Lang, pickLanguage, type Translate, translator } from './i18n.js';
import { Looks } from './looks.js';
import type { RendererChoice } from './map.js';
import { Network } from './network.js';
import { DetailsPanel, ListPanel } from './panels.js';
import { type PathResult, shownChain } from './path-finder.js';
import { pictureTitle } from './picture.js';
import { exportPng, exportSvg } from './picture-export.js';
import type { GraphData, RelationDetails } from './queries.js';
import { relationOfEdge } from './software-edge.js';
import { StaffEntry } from './staff/index.js';
import { neighbourhoodOf, pathKey, sameNeighbourhood, type ViewState } from './url-state.js';
import { ViewData } from './view-data.js';
import { type HistoryMode, ViewStore } from './view-store.js';

const FOCUS_DEPTH = 1;

/** The state that decides what the map shows: a change of any re-fits the view to it. */
const FILTER_KEYS = ['types', 'kinds', 'year', 'yearMode', 'hideHub'] as const;

export class App {
  readonly store: ViewStore;
  readonly data: ViewData;
  readonly canvas: Canvas;
  visible: VisibleSet = { nodes: new Set(), edges: new Set(), changed: new Map() };

  private lang: Lang;
  private t: Translate;
  /** True while the loaded graph is being laid out. */
  private arranging = false;
  private loading: AbortController | null = null;
  /** Which of the tied chains is shown; not in the URL, it starts at the first for every question. */
  private pathChoice = { key: '', index: 0 };
  private readonly chrome: Chrome;
  private readonly details: DetailsPanel;
  private readonly list: ListPanel;
  /** The loaded graph's structure (measures, communities), and the looks drawn from it. */
  private network: Network | null = null;
  private readonly looks = new Looks();
  private readonly keeper: FocusKeeper;
  private readonly announcer = new Announcer();
  /** Staff sign-in, and their edit controls once signed in (loaded only then). */
  private readonly staff: StaffEntry;
  /**
   * The communities folded into one node each. Not in the URL: their numbers belong to the
   * loaded graph's communities, and a new graph starts unfolded.
   */
  private collapsed = new Set<number>();
  private folded = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly browserLanguages: readonly string[],
    renderer: RendererChoice = {},
    firstGraph?: FirstGraph,
  ) {
    this.store = new ViewStore((previous, fromHistory) => {
      this.data.forgetFailures();
      if (fromHistory) this.canvas.intent = cameraAfterHistory(previous, this.state);
      this.stateChanged(previous);
    });
    this.lang = this.state.lang ?? pickLanguage(browserLanguages);
    this.t = translator(this.lang);
    this.data = new ViewData({
      onArrival: () => this.apply(),
      errorText: (error) => this.errorText(error),
      firstGraph,
    });
    this.canvas = new Canvas(
      {
        onNode: (slug) => {
          const fold = foldIndex(slug);
          if (fold === null) this.choose(slug, 'push', null);
          else this.toggleFold(fold);
        },
        onEdge: (id) => this.setState({ relation: relationOfEdge(id) }, 'push'),
        onBackground: () =>
          this.setState({ focus: this.state.depth ? this.state.focus : null, relation: null }, 'push'),
      },
      renderer,
    );
    this.chrome = new Chrome(root, {
      toolbar: {
        search: this.data.search,
        onChoose: (entity) => this.choose(entity.slug),
        onView: (view) => this.setState({ view }, 'push', view === 'map' ? 'focus' : null),
        onExport: (format) => void this.exportPicture(format),
        onLang: (code) => this.setState({ lang: code }, 'push'),
      },
      legend: {
        onTypes: (types) => this.setState({ types: normaliseSelection(types, RELATION_TYPE_NAMES) }, 'push'),
        onKinds: (kinds) => this.setState({ kinds: normaliseSelection(kinds, ENTITY_KINDS) }, 'push'),
        onYear: (year, yearMode, push) => this.setState({ year, yearMode }, push ? 'push' : 'replace'),
      },
      pathFinder: {
        search: this.data.search,
        onFind: (query) => this.setState({ path: query }, 'push', 'path'),
        onClear: () => this.setState({ path: null }, 'push'),
        onChoice: (index) => {
          this.pathChoice = { key: pathKey(this.state.path), index };
          this.canvas.intent = 'path';
          this.apply();
        },
        onEntity: (slug) => this.choose(slug),
        onRelation: (id) => this.setState({ relation: id }, 'push'),
      },
      structure: {
        onHideHub: (hideHub) => this.setState({ hideHub }, 'push'),
        onGroups: (groups) => this.setState({ groups }, 'push'),
        onSizeBy: (sizeBy) => this.setState({ sizeBy }, 'push'),
        onEntity: (slug) => this.choose(slug),
        onFold: (index) => this.toggleFold(index),
      },
      status: {
        retry: () => void this.load(),
        resetFilters: () => this.setState({ types: null, kinds: null, year: null, yearMode: 'active' }, 'push'),
      },
      onSkipToList: () => {
        this.setState({ view: 'list' }, 'push');
        this.list.root.focus();
      },
    });
    this.details = new DetailsPanel({
      onEntity: (slug) => this.choose(slug),
      onRelation: (id) => {
        this.keeper.toPanel();
        this.setState({ relation: id }, 'push');
      },
      onClose: () => this.closePanel(),
      onNeighbourhood: (only) => this.setState({ depth: only ? FOCUS_DEPTH : null }, 'push', 'focus'),
      onPathFrom: (entity) => this.chrome.setPathFrom(entity),
      onShowAll: (type) => {
        if (this.state.focus) void this.data.showAllRelations(this.state.focus, type);
      },
      staffControls: (content) => this.staff.panelFor(content),
    });
    this.staff = new StaffEntry({
      lang: () => this.lang,
      search: this.data.search,
      refresh: () => {
        // A staff write changed the graph: read it again (and what the panel shows), no page reload.
        // The panel is read again at once; the map follows when the graph is laid out again.
        this.data.forgetDetails();
        this.apply();
        void this.load();
      },
      redrawPanel: () => this.apply(),
      openEntity: (slug) => this.choose(slug),
      closeRelation: () => this.setState({ relation: null }, 'push'),
      closePanel: () => this.setState({ focus: null, relation: null, depth: null }, 'push'),
    });
    this.list = new ListPanel({
      onEntity: (slug) => this.choose(slug, 'push', null),
      onRelation: (id) => this.setState({ relation: id }, 'push'),
    });
    replaceChildren(
      root,
      this.chrome.skipLink,
      h('div', { class: 'top-bar' }, this.chrome.header, this.staff.element),
      this.chrome.sidebar,
      h('main', { class: 'stage' }, this.canvas.element, this.canvas.overlay, this.list.root, this.chrome.statusBox),
      this.details.root,
      this.chrome.embedLink,
      this.announcer.element,
    );
    this.keeper = new FocusKeeper(this.details.root, this.canvas.element, () =>
      this.canvas.overlay.querySelector<HTMLElement>('.zoom-controls'),
    );
    this.buildChrome();
    window.addEventListener('resize', () => this.canvas.map.resize());
    document.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || event.defaultPrevented || !(this.state.focus || this.state.relation)) return;
      // An open list box or menu takes Escape for itself first.
      if ((event.target as Element | null)?.closest?.('[aria-expanded="true"], details[open]')) return;
      event.preventDefault();
      this.closePanel();
    });
  }

  /** The visitor picked an entity: the view goes there, and the keyboard focus to its panel. */
  private choose(slug: string, history: HistoryMode = 'push', camera: CameraIntent = 'focus'): void {
    this.keeper.toPanel();
    this.setState({ focus: slug, relation: null }, history, camera);
  }

  /** Closes a relation back to its entity, or the entity's panel; the keyboard focus goes back where it came from. */
  private closePanel(): void {
    if (this.state.relation) {
      if (this.state.focus) this.keeper.toPanel();
      else this.keeper.back();
      this.setState({ relation: null }, 'push');
    } else {
      this.keeper.back();
      this.setState({ focus: null, depth: null }, 'push');
    }
  }

  get state(): ViewState {
    return this.store.state;
  }

  start(): void {
    this.canvas.intent = this.state.path ? 'path' : this.state.focus ? 'focus' : 'overview';
    this.apply();
    void this.load();
    this.staff.start();
  }

  /** Every change of the view goes through here (`camera`: where to move once its data is there). */
  setState(patch: Partial<ViewState>, history: HistoryMode, camera: CameraIntent = null): void {
    if (camera) this.canvas.intent = camera;
    this.store.set(patch, history);
  }

  /**
   * Takes a new state in: a new language rebuilds the chrome, a new neighbourhood loads another
   * graph, and everything else is applied to the graph at hand.
   */
  private stateChanged(previous: ViewState): void {
    const lang = this.state.lang ?? pickLanguage(this.browserLanguages);
    if (lang !== this.lang) {
      this.lang = lang;
      this.t = translator(lang);
      this.buildChrome();
    }
    if (!sameNeighbourhood(previous, this.state)) {
      this.canvas.intent ??= 'focus';
      void this.load();
      return;
    }
    if (previous.view !== this.state.view && this.state.view === 'map') this.canvas.map.resize();
    // A filter changes what is on the map: the view re-fits to it, unless the change says where to go.
    if (FILTER_KEYS.some((key) => previous[key] !== this.state[key])) {
      this.canvas.intent ??= this.state.path ? 'path' : this.state.focus ? 'focus' : 'overview';
    }
    this.apply();
  }

  /** Fetches the graph the view draws from, and draws it. */
  async load(): Promise<void> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    this.arranging = false;
    this.data.forgetFailures();
    this.chrome.showStatus({ kind: 'loading' });
    try {
      performance.mark('archipel:request');
      const graph = await this.data.fetchGraph(neighbourhoodOf(this.state), controller.signal);
      if (this.loading !== controller) return;
      performance.mark('archipel:data');
      this.data.setGraph(graph);
      // setGraph drops the old map at once; while a big graph is laid out (seconds, in a worker)
      // the panels and the list already work. A small graph is laid out before setGraph returns:
      // drawing the view in between would only do the same work twice.
      this.arranging = true;
      const elements = toElements(graph);
      this.network = new Network(elements, HEART_SLUG);
      performance.mark('archipel:elements');
      this.collapsed = new Set();
      const laidOut = this.canvas.map.setGraph(elements);
      if (this.canvas.map.placing) this.apply();
      const cy = await laidOut;
      if (!cy || this.loading !== controller) return;
      this.arranging = false;
      // Marks for the benchmark and the curious: request, answer, layout done, first complete view.
      performance.mark('archipel:layout');
      this.apply();
      performance.mark('archipel:ready');
    } catch (error) {
      if (isAbort(error) || this.loading !== controller) return;
      this.chrome.showStatus(
        error instanceof ApiUnreachableError
          ? { kind: 'unreachable' }
          : { kind: 'failed', message: error instanceof Error ? error.message : String(error) },
      );
    }
  }

  /** Brings every part of the page in line with the state and the loaded data. */
  apply(): void {
    const { state, data, lang, t } = this;
    this.root.classList.toggle('embed', state.embed);
    this.chrome.sync(state, data.graph);
    this.list.show(state.view === 'list');
    this.canvas.cover(state.view === 'list');
    if (!data.graph) {
      this.chrome.syncLegend(state, null, this.visible, data.years);
      return;
    }

    if (state.focus) data.ensureEntity(state.focus);
    if (state.relation) data.ensureRelation(state.relation);
    const path = this.pathResult();
    const pathRelations = shownChain(path);
    if (pathRelations.length > 0 && !this.arranging) this.mergePath(pathRelations);
    // Read after the merge: a path outside the neighbourhood makes a new graph, and what is shown
    // must be worked out from it, or the entities it brought in stay hidden until the next redraw.
    const graph = data.graph;

    const forced = [state.focus, state.path?.from, state.path?.to].filter((s): s is string => !!s);
    this.visible = visibleSet(graph, state, { nodes: forced, edges: pathRelations.map((r) => r.id) });
    // Framasoft stays when it is the entity looked at: setting it aside would leave an empty panel's worth of map.
    const hubAside = state.hideHub === true && state.focus !== HEART_SLUG && this.network !== null;
    if (hubAside && this.network) this.visible = withoutHub(this.visible, this.network.ends, HEART_SLUG, forced);
    const folds = this.foldsOf(forced, pathRelations);
    if (!this.arranging) {
      this.canvas.map.arrange(hubAside, HEART_SLUG);
      this.looks.draw(this.canvas.map, this.network, state);
      if (folds.folds.length > 0 || this.folded) {
        this.canvas.map.fold(folds.folds, folds.links, (fold) =>
          t('foldName', { lead: data.refOf(fold.lead).name, count: fold.members.length }),
        );
        this.folded = folds.folds.length > 0;
      }
    }
    this.canvas.draw(folds.visible, highlightOf(state, pathRelations, lang), state.depth ? state.focus : null);

    this.chrome.showStatus(
      this.arranging
        ? { kind: 'arranging', count: graph.nodes.length }
        : graph.nodes.length === 0
          ? { kind: 'empty', filtered: false }
          : this.visible.nodes.size === 0
            ? { kind: 'empty', filtered: isFiltered(state) }
            : { kind: 'ready' },
    );
    this.chrome.syncLegend(state, graph, this.visible, data.years);
    this.chrome.syncPathFinder(state, path, (slug) => data.refOf(slug));
    this.chrome.syncStructure(state, this.network, (slug) => data.refOf(slug).name, this.collapsed);
    this.details.render(
      this.looks.withMeasures(data.detailsContent(state), this.network),
      state,
      lang,
      t,
      this.staff.key,
    );
    this.keeper.settle();
    this.list.render(data.graph, this.visible, state, lang, t);
    this.canvas.map.bottomInset = this.keeper.sheetOverlap();
    this.canvas.moveCamera(state, path, pathRelations, this.arranging);
    const focused = state.focus ? graph.nodes.find((n) => n.slug === state.focus) : undefined;
    document.title = focused ? `${focused.name} · ${t('appTitle')}` : t('appTitle');
    this.announceFocus(graph);
  }

  /**
   * What the canvas draws: the visible set with the folded communities as one node each (only
   * while communities are coloured). What the visitor looks at stays out of the folds.
   */
  private foldsOf(forced: readonly string[], path: readonly RelationDetails[]): FoldedView {
    const network = this.network;
    if (!network || this.collapsed.size === 0 || !this.state.groups)
      return { visible: this.visible, folds: [], links: [] };
    const kept = new Set([...forced, ...path.flatMap((r) => [r.from.slug, r.to.slug])]);
    return foldCommunities(this.visible, network.communitiesOf(), this.collapsed, network.ends, kept);
  }

  private toggleFold(index: number): void {
    const collapsed = new Set(this.collapsed);
    if (!collapsed.delete(index)) collapsed.add(index);
    this.collapsed = collapsed;
    this.apply();
  }

  /** Says which entity was chosen, once per choice, when the loaded graph knows it. */
  private announceFocus(graph: GraphData): void {
    const focus = this.state.focus;
    const text = focus ? entityAnnouncement(graph, focus, this.lang, this.t) : null;
    if (text) this.announcer.say(text);
    else if (!focus) this.announcer.forget();
  }

  /** The path question of the view and its answer so far, showing the chain the visitor picked. */
  private pathResult(): PathResult {
    const key = pathKey(this.state.path);
    if (key !== this.pathChoice.key) this.pathChoice = { key, index: 0 };
    return this.data.pathResult(this.state.path, this.pathChoice.index);
  }

  /** Entities a path runs through outside the loaded graph join it, and the map. */
  private mergePath(relations: readonly RelationDetails[]): void {
    const added = this.data.mergePath(relations);
    if (added) this.canvas.map.addMissing(toElements(added));
  }

  private buildChrome(): void {
    this.canvas.setLanguage(this.lang, this.t);
    this.chrome.build(this.lang, this.t);
    this.staff.build(this.t);
  }

  private errorText(error: unknown): string {
    if (error instanceof ApiUnreachableError) return this.t('apiDown');
    return this.t('apiError', { message: error instanceof Error ? error.message : String(error) });
  }

  /** The map as drawn, titled with what the view is and keyed with what it shows. */
  private async exportPicture(format: 'png' | 'svg'): Promise<void> {
    const cy = this.canvas.map.cy;
    if (!cy) return;
    const { state, lang, t } = this;
    const title = pictureTitle(state, (slug) => this.data.refOf(slug).name, t);
    const blob = format === 'svg' ? await exportSvg(cy, title, lang, t) : await exportPng(cy, title, lang, t);
    saveBlob(blob, `archipel.${format}`);
  }
}
