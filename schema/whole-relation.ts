/**
 * Lists read of each relation only the fields their client selected (`PartialRelation`). A field
 * they did not read loads the whole relation through the per-request loader, so all the
 * relations of a level that need it cost one round trip together. The lookahead that decides
 * what a list reads (`selection.ts`) makes this the exception; it keeps every answer whole.
 */

import { notFound } from '../api/core/errors.js';
import type { PartialRelation, RelationModel } from '../model/models.js';
import type { Context } from './context.js';

/** One field of a relation: from what was read (synchronously), or from the whole relation. */
export function relationField<K extends keyof RelationModel>(
  r: RelationModel | PartialRelation,
  key: K,
  ctx: Context,
): RelationModel[K] | Promise<RelationModel[K]> {
  if (key in r) return (r as RelationModel)[key];
  // A whole relation has every field, so `r` is partial here (as in `entityField`).
  return ctx.loaders.relation.load({ type: r.type, id: r.id }).then((whole) => {
    // Deleted by a concurrent edit between the list and this read.
    if (!whole) throw notFound(`Relation "${r.type}:${r.id}"`);
    return whole[key];
  });
}
