/**
 * One table of the list view, whatever its rows: a real <table> whose column headers sort it, a
 * text filter, the count (and totals) of the rows shown, a CSV download of exactly those rows,
 * and paging past PAGE_ROWS rows. The rules live in `table-model.ts`; this draws them.
 */
import { type Child, h, uniqueId } from './dom.js';
import { saveBlob } from './download.js';
import type { Translate } from './i18n.js';
import {
  type Column,
  type CsvColumn,
  csvRecords,
  nextSort,
  rowFilter,
  type SortState,
  sortRows,
} from './table-model.js';

/** Past this many rows a table renders in pages, so that a 20,000-relation graph does not freeze the page. */
export const PAGE_ROWS = 2000;

export interface TableSpec<Row> {
  /** Names the sort and filter kept across re-renders; the table's class is `${id}-table`. */
  id: string;
  heading: string;
  headingId: string;
  columns: Column<Row>[];
  /** In their default order, the one shown until a column is sorted. */
  rows: Row[];
  /** Key of the column whose cell heads each row (`<th scope="row">`). */
  rowHeader: string;
  rowAttributes(row: Row): Record<string, string>;
  /** Richer content for a cell (a link); `undefined` keeps the column's text. */
  cell?(key: string, row: Row): Child | Child[] | undefined;
  /** "12 relations shown", for `count` rows. */
  caption(count: number): string;
  /** A line on the rows shown, after the count (amount totals). */
  summary?(rows: readonly Row[]): string;
  csv?: { filename: string; columns: CsvColumn<Row>[] };
  t: Translate;
}

/**
 * Sort and filter are the reader's, not the view's (they stay out of the URL), but they should
 * survive the redraw that a change of filters or language causes; so they live here, per table.
 */
const remembered = new Map<string, { sort: SortState | null; query: string }>();

export function dataTable<Row>(spec: TableSpec<Row>): HTMLElement {
  const { t, columns } = spec;
  const memory = remembered.get(spec.id) ?? { sort: null, query: '' };
  remembered.set(spec.id, memory);
  const filter = rowFilter(columns);
  let sorted = sortRows(spec.rows, columns, memory.sort);
  let shownRows: Row[] = [];

  const tableId = uniqueId(`${spec.id}-table`);
  const filterLabelId = uniqueId('filter-label');
  const input = h('input', {
    type: 'search',
    class: 'table-filter-input',
    placeholder: t('tableFilterPlaceholder'),
    'aria-labelledby': `${filterLabelId} ${spec.headingId}`,
    'aria-controls': tableId,
    autocomplete: 'off',
    spellcheck: 'false',
  });
  input.value = memory.query;
  input.addEventListener('input', () => {
    memory.query = input.value;
    refresh();
  });

  const headers = columns.map((column) => {
    const icon = h('span', { class: 'sort-icon', 'aria-hidden': 'true' });
    const th = h(
      'th',
      { scope: 'col', class: column.numeric ? 'number' : null, 'data-column': column.key },
      h(
        'button',
        {
          type: 'button',
          class: 'sort-button',
          onclick: () => {
            memory.sort = nextSort(memory.sort, column.key);
            sorted = sortRows(spec.rows, columns, memory.sort);
            refresh();
          },
        },
        column.header,
        icon,
      ),
    );
    return { column, th, icon };
  });

  const count = h('span', { class: 'table-count' });
  const summary = h('span', { class: 'table-summary' });
  const body = h('tbody');
  const table = h(
    'table',
    { class: `${spec.id}-table`, id: tableId },
    h(
      'caption',
      {},
      // Live: a screen reader hears how many rows the filter keeps as the text is typed.
      h('span', { 'aria-live': 'polite' }, count, summary),
      h('span', { class: 'visually-hidden' }, ` ${t('sortHint')}`),
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((header) => header.th),
      ),
    ),
    body,
  );
  const empty = h('p', { class: 'table-empty', hidden: true });
  const more = h('button', { type: 'button', class: 'more-rows' }, '…');
  let rendered = 0;
  const showMore = () => {
    const next = shownRows.slice(rendered, rendered + PAGE_ROWS);
    body.append(...next.map(rowElement));
    rendered += next.length;
    more.hidden = rendered >= shownRows.length;
    more.textContent = `${rendered} / ${shownRows.length} …`;
  };
  more.addEventListener('click', showMore);

  function rowElement(row: Row): HTMLElement {
    return h(
      'tr',
      spec.rowAttributes(row),
      columns.map((column) => {
        const content = spec.cell?.(column.key, row) ?? column.text(row);
        const attributes = {
          class: column.numeric ? 'number' : null,
          lang: column.lang ?? null,
          'data-column': column.key,
        };
        return column.key === spec.rowHeader
          ? h('th', { scope: 'row', ...attributes }, content)
          : h('td', attributes, content);
      }),
    );
  }

  function refresh(): void {
    shownRows = filter(sorted, memory.query);
    for (const { column, th, icon } of headers) {
      const direction = memory.sort?.key === column.key ? memory.sort.direction : null;
      if (direction) th.setAttribute('aria-sort', direction);
      else th.removeAttribute('aria-sort');
      icon.textContent = direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕';
    }
    count.textContent = `${spec.caption(shownRows.length)} ${t('ofTotal', { total: spec.rows.length })}`;
    const line = spec.summary?.(shownRows) ?? '';
    summary.textContent = line ? ` · ${line}` : '';
    empty.hidden = shownRows.length > 0 || memory.query.trim() === '';
    empty.textContent = t('tableNoMatch', { text: memory.query.trim() });
    body.replaceChildren();
    rendered = 0;
    showMore();
  }

  const csv = spec.csv;
  const download =
    csv &&
    h(
      'button',
      {
        type: 'button',
        class: 'download-csv',
        title: t('downloadCsvTitle'),
        onclick: () => {
          // The rows of this moment, not of when the writer has loaded.
          const records = csvRecords(csv.columns, shownRows);
          void import('./csv.js').then(({ toCsv, CSV_TYPE }) =>
            saveBlob(new Blob([toCsv(records)], { type: CSV_TYPE }), csv.filename),
          );
        },
      },
      t('downloadCsv'),
    );

  refresh();
  return h(
    'section',
    { class: 'data-table', 'aria-labelledby': spec.headingId },
    h('h2', { id: spec.headingId }, spec.heading),
    h(
      'div',
      { class: 'table-tools' },
      h('label', { class: 'table-filter' }, h('span', { id: filterLabelId }, t('tableFilter')), input),
      download,
    ),
    h('div', { class: 'table-wrap' }, table),
    empty,
    more,
  );
}
