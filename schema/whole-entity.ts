/**
 * Lists fetch only part of each entity (`PartialEntity`: slug, name, kind, and for the map what
 * it draws). A field they did not fetch loads the whole entity through the per-request loader,
 * so all the entities of a level that need it cost one round trip together.
 */
import type { Context } from '../api/context.js';
import type { StoredEntity } from '../api/data/mapping.js';
import type { EntityModel, EntityRefModel } from '../api/model/models.js';

/** The whole entity (with its staff fields), loading it if only part was fetched. */
export function wholeEntity(e: EntityRefModel, ctx: Context): StoredEntity | Promise<StoredEntity> {
  return 'partial' in e ? (ctx.loaders.entity.load(e.slug) as Promise<StoredEntity>) : (e as StoredEntity);
}

/** One field of an entity: read from what was fetched, or from the whole entity. */
export async function entityField<K extends keyof EntityModel>(
  e: EntityRefModel,
  key: K,
  ctx: Context,
): Promise<EntityModel[K]> {
  if (key in e) return e[key] as EntityModel[K];
  return (await wholeEntity(e, ctx))[key];
}
