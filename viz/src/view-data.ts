/**
 * The data behind the view: the graph the map draws, and what the panels show of an entity, a
 * relation or a path, each fetched once per key and kept for back/forward. Knows nothing of the
 * DOM: when an answer arrives it tells its owner, which redraws.
 */
import type { RelationType } from '../../model/vocabulary.js';
import { request } from './api.js';
import type { DetailsContent, GroupRest } from './details.js';
import { yearBounds } from './filters.js';
import { type FirstGraph, fetchGraph } from './first-graph.js';
import { type PathAnswer, type PathResult, pathResult } from './path-finder.js';
import {
  ENTITY,
  ENTITY_RELATIONS,
  type EntityDetails,
  type EntityRef,
  type GraphData,
  PATH,
  pathVariables,
  RELATION,
  type RelationDetails,
  type RelationPage,
  SEARCH,
  SEARCH_SIZE,
} from './queries.js';
import { type Neighbourhood, type PathQuery, pathKey, type ViewState } from './url-state.js';

type Loaded<T> = { status: 'loading' } | { status: 'ok'; value: T } | { status: 'error'; error: unknown };

export interface ViewDataOptions {
  /** Called when an answer (or a failure) arrives, so that the view takes it in. */
  onArrival(): void;
  /** The visitor's words for a failure, in the current language. */
  errorText(error: unknown): string;
  /** The graph asked for as the page started (first-graph.ts), used by the first load that wants it. */
  firstGraph?: FirstGraph;
}

export class ViewData {
  /** The graph the map draws; `null` until the first answer. */
  graph: GraphData | null = null;
  /** The year control's range for that graph. */
  years = { min: 2014, max: 2021 };

  private readonly entities = new Map<string, Loaded<EntityDetails | null>>();
  private readonly relations = new Map<string, Loaded<RelationDetails | null>>();
  /** Tied shortest chains per question (`pathKey`); `[]` when there is none within its maxLength. */
  private readonly paths = new Map<string, Loaded<RelationDetails[][]>>();
  /** The rest of an entity's relation groups the visitor asked for, by entity slug and type. */
  private readonly groupRests = new Map<string, Map<RelationType, GroupRest>>();

  constructor(private readonly options: ViewDataOptions) {}

  /**
   * Fetches the graph the view draws from: the whole archipelago, or one entity's neighbourhood.
   * Filters are applied on the loaded graph (see filters.ts), so only the neighbourhood is asked for.
   */
  fetchGraph(neighbourhood: Neighbourhood, signal: AbortSignal): Promise<GraphData> {
    return this.options.firstGraph?.take(neighbourhood) ?? fetchGraph(neighbourhood, signal);
  }

  setGraph(graph: GraphData): void {
    this.graph = graph;
    this.years = yearBounds(graph);
  }

  /**
   * A path may run through entities outside a neighbourhood view; they join the loaded graph,
   * which becomes a new object. Returns what the map must add (every node, so that the new
   * edges find their ends, and the new edges only), or `null` when nothing was missing.
   */
  mergePath(relations: readonly RelationDetails[]): GraphData | null {
    const graph = this.graph;
    if (!graph) return null;
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
    if (nodes.length === 0 && edges.length === 0) return null;
    this.graph = { nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] };
    return { nodes: this.graph.nodes, edges };
  }

  /** Forgets every entity, relation and path read so far: after a staff write they are read again. */
  forgetDetails(): void {
    this.entities.clear();
    this.relations.clear();
    this.paths.clear();
    this.groupRests.clear();
  }

  /** Failures are kept (no retry loop) until the visitor does something, which retries them. */
  forgetFailures(): void {
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
        this.options.onArrival();
      },
      (error: unknown) => {
        cache.set(key, { status: 'error', error });
        this.options.onArrival();
      },
    );
    return entry;
  }

  ensureEntity(slug: string): void {
    this.fetchInto(this.entities, slug, () =>
      request<{ entity: EntityDetails | null }>(ENTITY, { slug }).then((d) => d.entity),
    );
  }

  ensureRelation(id: string): void {
    this.fetchInto(this.relations, id, () =>
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

  /** Reads every relation of one type of an entity past the panel's first page, telling its owner as it goes. */
  async showAllRelations(slug: string, type: RelationType): Promise<void> {
    const entry = this.entities.get(slug);
    const group = entry?.status === 'ok' ? entry.value?.relationGroups.find((g) => g.type === type) : undefined;
    const rests = this.groupRests.get(slug) ?? new Map<RelationType, GroupRest>();
    this.groupRests.set(slug, rests);
    if (!group || rests.get(type)?.status === 'loading') return;
    rests.set(type, { status: 'loading' });
    this.options.onArrival();
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
      rests.set(type, { status: 'error', message: this.options.errorText(error) });
    }
    this.options.onArrival();
  }

  /**
   * The path question of the view and its answer so far (`choice`: which of the tied chains);
   * the same entity at both ends needs no asking.
   */
  pathResult(query: PathQuery | null, choice: number): PathResult {
    let answer: PathAnswer | null = null;
    if (query && query.from !== query.to) {
      const entry = this.ensurePath(query);
      answer =
        entry.status === 'ok'
          ? { status: 'ok', chains: entry.value }
          : entry.status === 'error'
            ? { status: 'error', message: this.options.errorText(entry.error) }
            : entry;
    }
    return pathResult(query, answer, choice, (slug) => this.refOf(slug));
  }

  /** What the details panel shows for the view: the selected relation, else the focused entity, else nothing. */
  detailsContent(state: ViewState): DetailsContent | null {
    const { errorText } = this.options;
    if (state.relation) {
      const entry = this.relations.get(state.relation) ?? { status: 'loading' };
      if (entry.status === 'loading') return { kind: 'loading' };
      if (entry.status === 'error') return { kind: 'error', message: errorText(entry.error) };
      return entry.value ? { kind: 'relation', relation: entry.value } : { kind: 'relation-not-found' };
    }
    if (state.focus) {
      const entry = this.entities.get(state.focus) ?? { status: 'loading' };
      if (entry.status === 'loading') return { kind: 'loading' };
      if (entry.status === 'error') {
        const code = (entry.error as { code?: string }).code;
        return code === 'NOT_FOUND'
          ? { kind: 'not-found', slug: state.focus }
          : { kind: 'error', message: errorText(entry.error) };
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

  search = (text: string, signal: AbortSignal): Promise<EntityRef[]> =>
    request<{ search: { edges: { node: EntityRef }[] } }>(SEARCH, { text, first: SEARCH_SIZE }, signal).then((d) =>
      d.search.edges.map((e) => e.node),
    );

  /** An entity as the panels name it; one outside the loaded graph is named by its slug. */
  refOf(slug: string): EntityRef {
    const node = this.graph?.nodes.find((n) => n.slug === slug);
    return node ? { slug, name: node.name, kind: node.kind } : { slug, name: slug, kind: 'ORGANISATION' };
  }
}
