/**
 * Filters → what the map shows, and → the GraphQL variables that would return the same view.
 *
 * The map fetches the graph once and filters it here, so toggling a filter never re-runs the
 * layout and the year slider shows the same islands appearing and vanishing in place. The
 * rules mirror the API's `graph` arguments so that the "GraphQL" link reproduces the view.
 */
import { endedIn, isActiveIn, startedIn, validity, yearOf } from '../../model/validity.js';
import type { EntityKind, RelationType } from '../../model/vocabulary.js';
import type { GraphData, GraphEdge, GraphVariables } from './queries.js';
import { softwareEdgeId, softwareOf } from './software-edge.js';

/** What the year control asks: the relations that held during the year, or those that began or ended in it. */
export type YearMode = 'active' | 'changes';

export interface FilterState {
  /** Relation types shown; `null` shows every type. */
  types: readonly RelationType[] | null;
  /** Entity kinds shown; `null` shows every kind. */
  kinds: readonly EntityKind[] | null;
  /** The year of the year control; `null` for all years. */
  year: number | null;
  /** How `year` selects relations; meaningless without a year. */
  yearMode: YearMode;
}

export const NO_FILTERS: FilterState = { types: null, kinds: null, year: null, yearMode: 'active' };

export function isFiltered(filters: FilterState): boolean {
  return filters.types !== null || filters.kinds !== null || filters.year !== null;
}

/** How a relation changed in the year of "changes" mode: it began, it ended, or both. */
export type Change = 'started' | 'ended' | 'both';

export interface VisibleSet {
  nodes: Set<string>;
  /** Relation ids, and the ids of the software edges derived from them (`softwareEdgeId`). */
  edges: Set<string>;
  /** In "changes" mode, how each shown relation changed that year; empty otherwise. */
  changed: Map<string, Change>;
}

export interface Forced {
  /** Slugs shown whatever the filters (the focused entity, the ends of a path). */
  nodes?: Iterable<string>;
  /** Relation ids shown whatever the filters (the steps of a path). */
  edges?: Iterable<string>;
}

/**
 * Whether a relation passes the year control, and how it changed (`null`: it did not pass).
 * "Changes" goes by the relation's own dates only: an event's date bounds a relation, it does
 * not make it begin or end.
 */
function yearVerdict(edge: GraphEdge, eventDate: string | null, filters: FilterState): Change | 'active' | null {
  const { year } = filters;
  if (year === null) return 'active';
  if (filters.yearMode === 'active') return isActiveIn(validity(edge, eventDate), year) ? 'active' : null;
  const started = startedIn(edge, year);
  const ended = endedIn(edge, year);
  return started && ended ? 'both' : started ? 'started' : ended ? 'ended' : null;
}

/**
 * A relation is shown when its type passes, at least one end's kind passes (both ends are then
 * drawn: ticking only "Person" shows people and who they relate to) and the year control keeps
 * it (see `yearVerdict`; the time model is model/validity.ts). An entity is shown when it
 * keeps at least one shown relation: an island with no tie that year was not yet (or no longer)
 * part of the archipelago. The software a HOSTING relation runs is drawn from its own edge
 * (software-edge.ts), shown exactly when the relation is, so the software shows with it. These are
 * the API's own rules for `graph`, so that the "GraphQL" link returns the same view.
 */
