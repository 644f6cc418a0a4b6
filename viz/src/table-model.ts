/**
 * What a list-view table does with its rows, whatever they are: sort by a column, keep the rows
 * that contain a text, turn them into CSV records. Pure, so that the rules are unit-tested
 * without a browser; `data-table.ts` draws the result.
 */

export type SortDirection = 'ascending' | 'descending';

/** Named like `aria-sort` so the header can carry it as is. */
export interface SortState {
  key: string;
  direction: SortDirection;
}

export type SortValue = string | number | null;

export interface Column<Row> {
  /** Stable across languages and re-renders: the sort state names the column by it. */
  key: string;
  header: string;
  /** What the cell says; the text filter searches it. */
  text(row: Row): string;
  /** What sorting compares, where the text would sort wrong (amounts, dates); defaults to `text`. */
  sortValue?(row: Row): SortValue;
  numeric?: boolean;
  /** The language of the cell's text when it is the data's (French), not the interface's. */
  lang?: string;
}

export type CsvValue = string | number | null;

export interface CsvColumn<Row> {
  header: string;
  value(row: Row): CsvValue;
}

// The data is French whatever the interface language, so it sorts by French rules.
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

const isEmpty = (value: SortValue) => value === null || value === '';

/**
 * Rows in the order of `sort`, stable (ties keep the order they came in). Empty cells go last
 * in both directions: sorting amounts largest first should not open on the rows without one.
 */
export function sortRows<Row>(rows: readonly Row[], columns: readonly Column<Row>[], sort: SortState | null): Row[] {
  const column = sort ? columns.find((c) => c.key === sort.key) : undefined;
  if (!sort || !column) return [...rows];
  const sortValue = column.sortValue ?? column.text;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return rows
    .map((row) => ({ row, value: sortValue(row) }))
    .sort((a, b) => {
      if (isEmpty(a.value) || isEmpty(b.value)) return Number(isEmpty(a.value)) - Number(isEmpty(b.value));
      return sign * compareValues(a.value as string | number, b.value as string | number);
    })
    .map(({ row }) => row);
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** The next sort after a click on a column header: ascending first, then it flips. */
export function nextSort(current: SortState | null, key: string): SortState {
  return current?.key === key && current.direction === 'ascending'
    ? { key, direction: 'descending' }
    : { key, direction: 'ascending' };
}

/**
 * Text as the filter compares it: "Dérivation" matches "derivation", and the narrow no-break
 * spaces Intl puts in "20 000 €" match a typed space.
 */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The rows one of whose cells contains `query` (case, accents and spacing aside). Each row's
 * cells are folded once and kept, since the filter runs on every keystroke over up to tens of
 * thousands of rows.
 */
export function rowFilter<Row>(columns: readonly Column<Row>[]): (rows: readonly Row[], query: string) => Row[] {
  const folded = new WeakMap<object, string[]>();
  const cellsOf = (row: Row): string[] => {
    const key = row as object;
    let cells = folded.get(key);
    if (!cells) {
      cells = columns.map((column) => foldText(column.text(row)));
      folded.set(key, cells);
    }
    return cells;
  };
  return (rows, query) => {
    const needle = foldText(query);
    if (needle === '') return [...rows];
    return rows.filter((row) => cellsOf(row).some((cell) => cell.includes(needle)));
  };
}

/** The header record, then one record per row, in the given order. */
export function csvRecords<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): CsvValue[][] {
  return [columns.map((c) => c.header), ...rows.map((row) => columns.map((c) => c.value(row)))];
}
