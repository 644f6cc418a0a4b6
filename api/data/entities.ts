/**
 * Entity queries. Batch functions take many keys and answer in key order, for DataLoaders.
 */
import type { EntityModel, Page } from '../model/models.js';
import type { EntityKind, RelationType } from '../model/vocabulary.js';
import { relationTypePattern } from './cypher-fragments.js';
import type { Database } from './database.js';
import { entityFromProps, nameKey } from './mapping.js';
import { pageOf, pagesInKeyOrder } from './pages.js';
import { FULLTEXT_INDEX } from './schema-setup.js';

/** Entities by slug, in key order; `null` where no entity has that slug. */
export async function entitiesBySlugs(db: Database, slugs: readonly string[]): Promise<(EntityModel | null)[]> {
  const rows = await db.read('MATCH (e:Entity) WHERE e.slug IN $slugs RETURN properties(e) AS props', { slugs }, (r) =>
    entityFromProps(r.get('props')),
  );
  const bySlug = new Map(rows.map((e) => [e.slug, e]));
  return slugs.map((slug) => bySlug.get(slug) ?? null);
}

export interface SearchOptions {
  text: string;
  kinds: readonly EntityKind[] | null;
  offset: number;
  limit: number;
}

/**
 * Full-text search over names, aliases and summaries, accent- and case-insensitive
 * ("cemea" finds "CÉMÉA"), prefix-matching each word for type-ahead. Exact name or alias
 * matches rank first, then names starting with the text, then by relevance.
 */
export async function searchEntities(db: Database, options: SearchOptions): Promise<Page<EntityModel>> {
  const words = searchWords(options.text);
  if (words.length === 0) return { items: [], totalCount: 0, offset: options.offset };
  // Words are [a-z0-9]+ only, so they cannot carry Lucene syntax.
  const lucene = words.map((w) => `(${w} OR ${w}*)`).join(' AND ');
  const [page] = await db.read(
    `CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node, score
     WHERE $kinds IS NULL OR node.kind IN $kinds
     WITH node, score,
          CASE WHEN node.nameKey = $key OR $key IN node.aliasKeys THEN 0
               WHEN node.nameKey STARTS WITH $key THEN 1
               ELSE 2 END AS rank
     ORDER BY rank, score DESC, node.name
     WITH collect(properties(node)) AS found
     RETURN size(found) AS total, found[$offset..$offset + $limit] AS page`,
    {
      index: FULLTEXT_INDEX,
      lucene,
      kinds: options.kinds,
      key: nameKey(options.text),
      offset: options.offset,
      limit: options.limit,
    },
    pageOf<EntityModel>(options.offset, entityFromProps),
  );
  return page ?? { items: [], totalCount: 0, offset: options.offset };
}

/** Lowercase ASCII words of a search text, accents stripped. */
export function searchWords(text: string): string[] {
  return nameKey(text).split('-').filter(Boolean).slice(0, 16);
}

export interface NeighbourOptions {
  types: readonly RelationType[] | null;
  offset: number;
  limit: number;
}

/** Distinct neighbours of each entity (by name), one page per slug, in one round trip. */
export async function neighboursOfEntities(
  db: Database,
  slugs: readonly string[],
  options: NeighbourOptions,
): Promise<Page<EntityModel>[]> {
  const rows = await db.read(
    `UNWIND $slugs AS slug
     OPTIONAL MATCH (e:Entity {slug: slug})
     WITH slug, COLLECT {
       MATCH (e)-[r${relationTypePattern(options.types)}]-(o:Entity)
       WITH DISTINCT o ORDER BY o.name, o.slug
       RETURN properties(o)
     } AS found
     RETURN slug, size(found) AS total, found[$offset..$offset + $limit] AS page`,
    { slugs, offset: options.offset, limit: options.limit },
    (r) => ({ slug: r.get('slug') as string, page: pageOf<EntityModel>(options.offset, entityFromProps)(r) }),
  );
  return pagesInKeyOrder(slugs, rows, options.offset);
}
