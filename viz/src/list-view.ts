/**
 * The accessible alternative to the canvas: the same visible set as tables, in reading order,
 * with every entity and relation reachable by keyboard.
 */
import { h } from './dom.js';
import type { VisibleSet } from './filters.js';
import { categoryLabel, formatPeriod, kindLabel, type Lang, relationLabel, type Translate } from './i18n.js';
import type { GraphData } from './queries.js';

export interface ListHandlers {
  onEntity(slug: string): void;
  onRelation(id: string): void;
}

/** Past this many rows a table renders in pages, so that a 20,000-relation graph does not freeze the page. */
export const PAGE_ROWS = 2000;

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

export function renderList(
  graph: GraphData,
  visible: VisibleSet,
  lang: Lang,
  t: Translate,
  on: ListHandlers,
): HTMLElement {
  const nameOf = new Map(graph.nodes.map((n) => [n.slug, n.name]));
  const degree = new Map<string, number>();
  const edges = graph.edges.filter((e) => visible.edges.has(e.id));
  for (const e of edges) {
    degree.set(e.from.slug, (degree.get(e.from.slug) ?? 0) + 1);
    degree.set(e.to.slug, (degree.get(e.to.slug) ?? 0) + 1);
  }
  const nodes = graph.nodes.filter((n) => visible.nodes.has(n.slug)).sort((a, b) => collator.compare(a.name, b.name));
  const name = (slug: string) => nameOf.get(slug) ?? slug;
  edges.sort(
    (a, b) =>
      collator.compare(name(a.from.slug), name(b.from.slug)) ||
      a.type.localeCompare(b.type) ||
      collator.compare(name(a.to.slug), name(b.to.slug)),
  );

  const entityButton = (slug: string) =>
    h('button', { type: 'button', class: 'entity-link', onclick: () => on.onEntity(slug) }, name(slug));

  const entities = pagedTable(
    t('entitiesCaption', { count: nodes.length }),
    [t('colName'), t('colKind'), t('colCategory'), t('colRelations')],
    nodes.map(
      (node) => () =>
        h(
          'tr',
          { 'data-slug': node.slug },
          h('th', { scope: 'row' }, entityButton(node.slug)),
          h('td', {}, kindLabel(node.kind, lang)),
          h('td', {}, node.category ? categoryLabel(node.category, lang) : ''),
          h('td', { class: 'number' }, String(degree.get(node.slug) ?? 0)),
        ),
    ),
    'entities-table',
  );
  const relations = pagedTable(
    t('relationsCaption', { count: edges.length }),
    [t('colFrom'), t('colType'), t('colTo'), t('colPeriod')],
    edges.map(
      (edge) => () =>
        h(
          'tr',
          { 'data-relation': edge.id },
          h('td', {}, entityButton(edge.from.slug)),
          h(
            'td',
            {},
            h(
              'button',
              { type: 'button', class: 'relation-link', onclick: () => on.onRelation(edge.id) },
              relationLabel(edge.type, lang),
            ),
          ),
          h('td', {}, entityButton(edge.to.slug)),
          h('td', {}, formatPeriod(edge.since, edge.until, lang)),
        ),
    ),
    'relations-table',
  );

  return h(
    'div',
    { class: 'list-view' },
    h('h2', { id: 'list-entities' }, t('entitiesTable')),
    entities,
    h('h2', { id: 'list-relations' }, t('relationsTable')),
    relations,
  );
}

function pagedTable(caption: string, headers: string[], rows: (() => HTMLElement)[], className: string): HTMLElement {
  const body = h('tbody');
  const table = h(
    'table',
    { class: className },
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((text) => h('th', { scope: 'col' }, text)),
      ),
    ),
    body,
  );
  let shown = 0;
  const more = h('button', { type: 'button', class: 'more-rows' }, '…');
  const showMore = () => {
    const next = rows.slice(shown, shown + PAGE_ROWS);
    body.append(...next.map((row) => row()));
    shown += next.length;
    more.hidden = shown >= rows.length;
    more.textContent = `${shown} / ${rows.length} …`;
  };
  more.addEventListener('click', showMore);
  showMore();
  return h('div', { class: 'table-wrap' }, table, more);
}
