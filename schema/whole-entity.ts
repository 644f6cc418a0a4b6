/**
 * Lists fetch only part of each entity (`PartialEntity`: slug, name, kind, and for the map what
 * it draws). A field they did not fetch loads the whole entity through the per-request loader,
 * so all the entities of a level that need it cost one round trip together.
 */

import type { EntityModel, PartialEntity } from '../model/models.js';
import type { Context } from './context.js';

/** The whole entity (with its staff fields), loading it if only part was fetched. */
export function wholeEntity(e: EntityModel | PartialEntity, ctx: Context): EntityModel | Promise<EntityModel> {
  return 'partial' in e ? ctx.loaders.entity.load(e.slug) : (e as EntityModel);
}

/**
 * One field of an entity: read from what was fetched (synchronously: a map view resolves
 * thousands of these, and a promise each would cost more than the read), or from the whole entity.
 */
export function entityField<K extends keyof EntityModel>(
  e: EntityModel | PartialEntity,
  key: K,
  ctx: Context,
): EntityModel[K] | Promise<EntityModel[K]> {
  if (key in e) return e[key] as EntityModel[K];
  // A whole entity has every field, so `e` is partial here.
  return ctx.loaders.entity.load(e.slug).then((whole) => whole[key]);
}
