/**
 * Entity queries. Batch functions take many keys and answer in key order, for DataLoaders.
 */
import type { EntityModel, Page, PartialEntity } from '../../model/models.js';
import type { EntityKind, RelationType } from '../../model/vocabulary.js';
import { pageColumns, relationTypePattern } from './cypher-fragments.js';
import type { Database } from './database.js';
import { emptyPage, pageOf, pagesInKeyOrder } from './pages.js';
import { ENTITY_PROJECTION, ENTITY_STUB_PROJECTION } from './records/projections.js';
import { entityFromProps, partialEntityFromProps } from './records/read.js';
import { nameKey } from './records/write.js';
import { FULLTEXT_INDEX } from './schema-setup.js';

/** Entities by slug, in key order; `null` where no entity has that slug. */
export async function entitiesBySlugs(db: Database, slugs: readonly string[]): Promise<(EntityModel | null)[]> {
  const rows = await db.read(
    `MATCH (e:Entity) WHERE e.slug IN $slugs RETURN ${ENTITY_PROJECTION('e')} AS props`,
    { slugs },
    (r) => entityFromProps(r.get('props')),
  );
  const bySlug = new Map(rows.map((e) => [e.slug, e]));
  return slugs.map((slug) => bySlug.get(slug) ?? null);
}

export interface SearchOptions {
  text: string;
  kinds: readonly EntityKind[] | null;
  offset: number;
  limit: number;
  withTotal: boolean;
}

/**
 * Full-text search over names, aliases and summaries, accent- and case-insensitive
 * ("cemea" finds "CÉMÉA"), prefix-matching each word for type-ahead. Exact name or alias
 * matches rank first, then names starting with the text, then by relevance.
 */
export async function searchEntities(db: Database, options: SearchOptions): Promise<Page<PartialEntity>> {
  const words = searchWords(options.text);
  if (words.length === 0) return emptyPage(options.offset);
  // Words are [a-z0-9]+ only, so they cannot carry Lucene syntax.
  const lucene = words.map((w) => `(${w} OR ${w}*)`).join(' AND ');
  const paging = pageColumns(options.withTotal);
  const [page] = await db.read(
    `CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node, score
     WHERE $kinds IS NULL OR node.kind IN $kinds
     WITH node, score,
          CASE WHEN node.nameKey = $key OR $key IN node.aliasKeys THEN 0
               WHEN node.nameKey STARTS WITH $key THEN 1
               ELSE 2 END AS rank
     ORDER BY rank, score DESC, node.name ${paging.limit}
     WITH collect(${ENTITY_STUB_PROJECTION('node')}) AS found
     RETURN ${paging.total('found')} AS total, ${paging.page('found')} AS page`,
    {
      index: FULLTEXT_INDEX,
      lucene,
      kinds: options.kinds,
      key: nameKey(options.text),
      offset: options.offset,
      limit: options.limit,
    },
    pageOf(options.offset, options.limit, partialEntityFromProps),
  );
  return page ?? emptyPage(options.offset);
}

/** Lowercase ASCII words of a search text, accents stripped. */
export function searchWords(text: string): string[] {
  return nameKey(text).split('-').filter(Boolean).slice(0, 16);
}

export interface NeighbourOptions {
  types: readonly RelationType[] | null;
  offset: number;
  limit: number;
  withTotal: boolean;
}

/** Distinct neighbours of each entity (by name), one page per slug, in one round trip. */
export async function neighboursOfEntities(
  db: Database,
  slugs: readonly string[],
  options: NeighbourOptions,
): Promise<Page<PartialEntity>[]> {
  const paging = pageColumns(options.withTotal);
  const rows = await db.read(
    `UNWIND $slugs AS slug
     OPTIONAL MATCH (e:Entity {slug: slug})
     WITH slug, COLLECT {
       MATCH (e)-[r${relationTypePattern(options.types)}]-(o:Entity)
       WITH DISTINCT o ORDER BY o.name, o.slug ${paging.limit}
       RETURN ${ENTITY_STUB_PROJECTION('o')}
     } AS found
     RETURN slug, ${paging.total('found')} AS total, ${paging.page('found')} AS page`,
    { slugs, offset: options.offset, limit: options.limit },
    (r) => ({
      slug: r.get('slug') as string,
      page: pageOf(options.offset, options.limit, partialEntityFromProps)(r),
    }),
  );
  return pagesInKeyOrder(slugs, rows, options.offset);
}

export type EntityOrderField = 'NAME' | 'RELATIONS';

export interface EntityListOptions {
  kinds: readonly EntityKind[] | null;
  categories: readonly string[] | null;
  order: { field: EntityOrderField; descending: boolean };
  offset: number;
  limit: number;
  withTotal: boolean;
}

/**
 * Entities by kind and category, sorted by name or by number of relations (ties by name), one
 * page; each with its number of relations. The total is a count of its own, so a page never
 * collects every entity.
 */
export async function listEntities(db: Database, options: EntityListOptions): Promise<Page<PartialEntity>> {
  const match = `MATCH (e:Entity)
       WHERE ($kinds IS NULL OR e.kind IN $kinds) AND ($categories IS NULL OR e.category IN $categories)`;
  const dir = options.order.descending ? ' DESC' : '';
  const order =
    options.order.field === 'RELATIONS' ? `degree${dir}, e.nameKey, e.slug` : `e.nameKey${dir}, e.slug${dir}`;
  const [page] = await db.read(
    `CALL { ${match} RETURN ${options.withTotal ? 'count(e)' : 'null'} AS total }
     CALL {
       ${match}
       WITH e, COUNT { (e)--(:Entity) } AS degree
       ORDER BY ${order}
       SKIP toInteger($offset) LIMIT toInteger($limit + 1)
       RETURN collect({slug: e.slug, name: e.name, kind: e.kind, category: e.category}) AS page
     }
     RETURN total, page`,
    {
      kinds: options.kinds,
      categories: options.categories,
      offset: options.offset,
      limit: options.limit,
    },
    pageOf(options.offset, options.limit, partialEntityFromProps),
  );
  return page ?? emptyPage(options.offset);
}
