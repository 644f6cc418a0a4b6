/**
 * The map's look, as data: one table per visual fact (kind → shape, category → colour,
 * relation type → colour and dash), read by both the elements (see `nodeLook`) and the legend,
 * so the two cannot disagree; and the Cytoscape stylesheet for everything else.
 */
import type { StylesheetJson } from 'cytoscape';
import {
  type EntityKind,
  ORGANISATION_CATEGORIES,
  PROJECT_CATEGORIES,
  type RelationType,
} from '../../model/vocabulary.js';
import type { Change } from './filters.js';

export type Shape = 'ellipse' | 'round-rectangle' | 'round-triangle' | 'diamond';
export type LineStyle = 'solid' | 'dashed' | 'dotted';

/** Shape tells the kind; colour tells the category within it (or the kind, for uncategorised ones). */
export const KIND_STYLE: Record<EntityKind, { shape: Shape; color: string }> = {
  ORGANISATION: { shape: 'ellipse', color: '#3d6fb0' },
  PROJECT: { shape: 'round-rectangle', color: '#d9822b' },
  PERSON: { shape: 'round-triangle', color: '#7e57c2' },
  EVENT: { shape: 'diamond', color: '#c2185b' },
};

/** SVG paths (16×16 box) drawing each shape in the legend. */
export const SHAPE_PATH: Record<Shape, string> = {
  ellipse: 'M8 1a7 7 0 1 0 0.001 0Z',
  'round-rectangle': 'M4 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2Z',
  'round-triangle': 'M8 1.5 15 14.5H1Z',
  diamond: 'M8 0.5 15.5 8 8 15.5 0.5 8Z',
};

/**
 * Categories get evenly spread hues inside their kind's family (cool blues and greens for
 * organisations, warm tones for projects), alternating lightness so that neighbours differ.
 */
function family(categories: readonly string[], fromHue: number, toHue: number): Record<string, string> {
  const step = categories.length > 1 ? (toHue - fromHue) / (categories.length - 1) : 0;
  return Object.fromEntries(
    categories.map((category, i) => {
      const hue = Math.round(fromHue + i * step);
      return [category, `hsl(${hue}, ${i % 2 ? 55 : 65}%, ${i % 2 ? 52 : 40}%)`];
    }),
  );
}

export const CATEGORY_COLORS: Record<string, string> = {
  ...family(ORGANISATION_CATEGORIES, 150, 260),
  ...family(PROJECT_CATEGORIES, 0, 55),
};

export const HEART = { color: '#6a3d9a', border: '#f2a516' } as const;

/** 20 types cannot all get distinct colours; the dash pattern separates those that come close. */
export const RELATION_STYLE: Record<RelationType, { color: string; line: LineStyle }> = {
  RHIZOME: { color: '#6a3d9a', line: 'solid' },
  ARCHIPELAGO: { color: '#1b9e77', line: 'solid' },
  FRIENDSHIP_CONVENTION: { color: '#e7298a', line: 'solid' },
  SUPPORT_CONVENTION: { color: '#e7298a', line: 'dashed' },
  HOSTING: { color: '#66a61e', line: 'solid' },
  FUNDING: { color: '#e6ab02', line: 'solid' },
  MEMBERSHIP: { color: '#1f78b4', line: 'solid' },
  COLLABORATION: { color: '#a6761d', line: 'solid' },
  WORKS_FOR: { color: '#555555', line: 'dashed' },
  CONTRACTS_FOR: { color: '#a6761d', line: 'dashed' },
  DEVELOPS: { color: '#e31a1c', line: 'solid' },
  CONTRIBUTES_TO: { color: '#fb8072', line: 'dashed' },
  AUTHORED: { color: '#984ea3', line: 'dashed' },
  PUBLISHES: { color: '#b15928', line: 'dotted' },
  PART_OF: { color: '#8c8c8c', line: 'dotted' },
  ORGANISES: { color: '#ff7f00', line: 'solid' },
  SPEAKS_AT: { color: '#bc80bd', line: 'solid' },
  INTERVIEWS: { color: '#17becf', line: 'dotted' },
  SIGNS: { color: '#bcbd22', line: 'dotted' },
  USES: { color: '#80b1d3', line: 'dashed' },
};

