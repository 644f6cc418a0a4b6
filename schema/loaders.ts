/**
 * Per-request DataLoaders: every list a resolver needs for many parents is fetched in one
 * round trip per level of the query. Created fresh for each request (no cross-request cache).
 *
 * Usage: `const loaders = createLoaders(db); await loaders.entity.load('framasoft')`.
 */
import DataLoader from 'dataloader';
import { notFound } from '../api/core/errors.js';
import type { Database } from '../api/db/database.js';
import { entitiesBySlugs, neighboursOfEntities } from '../api/db/entities.js';
import { relationsOfEntities } from '../api/db/relation-lists.js';
import {
  instancesOfSoftware,
  type RelationGroupPage,
  relationGroupsOfEntities,
  relationsByKeys,
} from '../api/db/relations.js';
import type { EntityModel, Page, PartialEntity, PartialRelation, RelationKey, RelationModel } from '../model/models.js';
import type { RelationType } from '../model/vocabulary.js';
// The key and the primer only: the planner (read-ahead/index.ts) needs the schema's types.
import { planKey, type RelationListKey } from './read-ahead/key.js';
import { primeFromResult } from './read-ahead/prime.js';

/** An entity's relations grouped by type, each group with its count and first page. */
export interface RelationGroupsKey {
  slug: string;
  activeIn: number | null;
  /** Items in each group's first page. */
  first: number;
  /** Fields selected on the groups' relations. */
  fields: readonly string[];
}

/** The hostings that run a software (see `instancesOfSoftware`). */
export interface InstancesKey {
  slug: string;
  activeIn: number | null;
  offset: number;
  limit: number;
  withTotal: boolean;
}

export interface NeighboursKey {
  slug: string;
  types: readonly RelationType[] | null;
  offset: number;
  limit: number;
  withTotal: boolean;
}

/**
 * Batches keys that share the same arguments (all but `slug`, compared as `argsText`) into one
 * query each; a nested connection asked with one set of arguments therefore costs a single round trip.
 */
function groupedBySlug<K extends { slug: string }, V>(
  fetch: (slugs: string[], args: K) => Promise<V[]>,
  argsText: (key: K) => string,
): DataLoader<K, V, string> {
  return new DataLoader<K, V, string>(
    async (keys) => {
      const groups = new Map<string, { args: K; indexes: number[] }>();
      keys.forEach((key, index) => {
        const id = argsText(key);
        const group = groups.get(id) ?? { args: key, indexes: [] };
        group.indexes.push(index);
        groups.set(id, group);
      });
      const results = new Array<V>(keys.length);
      await Promise.all(
        [...groups.values()].map(async ({ args, indexes }) => {
          const values = await fetch(
            indexes.map((i) => keys[i]!.slug),
            args,
          );
          indexes.forEach((keyIndex, i) => {
            results[keyIndex] = values[i]!;
          });
        }),
      );
      return results;
    },
    { cacheKeyFn: (key) => `${key.slug}\u0000${argsText(key)}` },
  );
}

/** The arguments of a key as text, for keys made of small plain values. */
const otherFieldsText = <K extends { slug: string }>({ slug: _slug, ...args }: K) => JSON.stringify(args);

export function createLoaders(db: Database) {
  const loaders = {
    /** Whole entity by slug; a missing slug yields a NOT_FOUND error in its slot. */
    entity: new DataLoader<string, EntityModel>(async (slugs) =>
      (await entitiesBySlugs(db, slugs)).map((e, i) => e ?? notFound(`Entity "${slugs[i]}"`)),
    ),
    /**
     * An entity's relation list (and the lists nested in it, which go to this same loader), one
     * statement per plan; a list read ahead is primed here (schema/read-ahead) under the same key.
     */
    relationsOf: groupedBySlug<RelationListKey, Page<RelationModel | PartialRelation>>(
      async (slugs, { plan }) => {
        const result = await relationsOfEntities(db, slugs, plan);
        primeFromResult(loaders, result);
        return result.pages;
      },
      ({ plan }) => planKey(plan),
    ),
    neighboursOf: groupedBySlug<NeighboursKey, Page<PartialEntity>>(
      (slugs, args) => neighboursOfEntities(db, slugs, args),
      otherFieldsText,
    ),
    relationGroupsOf: groupedBySlug<RelationGroupsKey, RelationGroupPage[]>(
      (slugs, key) =>
        relationGroupsOfEntities(db, slugs, {
          activeIn: key.activeIn,
          limit: key.first,
          needs: { totalCount: true, fields: key.fields },
        }),
      otherFieldsText,
    ),
    instancesOf: groupedBySlug<InstancesKey, Page<RelationModel>>(
      (slugs, key) => instancesOfSoftware(db, slugs, key),
      otherFieldsText,
    ),
    relation: new DataLoader<RelationKey, RelationModel | null, string>((keys) => relationsByKeys(db, keys), {
      cacheKeyFn: (key) => `${key.type}:${key.id}`,
    }),
  };
  return loaders;
}

export type Loaders = ReturnType<typeof createLoaders>;