export function visibleSet(graph: GraphData, filters: FilterState, forced: Forced = {}): VisibleSet {
  const types = filters.types ? new Set(filters.types) : null;
  const kinds = filters.kinds ? new Set(filters.kinds) : null;
  const nodeBySlug = new Map(graph.nodes.map((n) => [n.slug, n]));
  const kindPasses = (slug: string) => {
    const kind = nodeBySlug.get(slug)?.kind;
    return kind !== undefined && (kinds === null || kinds.has(kind));
  };
  const eventDate = (slug: string) => {
    const node = nodeBySlug.get(slug);
    return node?.kind === 'EVENT' ? (node.date ?? null) : null;
  };

  const edges = new Set<string>();
  const nodes = new Set<string>();
  const changed = new Map<string, Change>();
  const shown: GraphEdge[] = [];
  const show = (edge: GraphEdge) => {
    edges.add(edge.id);
    nodes.add(edge.from.slug);
    nodes.add(edge.to.slug);
    shown.push(edge);
  };
  for (const edge of graph.edges) {
    if (!nodeBySlug.has(edge.from.slug) || !nodeBySlug.has(edge.to.slug)) continue;
    if (types && !types.has(edge.type)) continue;
    if (!kindPasses(edge.from.slug) && !kindPasses(edge.to.slug)) continue;
    const verdict = yearVerdict(edge, eventDate(edge.from.slug) ?? eventDate(edge.to.slug), filters);
    if (verdict === null) continue;
    if (verdict !== 'active') changed.set(edge.id, verdict);
    show(edge);
  }

  for (const slug of forced.nodes ?? []) if (nodeBySlug.has(slug)) nodes.add(slug);
  const edgeById = forced.edges ? new Map(graph.edges.map((e) => [e.id, e])) : null;
  for (const id of forced.edges ?? []) {
    const edge = edgeById?.get(id);
    if (edge && !edges.has(id)) show(edge);
  }

  for (const edge of shown) {
    const software = softwareOf(edge, nodeBySlug);
    if (!software) continue;
    edges.add(softwareEdgeId(edge.id));
    nodes.add(software);
  }
  return { nodes, edges, changed };
}

/** How many shown relations began and ended in the year of "changes" mode (one that did both counts in each). */
export function countChanges(visible: VisibleSet): { started: number; ended: number; both: number } {
  const counts = { started: 0, ended: 0, both: 0 };
  for (const change of visible.changed.values()) {
    if (change !== 'ended') counts.started += 1;
    if (change !== 'started') counts.ended += 1;
    if (change === 'both') counts.both += 1;
  }
  return counts;
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

/**
 * The legend's number beside each kind K: how many entities of kind K the map shows once K is
 * ticked along with the kinds already ticked (for a ticked kind, what it shows now). With the
 * either-end rule ticking K also brings in the other ends of K's relations, but those are
 * counted under their own kinds, each as if it were ticked in turn.
 */
export function countByKind(graph: GraphData, filters: FilterState): Map<EntityKind, number> {
  const counts = new Map<EntityKind, number>();
  const kindsPresent = new Set(graph.nodes.map((n) => n.kind));
  for (const kind of kindsPresent) {
    const kinds = filters.kinds === null || filters.kinds.includes(kind) ? filters.kinds : [...filters.kinds, kind];
    const { nodes } = visibleSet(graph, { ...filters, kinds });
    let count = 0;
    for (const node of graph.nodes) if (node.kind === kind && nodes.has(node.slug)) count += 1;
    if (count > 0) counts.set(kind, count);
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
  // "Changes" has no equivalent among `graph`'s arguments: `startedIn` and `endedIn` together keep
  // relations that started in one year AND ended in the other, never "either", so it adds none.
  if (filters.year !== null && filters.yearMode === 'active') variables.activeIn = filters.year;
  if (neighbourhood) {
    variables.focus = neighbourhood.focus;
    variables.depth = neighbourhood.depth;
  }
  return variables;
}

export const DEFAULT_YEARS = { min: 2014, max: 2021 } as const;

/**
 * The range of the year control: at least 2014–2021 (the span of the report's story), widened
 * to the dates the data carries, events' included (they date their relations). Far-off starts
 * (a tie dating from 2008) would squash the slider for a mostly empty past, so the start is
 * clamped to `floor`.
 */
export function yearBounds(graph: GraphData, floor: number = DEFAULT_YEARS.min): { min: number; max: number } {
  let min: number = DEFAULT_YEARS.min;
  let max: number = DEFAULT_YEARS.max;
  const eventYears = graph.nodes.map((n) => (n.kind === 'EVENT' ? yearOf(n.date) : null));
  const edgeYears = graph.edges.flatMap((e) => [yearOf(e.since), yearOf(e.until)]);
  for (const year of [...eventYears, ...edgeYears]) {
    if (year === null) continue;
    min = Math.min(min, Math.max(year, floor));
    max = Math.max(max, year);
  }
  return { min, max };
}

/** Keeps a filter list canonical: `null` when it selects everything, in the vocabulary's order. */
export function normaliseSelection<T extends string>(selected: Iterable<T>, all: readonly T[]): T[] | null {
  const chosen = new Set(selected);
  const ordered = all.filter((value) => chosen.has(value));
  return ordered.length === all.length ? null : ordered;
}
