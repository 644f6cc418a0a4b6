/**
 * Turning `RETURN total, page` records into pages, shared by every paginated query.
 */
import type { Page } from '../model/models.js';

interface RecordLike {
  get(key: string): unknown;
}

/** A record with `total` and a `page` list → a Page, each item converted by `item`. */
export const pageOf =
  <T>(offset: number, item: (value: never) => T) =>
  (record: RecordLike): Page<T> => ({
    totalCount: Number(record.get('total')),
    items: (record.get('page') as never[]).map(item),
    offset,
  });

/** Pages keyed by the record's `slug`, answered in key order (the DataLoader contract). */
export function pagesInKeyOrder<T>(
  slugs: readonly string[],
  rows: { slug: string; page: Page<T> }[],
  offset: number,
): Page<T>[] {
  const bySlug = new Map(rows.map((row) => [row.slug, row.page]));
  return slugs.map((slug) => bySlug.get(slug) ?? { items: [], totalCount: 0, offset });
}
