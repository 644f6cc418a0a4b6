/**
 * The toolbar's Export menu: the current view as the files other tools read (GEXF, GraphML, CSV,
 * JSON), from the server's stable URLs (api/http/exports.ts), "Open in Gephi Lite", which hands
 * Gephi Lite the GEXF URL, and the map as an SVG picture (made in the page, see picture-export.ts). A `<details>` disclosure: it opens with a click, Enter or Space, and its
 * items are plain links.
 */
import { h } from './dom.js';
import type { Translate } from './i18n.js';
import type { GraphVariables } from './queries.js';

/** Relative, like the GraphQL endpoint: the map may be served under a path prefix. */
const EXPORT_BASE = 'export/';
export const GEPHI_LITE = 'https://lite.gephi.org/';

export const EXPORT_FILES = [
  { file: 'archipel.gexf', label: 'exportGexf' },
  { file: 'archipel.graphml', label: 'exportGraphml' },
  { file: 'entities.csv', label: 'exportEntitiesCsv' },
  { file: 'relations.csv', label: 'exportRelationsCsv' },
  { file: 'archipel.json', label: 'exportJson' },
] as const;

/**
 * The query string of the exports of a view, from the `graph` variables that reproduce it (the
 * same the "GraphQL" link carries): the server reads the map's own parameter names.
 */
export function exportSearch(variables: GraphVariables): string {
  const params = new URLSearchParams();
  if (variables.types) params.set('types', variables.types.join(','));
  if (variables.kinds) params.set('kinds', variables.kinds.join(','));
  if (variables.activeIn !== undefined) params.set('year', String(variables.activeIn));
  if (variables.focus && variables.depth) {
    params.set('focus', variables.focus);
    params.set('depth', String(variables.depth));
  }
  const text = params.toString().replace(/%2C/g, ',');
  return text ? `?${text}` : '';
}

/** Gephi Lite opening the GEXF export of the view (`base`: the map page's URL). */
export function gephiLiteHref(search: string, base: string): string {
  const gexf = new URL(`${EXPORT_BASE}archipel.gexf${search}`, base).href;
  return `${GEPHI_LITE}?${new URLSearchParams({ gexf })}`;
}

export interface ExportMenu {
  root: HTMLElement;
  /** Points every item at the view these variables describe. */
  sync(variables: GraphVariables): void;
  /** The SVG picture needs the map on screen. */
  enablePicture(enabled: boolean): void;
}

export function exportMenu(t: Translate, onSvg: () => void): ExportMenu {
  const links = EXPORT_FILES.map(({ file, label }) =>
    h('a', { href: `${EXPORT_BASE}${file}`, download: file, 'data-export': file }, t(label)),
  );
  const gephiLite = h(
    'a',
    {
      href: GEPHI_LITE,
      target: '_blank',
      rel: 'noopener',
      'data-export': 'gephi-lite',
      title: t('openInGephiLiteTitle'),
    },
    t('openInGephiLite'),
  );
  const svg = h(
    'button',
    { type: 'button', class: 'export-svg', title: t('exportSvgTitle'), onclick: () => onSvg() },
    t('exportSvg'),
  );
  const root = h(
    'details',
    { class: 'export-menu' },
    h('summary', { title: t('exportMenuTitle') }, t('exportMenu')),
    h(
      'ul',
      { class: 'export-items' },
      [...links, gephiLite, svg].map((item) => h('li', {}, item)),
    ),
  );
  // A chosen item closes the menu, as Escape does.
  root.addEventListener('click', (event) => {
    if ((event.target as Element).closest('a, button')) root.open = false;
  });
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !root.open) return;
    root.open = false;
    root.querySelector('summary')?.focus();
  });
  return {
    root,
    sync(variables) {
      const search = exportSearch(variables);
      for (const link of links) link.href = `${EXPORT_BASE}${link.dataset.export}${search}`;
      gephiLite.href = gephiLiteHref(search, location.href);
    },
    enablePicture(enabled) {
      svg.disabled = !enabled;
    },
  };
}
