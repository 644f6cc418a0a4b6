/**
 * The top bar: title, search, map/list switch, the "GraphQL" link, PNG and SVG pictures, the Export menu and language.
 */
import { h } from './dom.js';
import { exportMenu } from './export-menu.js';
import { LANGUAGES, type Lang, type Translate } from './i18n.js';
import type { EntityRef, GraphVariables } from './queries.js';
import { searchBox } from './search-box.js';
import type { ViewMode } from './url-state.js';

export interface ToolbarHandlers {
  search(text: string, signal: AbortSignal): Promise<EntityRef[]>;
  onChoose(entity: EntityRef): void;
  onView(view: ViewMode): void;
  /** A picture of the map as drawn, with its title and key. */
  onExport(format: 'png' | 'svg'): void;
  onLang(lang: Lang): void;
}

export interface Toolbar {
  root: HTMLElement;
  /** `focused`: the name of the entity the view is about, '' for none. */
  sync(view: ViewMode, graphqlHref: string, focused: string): void;
  /** Points the Export menu at the view these `graph` variables reproduce. */
  syncExports(variables: GraphVariables): void;
}

const LANGUAGE_NAMES: Record<Lang, string> = { fr: 'Français', en: 'English' };

export function toolbar(lang: Lang, t: Translate, on: ToolbarHandlers): Toolbar {
  const search = searchBox({
    label: t('searchLabel'),
    placeholder: t('searchPlaceholder'),
    noMatch: t('searchNoMatch'),
    failed: t('searchFailed'),
    lang,
    compactLabel: true,
    className: 'main-search',
    search: on.search,
    onChoose: on.onChoose,
  });

  const viewButtons = (['map', 'list'] as const).map((view) =>
    h(
      'button',
      { type: 'button', 'data-view': view, 'aria-pressed': 'false', onclick: () => on.onView(view) },
      view === 'map' ? t('viewMap') : t('viewList'),
    ),
  );
  const graphql = h(
    'a',
    { class: 'graphql-link', href: 'graphql', target: '_blank', rel: 'noopener', title: t('graphqlLinkTitle') },
    t('graphqlLink'),
  );
  const exportButton = h(
    'button',
    {
      type: 'button',
      class: 'export-png',
      title: t('exportPngTitle'),
      'aria-label': t('exportPngTitle'),
      onclick: () => on.onExport('png'),
    },
    t('exportPng'),
  );
  // The SVG sits in the Export menu: one more button would push the toolbar past a phone's width.
  const exports = exportMenu(t, () => on.onExport('svg'));
  const languages = h(
    'div',
    { class: 'languages', role: 'group', 'aria-label': t('language') },
    LANGUAGES.map((code) =>
      h(
        'button',
        {
          type: 'button',
          lang: code,
          'data-lang': code,
          'aria-label': LANGUAGE_NAMES[code],
          'aria-pressed': String(code === lang),
          onclick: () => on.onLang(code),
        },
        code.toUpperCase(),
      ),
    ),
  );

  const root = h(
    'header',
    { class: 'toolbar' },
    h('div', { class: 'brand' }, h('h1', {}, t('appTitle')), h('p', { class: 'tagline' }, t('tagline'))),
    search.root,
    h('div', { class: 'view-switch', role: 'group', 'aria-label': t('viewSwitch') }, viewButtons),
    h('div', { class: 'tools' }, graphql, exportButton, exports.root, languages),
  );

  return {
    root,
    sync(view, graphqlHref, focused) {
      search.follow(focused);
      for (const button of viewButtons) button.setAttribute('aria-pressed', String(button.dataset.view === view));
      exportButton.disabled = view !== 'map';
      exports.enablePicture(view === 'map');
      graphql.href = graphqlHref;
    },
    syncExports: (variables) => exports.sync(variables),
  };
}
