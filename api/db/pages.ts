/**
 * Turning `RETURN total, page` records into pages, shared by every paginated query. The queries
 * build those two columns with `patternPageColumns` or `pageColumns` (cypher-fragments.ts): `page`
 * holds one item more than asked for when a next page exists, and `total` is null when it was not
 * counted.
 */
import type { Page } from '../../model/models.js';

interface RecordLike {
  get(key: string): unknown;
}

/** The page of a list that has no items at `offset`. */
export const emptyPage = <T>(offset: number): Page<T> => ({ items: [], totalCount: 0, hasNextPage: false, offset });

/** A record with `total` and a `page` list → a Page of at most `limit` items, each converted by `item`. */
export const pageOf =
  <T>(offset: number, limit: number, item: (value: never) => T) =>
  (record: RecordLike): Page<T> =>
    pageFromColumns({ total: record.get('total'), page: record.get('page') }, offset, limit, item);

/** The same from the two columns as values (a list nested in a map, see `patternPage`). */
export function pageFromColumns<T>(
  columns: { total: unknown; page: unknown },
  offset: number,
  limit: number,
  item: (value: never) => T,
): Page<T> {
  const page = columns.page as never[];
  return {
    items: page.slice(0, limit).map((value) => item(value)),
    totalCount: columns.total === null ? null : Number(columns.total),
    hasNextPage: page.length > limit,
    offset,
  };
}

/** Pages keyed by the record's `slug`, answered in key order (the DataLoader contract). */
export function pagesInKeyOrder<T>(
  slugs: readonly string[],
  rows: { slug: string; page: Page<T> }[],
  offset: number,
): Page<T>[] {
  const bySlug = new Map(rows.map((row) => [row.slug, row.page]));
  return slugs.map((slug) => bySlug.get(slug) ?? emptyPage(offset));
}
