/**
 * The view's state ⇄ the page URL, so that a view can be shared, bookmarked and walked through
 * with back/forward. Parsing is forgiving: a hand-edited or outdated link opens the closest
 * valid view instead of an error.
 */
import {
  ENTITY_KINDS,
  type EntityKind,
  RELATION_TYPE_NAMES,
  type RelationType,
  SLUG_PATTERN,
} from '../../model/vocabulary.js';
import { type FilterState, normaliseSelection } from './filters.js';
import { isLang, type Lang } from './i18n.js';
import { PATH_LONGEST, PATH_MAX_LENGTH } from './queries.js';

export type ViewMode = 'map' | 'list';

/** What node size tells: how many ties an entity has, or how much it connects others (betweenness). */
export type SizeBy = 'ties' | 'betweenness';
export const SIZE_BY: readonly SizeBy[] = ['ties', 'betweenness'];

/**
 * A "how are they connected?" question. Both ends may be the same entity: the answer ("the same
 * entity") is still worth showing, and the URL keeps it like any other view.
 */
export interface PathQuery {
  from: string;
  to: string;
  /** Longest chain looked for, 1 to PATH_LONGEST relations. */
  maxLength: number;
  /** Slugs the chain must not pass through; never one of its ends. */
  avoid: string[];
}

export interface ViewState extends FilterState {
  /** Slug of the selected entity. */
  focus: string | null;
  /** When set with `focus`, only that neighbourhood is fetched (`graph(focus, depth)`). */
  depth: number | null;
  /** Id of the selected relation. */
  relation: string | null;
  /** The path being shown. */
  path: PathQuery | null;
  view: ViewMode;
  /** Only when the visitor picked a language; otherwise the browser's choice applies. */
  lang: Lang | null;
  /** Chrome-less mode for an iframe on another site. */
  embed: boolean;
  // The three below are absent from a state in their default (off, by ties), as from its URL.
  /** Framasoft and its ties left out, the rest laid out on its own: the archipelago past its hub. */
  hideHub?: boolean;
  /** Nodes coloured by community (Louvain) instead of by category. */
  groups?: boolean;
  sizeBy?: SizeBy;
}

export const INITIAL_STATE: ViewState = {
  types: null,
  kinds: null,
  year: null,
  yearMode: 'active',
  focus: null,
  depth: null,
  relation: null,
  path: null,
  view: 'map',
  lang: null,
  embed: false,
};

export const MAX_DEPTH = 3;

const slugOrNull = (value: string | null) => (value && SLUG_PATTERN.test(value) ? value : null);

function pathOf(params: URLSearchParams): PathQuery | null {
  const from = slugOrNull(params.get('from'));
  const to = slugOrNull(params.get('to'));
  if (!from || !to) return null;
  const avoid = (params.get('avoid') ?? '')
    .split(',')
    .map((slug) => slug.trim())
    .filter((slug, i, all) => SLUG_PATTERN.test(slug) && slug !== from && slug !== to && all.indexOf(slug) === i);
  return { from, to, maxLength: intIn(params.get('pathMax'), 1, PATH_LONGEST) ?? PATH_MAX_LENGTH, avoid };
}

/** Same key, same question: the cache of answers and the camera go by it. */
export function pathKey(path: PathQuery | null): string {
  return path ? [path.from, path.to, path.maxLength, path.avoid.join(',')].join('|') : '';
}

function intIn(value: string | null, min: number, max: number): number | null {
  if (value === null || !/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

/** Absent → `null` (everything); present, even empty → the known values it lists. */
function listOf<T extends string>(value: string | null, all: readonly T[]): T[] | null {
  if (value === null) return null;
  const known = new Set<string>(all);
  const picked = value
    .split(',')
    .map((v) => v.trim().toUpperCase())
    .filter((v): v is T => known.has(v));
  return normaliseSelection(picked, all);
}

export function parseState(search: string | URLSearchParams): ViewState {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const focus = slugOrNull(params.get('focus'));
  const lang = params.get('lang');
  const year = intIn(params.get('year'), 1900, 2100);
  return {
    types: listOf<RelationType>(params.get('types'), RELATION_TYPE_NAMES),
    kinds: listOf<EntityKind>(params.get('kinds'), ENTITY_KINDS),
    year,
    // Without a year there is nothing to have changed in: the mode falls back to the default.
    yearMode: year !== null && params.get('yearMode') === 'changes' ? 'changes' : 'active',
    focus,
    depth: focus ? intIn(params.get('depth'), 1, MAX_DEPTH) : null,
    relation: params.get('rel') || null,
    path: pathOf(params),
    view: params.get('view') === 'list' ? 'list' : 'map',
    lang: isLang(lang) ? lang : null,
    embed: params.get('embed') === '1',
    ...(params.get('hub') === 'hidden' && { hideHub: true }),
    ...(params.get('groups') === '1' && { groups: true }),
    ...(params.get('size') === 'betweenness' && { sizeBy: 'betweenness' as const }),
  };
}

/** The query string of a state ("" for the initial view); keys in a fixed order so URLs compare. */
export function stateToSearch(state: ViewState): string {
  const params = new URLSearchParams();
  if (state.focus) params.set('focus', state.focus);
  if (state.focus && state.depth) params.set('depth', String(state.depth));
  if (state.relation) params.set('rel', state.relation);
  if (state.types) params.set('types', state.types.join(','));
  if (state.kinds) params.set('kinds', state.kinds.join(','));
  if (state.year !== null) params.set('year', String(state.year));
  if (state.year !== null && state.yearMode !== 'active') params.set('yearMode', state.yearMode);
  if (state.path) {
    params.set('from', state.path.from);
    params.set('to', state.path.to);
    if (state.path.maxLength !== PATH_MAX_LENGTH) params.set('pathMax', String(state.path.maxLength));
    if (state.path.avoid.length > 0) params.set('avoid', state.path.avoid.join(','));
  }
  if (state.hideHub) params.set('hub', 'hidden');
  if (state.groups) params.set('groups', '1');
  if (state.sizeBy && state.sizeBy !== 'ties') params.set('size', state.sizeBy);
  if (state.view !== 'map') params.set('view', state.view);
  if (state.lang) params.set('lang', state.lang);
  if (state.embed) params.set('embed', '1');
  const text = params.toString().replace(/%2C/g, ',');
  return text ? `?${text}` : '';
}

/** The part of the graph a view draws from: one entity's neighbourhood, or everything (`null`). */
export type Neighbourhood = { focus: string; depth: number } | null;

/** What must be fetched again when it changes; every other change is applied to the loaded graph. */
export function neighbourhoodOf(state: ViewState): Neighbourhood {
  return state.focus && state.depth ? { focus: state.focus, depth: state.depth } : null;
}

export function sameNeighbourhood(a: ViewState, b: ViewState): boolean {
  return equalNeighbourhoods(neighbourhoodOf(a), neighbourhoodOf(b));
}

export function equalNeighbourhoods(a: Neighbourhood, b: Neighbourhood): boolean {
  return a?.focus === b?.focus && a?.depth === b?.depth;
}
