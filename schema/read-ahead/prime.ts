/**
 * Hands what a statement read ahead to the per-request loaders, so that the fields that ask for
 * it cost no round trip.
 */
import type { NestedPage } from '../../api/db/relation-lists.js';
import type { EntityModel, Page, PartialRelation, RelationModel } from '../../model/models.js';
import type { RelationListKey } from './key.js';

/**
 * The loaders a read-ahead fills, as schema/loaders.ts creates them (named here by their shape,
 * since loaders.ts primes from its own batches too).
 */
export interface PrimedLoaders {
  entity: { prime(slug: string, entity: EntityModel): unknown };
  relationsOf: { prime(key: RelationListKey, page: Page<RelationModel | PartialRelation>): unknown };
}

/** What a statement of api/db/relation-lists.ts (or `findRelations`) read besides its answer. */
export interface ReadAheadResult {
  /** The entity the lists were read with, if the statement read one. */
  entity?: EntityModel | null;
  /** The lists read inside the statement's rows, each for its entity. */
  nestedPages: readonly NestedPage[];
}

/**
 * Primes `loaders` with a result: its entity, and each list under the key its own resolver asks
 * (`{ slug, plan }`, see key.ts). A loader keeps what it already holds.
 *
 * Usage: `primeFromResult(ctx.loaders, await entityWithRelationLists(ctx.db, slug, planFromInfo(info)))`.
 */
export function primeFromResult(loaders: PrimedLoaders, result: ReadAheadResult): void {
  if (result.entity) loaders.entity.prime(result.entity.slug, result.entity);
  for (const { slug, plan, page } of result.nestedPages) loaders.relationsOf.prime({ slug, plan }, page);
}

/**
 * Primes the entity loader with whole entities a statement read besides its answer (the software
 * a map view's or a path's relations name), so that the fields showing them cost no round trip.
 *
 * Usage: `primeEntities(ctx.loaders, view.software)`.
 */
export function primeEntities(loaders: Pick<PrimedLoaders, 'entity'>, entities: readonly EntityModel[]): void {
  for (const entity of entities) loaders.entity.prime(entity.slug, entity);
}