export const FALLBACK_EDGE_COLOR = '#b8bfcc';

/** The software edge of a HOSTING relation (elements.ts) draws the same relation again: dashed, thinner. */
export const DERIVED_EDGE_STYLE: { line: LineStyle; width: number } = { line: 'dashed', width: 0.75 };

/**
 * In "changes" mode, a halo under each relation tells how it changed that year; the relation
 * keeps its type's colour: green for a beginning, red for an end, a third colour for both.
 */
export const CHANGE_STYLE: Record<Change, { color: string }> = {
  started: { color: '#2e9d4f' },
  ended: { color: '#d3302f' },
  both: { color: '#8a5a00' },
};

/**
 * What a node looks like, resolved once per element and carried in its data: matching dozens
 * of per-category selectors against 25,000 elements took seconds, one `data(...)` mapper does not.
 */
export function nodeLook(kind: EntityKind, category: string | null, heart: boolean): { shape: Shape; color: string } {
  const base = KIND_STYLE[kind] ?? { shape: 'ellipse', color: '#8a94a6' };
  const color = heart ? HEART.color : ((category && CATEGORY_COLORS[category]) ?? base.color);
  return { shape: base.shape, color };
}

export function edgeLook(type: RelationType): { color: string; line: LineStyle } {
  return RELATION_STYLE[type] ?? { color: FALLBACK_EDGE_COLOR, line: 'solid' };
}

/**
 * Community colours: Okabe and Ito's palette for colour-blind readers first, then Paul Tol's
 * muted colours; communities past these share the grey of the uncoloured.
 */
export const COMMUNITY_COLORS = [
  '#e69f00',
  '#56b4e9',
  '#009e73',
  '#f0e442',
  '#0072b2',
  '#d55e00',
  '#cc79a7',
  '#882255',
  '#44aa99',
  '#332288',
  '#999933',
  '#117733',
] as const;

export const NO_COMMUNITY_COLOR = '#c5cad3';

export function communityColor(index: number | undefined): string {
  return (index !== undefined && COMMUNITY_COLORS[index]) || NO_COMMUNITY_COLOR;
}

/** A folded community's node, and its links to the rest (see map-folds.ts). */
export const FOLD_CLASS = 'community-fold';
export const FOLD_LINK_CLASS = 'fold-link';

/** Nodes coloured by community carry their colour here (see `GROUPED_CLASS`). */
export const GROUPED_CLASS = 'grouped';
/** Nodes sized by betweenness carry their size in `data(bsize)`. */
export const SIZED_CLASS = 'sized';
/** Every visible node carries its label when few are visible. */
export const NAMED_CLASS = 'named';
/** The node the keyboard is on (arrow keys walk the map). */
export const CURSOR_CLASS = 'cursor';

/** Above this many elements the map trades looks for speed (straight edges, no arrows, fewer labels). */
export const LARGE_GRAPH = 3000;

/** On big graphs, entities with at least this many relations always carry their label. */
export const HUB_DEGREE = 20;

/** The class the map gives to nodes in view once zoomed in, so that big graphs label them too. */
export const LABELLED_CLASS = 'labelled';

/** The biggest nodes in view, named at a readable size when too many are shown for all (map-looks.ts). */
export const LANDMARK_CLASS = 'landmark';

export interface StyleOptions {
  large: boolean;
}

/** A `data(field)` mapper where Cytoscape's types expect a literal value (it accepts both at run time). */
const fromData = <T>(field: string) => `data(${field})` as unknown as T;

