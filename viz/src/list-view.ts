/**
 * The accessible alternative to the canvas, and the staff's working view: the same visible set
 * as two tables, in reading order, with every entity and relation reachable by keyboard, every
 * field of a relation in a column, sorting, a filter and a CSV export (see `data-table.ts`).
 */

import { dataTable } from './data-table.js';
import { h } from './dom.js';
import { entityColumns, entityCsvColumns, entityRows } from './entity-table.js';
import type { VisibleSet } from './filters.js';
import type { Lang, Translate } from './i18n.js';
import type { GraphData } from './queries.js';
import {
  amountTotals,
  formatTotals,
  type NamedEntity,
  relationColumns,
  relationCsvColumns,
  relationRows,
} from './relation-table.js';

export { PAGE_ROWS } from './data-table.js';

export interface ListHandlers {
  onEntity(slug: string): void;
  onRelation(id: string): void;
}

export function renderList(
  graph: GraphData,
  visible: VisibleSet,
  lang: Lang,
  t: Translate,
  on: ListHandlers,
): HTMLElement {
  const entityButton = (entity: NamedEntity) =>
    h(
      'button',
      { type: 'button', class: 'entity-link', 'data-slug': entity.slug, onclick: () => on.onEntity(entity.slug) },
      entity.name,
    );

  const entities = dataTable({
    id: 'entities',
    heading: t('entitiesTable'),
    headingId: 'list-entities',
    columns: entityColumns(t),
    rows: entityRows(graph, visible, lang),
    rowHeader: 'name',
    rowAttributes: (row) => ({ 'data-slug': row.slug }),
    cell: (key, row) => (key === 'name' ? entityButton(row) : undefined),
    caption: (count) => t('entitiesCaption', { count }),
    csv: { filename: 'archipel-entities.csv', columns: entityCsvColumns(t) },
    t,
  });

  const relations = dataTable({
    id: 'relations',
    heading: t('relationsTable'),
    headingId: 'list-relations',
    columns: relationColumns(t, lang),
    rows: relationRows(graph, visible.edges, lang),
    rowHeader: 'from',
    rowAttributes: (row) => ({ 'data-relation': row.id }),
    cell: (key, row) => {
      switch (key) {
        case 'from':
          return entityButton(row.from);
        case 'to':
          return entityButton(row.to);
        case 'type':
          return h(
            'button',
            { type: 'button', class: 'relation-link', onclick: () => on.onRelation(row.id) },
            row.typeLabel,
          );
        case 'subject':
          // The hosted software is an entity of its own, one click away like the two ends.
          return row.software ? [entityButton(row.software), row.resource ? ` · ${row.resource}` : null] : undefined;
        default:
          return undefined;
      }
    },
    caption: (count) => t('relationsCaption', { count }),
    summary: (rows) => formatTotals(amountTotals(rows), t, lang),
    csv: { filename: 'archipel-relations.csv', columns: relationCsvColumns(t) },
    t,
  });

  return h('div', { class: 'list-view' }, entities, relations);
}
