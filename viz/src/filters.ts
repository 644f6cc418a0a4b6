/**
 * Filters → what the map shows, and → the GraphQL variables that would return the same view.
 *
 * The map fetches the graph once and filters it here, so toggling a filter never re-runs the
 * layout and the year slider shows the same islands appearing and vanishing in place. The
 * rules mirror the API's `graph` arguments so that the "GraphQL" link reproduces the view.
 */
import type { EntityKind, RelationType } from '../../api/model/vocabulary.js';
import type { GraphData, GraphEdge, GraphVariables } from './queries.js';

export interface FilterState {
  /** Relation types shown; `null` shows every type. */
  types: readonly RelationType[] | null;
  /** Entity kinds shown; `null` shows every kind. */
  kinds: readonly EntityKind[] | null;
  /** Only relations active during that year (`activeIn`); `null` for all years. */
  year: number | null;
}

export const NO_FILTERS: FilterState = { types: null, kinds: null, year: null };

/** The year of a partial ISO date ("2019-12" → 2019). */
export function yearOf(date: string | null | undefined): number | null {
  const match = date ? /^(\d{4})/.exec(date) : null;
  return match ? Number(match[1]) : null;
}

/** Same rule as the API's `activeIn`: the [since, until] interval overlaps the year; open ends are open. */
export function isActiveIn(relation: Pick<GraphEdge, 'since' | 'until'>, year: number): boolean {
  const since = yearOf(relation.since);
  const until = yearOf(relation.until);
  return (since === null || since <= year) && (until === null || until >= year);
}

export function isFiltered(filters: FilterState): boolean {
  return filters.types !== null || filters.kinds !== null || filters.year !== null;
}

export interface VisibleSet {
  nodes: Set<string>;
  edges: Set<string>;
}

export interface Forced {
  /** Slugs shown whatever the filters (the focused entity, the ends of a path). */
  nodes?: Iterable<string>;
  /** Relation ids shown whatever the filters (the steps of a path). */
  edges?: Iterable<string>;
}

/**
 * A relation is shown when its type, both ends' kinds and its period pass. An entity is shown
 * when its kind passes and it keeps at least one shown relation: an island with no active tie
 * that year was not yet (or no longer) part of the archipelago. This is the API's own rule for
 * `graph` ("every relation matching the filters, with its ends").
 */
export function visibleSet(graph: GraphData, filters: FilterState, forced: Forced = {}): VisibleSet {
  const types = filters.types ? new Set(filters.types) : null;
  const kinds = filters.kinds ? new Set(filters.kinds) : null;
  const kindOf = new Map(graph.nodes.map((n) => [n.slug, n.kind]));
  const kindPasses = (slug: string) => {
    const kind = kindOf.get(slug);
    return kind !== undefined && (kinds === null || kinds.has(kind));
  };

  const edges = new Set<string>();
  const nodes = new Set<string>();
  for (const edge of graph.edges) {
    if (types && !types.has(edge.type)) continue;
    if (!kindPasses(edge.from.slug) || !kindPasses(edge.to.slug)) continue;
    if (filters.year !== null && !isActiveIn(edge, filters.year)) continue;
    edges.add(edge.id);
    nodes.add(edge.from.slug);
    nodes.add(edge.to.slug);
  }

  for (const slug of forced.nodes ?? []) if (kindOf.has(slug)) nodes.add(slug);
  const edgeById = new Map(graph.edges.map((e) => [e.id, e]));
  for (const id of forced.edges ?? []) {
    const edge = edgeById.get(id);
    if (!edge) continue;
    edges.add(id);
    nodes.add(edge.from.slug);
    nodes.add(edge.to.slug);
  }
  return { nodes, edges };
}

/**
 * How many relations of each type would show if that type were switched on, given the other
 * filters; the legend prints it so that a visitor sees what a toggle will do before using it.
 */
export function countByType(graph: GraphData, filters: FilterState): Map<RelationType, number> {
  const { edges } = visibleSet(graph, { ...filters, types: null });
  const counts = new Map<RelationType, number>();
  for (const edge of graph.edges) {
    if (edges.has(edge.id)) counts.set(edge.type, (counts.get(edge.type) ?? 0) + 1);
  }
  return counts;
}

export function countByKind(graph: GraphData, filters: FilterState): Map<EntityKind, number> {
  const { nodes } = visibleSet(graph, { ...filters, kinds: null });
  const counts = new Map<EntityKind, number>();
  for (const node of graph.nodes) {
    if (nodes.has(node.slug)) counts.set(node.kind, (counts.get(node.kind) ?? 0) + 1);
  }
  return counts;
}

/** The `graph` variables equivalent to the filters and the fetched neighbourhood; unset ones are left out. */
export function graphVariables(
  filters: FilterState,
  neighbourhood: { focus: string; depth: number } | null,
): GraphVariables {
  const variables: GraphVariables = {};
  if (filters.types) variables.types = [...filters.types];
  if (filters.kinds) variables.kinds = [...filters.kinds];
  if (filters.year !== null) variables.activeIn = filters.year;
  if (neighbourhood) {
    variables.focus = neighbourhood.focus;
    variables.depth = neighbourhood.depth;
  }
  return variables;
}

export const DEFAULT_YEARS = { min: 2014, max: 2021 } as const;

/**
 * The range of the year control: at least 2014–2021 (the span of the report's story), widened
 * to the dates the data carries. Far-off starts (a tie dating from 2008) would squash the
 * slider for a mostly empty past, so the start is clamped to `floor`.
 */
export function yearBounds(graph: GraphData, floor: number = DEFAULT_YEARS.min): { min: number; max: number } {
  let min: number = DEFAULT_YEARS.min;
  let max: number = DEFAULT_YEARS.max;
  for (const edge of graph.edges) {
    for (const year of [yearOf(edge.since), yearOf(edge.until)]) {
      if (year === null) continue;
      min = Math.min(min, Math.max(year, floor));
      max = Math.max(max, year);
    }
  }
  return { min, max };
}

/** Keeps a filter list canonical: `null` when it selects everything, in the vocabulary's order. */
export function normaliseSelection<T extends string>(selected: Iterable<T>, all: readonly T[]): T[] | null {
  const chosen = new Set(selected);
  const ordered = all.filter((value) => chosen.has(value));
  return ordered.length === all.length ? null : ordered;
}