export function stylesheet({ large }: StyleOptions): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        shape: fromData<Shape>('shape'),
        width: 'data(size)',
        height: 'data(size)',
        'background-color': 'data(color)',
        'border-width': large ? 0 : 1,
        'border-color': '#ffffff',
        // Big graphs label only hubs and what the visitor looks at (see `LABELLED_CLASS`):
        // measuring 5,000 labels took seconds before anything was drawn.
        label: large ? '' : 'data(label)',
        'font-family': 'system-ui, sans-serif',
        'font-size': large ? 'mapData(size, 8, 40, 10, 18)' : 'mapData(size, 16, 80, 10, 26)',
        // Below this on-screen size a label is noise: skipping it keeps zoomed-out maps legible and fast.
        // (Cytoscape rounds the zoom up to a power of two here, so at the overview only hubs keep theirs.)
        'min-zoomed-font-size': large ? 8 : 14,
        color: '#1d2433',
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-wrap': 'ellipsis',
        'text-max-width': '160px',
        'text-outline-color': '#ffffff',
        'text-outline-width': large ? 0 : 2,
        'text-events': 'no',
      },
    },
    ...(large
      ? [
          {
            selector: `node[degree >= ${HUB_DEGREE}], node.${LABELLED_CLASS}, node.highlighted, node.path`,
            style: { label: 'data(label)' },
          },
        ]
      : []),
    {
      selector: 'node[?heart]',
      style: {
        'border-color': HEART.border,
        'border-width': 5,
        'font-size': 24,
        'font-weight': 'bold',
        'z-index': 20,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'line-color': 'data(color)',
        'target-arrow-color': 'data(color)',
        'line-style': fromData<LineStyle>('line'),
        // Haystack edges are drawn as plain segments: an order of magnitude cheaper on big graphs.
        'curve-style': large ? 'haystack' : 'bezier',
        'target-arrow-shape': large ? 'none' : 'triangle',
        'arrow-scale': 0.8,
        // Translucent lines cost a blend per pixel; big graphs draw them opaque.
        opacity: large ? 1 : 0.8,
        'font-size': 10,
        'min-zoomed-font-size': 8,
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': '2px',
      },
    },
    { selector: 'edge[derived]', style: { width: DERIVED_EDGE_STYLE.width } },
    ...Object.entries(CHANGE_STYLE).map(([change, look]) => ({
      selector: `edge[changed = "${change}"]`,
      style: { 'underlay-color': look.color, 'underlay-opacity': 0.45, 'underlay-padding': 4, width: 2.5 },
    })),
    { selector: `node.${GROUPED_CLASS}`, style: { 'background-color': 'data(groupColor)' } },
    // A fold reads as a group, not an entity: a double ring, and links as thick as the ties they stand for.
    {
      selector: `node.${FOLD_CLASS}`,
      style: { 'border-width': 6, 'border-style': 'double', 'border-color': '#1d1d1f' },
    },
    {
      selector: `edge.${FOLD_LINK_CLASS}`,
      style: { width: 'mapData(count, 1, 20, 2, 9)', 'target-arrow-shape': 'none', opacity: 0.6 },
    },
    { selector: `node.${SIZED_CLASS}`, style: { width: 'data(bsize)', height: 'data(bsize)' } },
    {
      selector: `node.${NAMED_CLASS}`,
      style: { label: 'data(label)', 'min-zoomed-font-size': 0, 'text-opacity': 1 },
    },
    {
      selector: `node.${LANDMARK_CLASS}`,
      style: { label: 'data(label)', 'min-zoomed-font-size': 0, 'text-opacity': 1, 'z-index': 25 },
    },
    {
      selector: `node.${CURSOR_CLASS}`,
      style: {
        'underlay-color': '#1d4ed8',
        'underlay-opacity': 0.35,
        'underlay-padding': 8,
        'underlay-shape': 'ellipse',
      },
    },
    { selector: '.filtered', style: { display: 'none' } },
    { selector: '.faded', style: { opacity: 0.12, 'text-opacity': 0 } },
    { selector: 'node.highlighted', style: { 'z-index': 30, 'text-opacity': 1, 'min-zoomed-font-size': 0 } },
    { selector: 'edge.highlighted', style: { width: 3, opacity: 1, 'z-index': 30 } },
    {
      selector: 'node.focus',
      style: { 'border-width': 5, 'border-color': '#f2a516', 'font-weight': 'bold', 'z-index': 40 },
    },
    {
      selector: '.path',
      style: {
        'underlay-color': '#ffd21f',
        'underlay-opacity': 0.7,
        'underlay-padding': 6,
        opacity: 1,
        'text-opacity': 1,
        'min-zoomed-font-size': 0,
        'z-index': 50,
      },
    },
    { selector: 'node.path', style: { 'underlay-shape': 'ellipse' } },
    { selector: 'edge.path', style: { width: 4, label: 'data(pathLabel)' } },
    { selector: 'edge:selected', style: { width: 5, opacity: 1 } },
  ];
}
