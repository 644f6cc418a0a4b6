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
import type { StoredEntity, StoredRelation } from '../api/db/mapping.js';
import type { NestedPage, RelationListPlan } from '../api/db/relation-lists.js';
import {
  instancesOfSoftware,
  type RelationGroupPage,
  type RelationKey,
  relationGroupsOfEntities,
  relationsByKeys,
  relationsOfEntities,
} from '../api/db/relations.js';
import type { Page, PartialEntity, RelationModel, RelationRefModel } from '../model/models.js';
import type { RelationType } from '../model/vocabulary.js';

/** An entity's relation list, and the lists nested in it that are read with it. */
export interface RelationsKey {
  slug: string;
  plan: RelationListPlan;
}

export const relationsKey = (slug: string, plan: RelationListPlan): RelationsKey => ({ slug, plan });

/**
 * A plan's text, to compare keys: computed once per plan object, since every item of a list
 * shares its nested lists' plan (and keys are compared on every load and prime).
 */
const planTexts = new WeakMap<RelationListPlan, string>();
function planText({ plan }: RelationsKey): string {
  let text = planTexts.get(plan);
  if (text === undefined) {
    text = JSON.stringify(plan);
    planTexts.set(plan, text);
  }
  return text;
}

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
    entity: new DataLoader<string, StoredEntity>(async (slugs) =>
      (await entitiesBySlugs(db, slugs)).map((e, i) => e ?? notFound(`Entity "${slugs[i]}"`)),
    ),
    relationsOf: groupedBySlug<RelationsKey, Page<RelationRefModel>>(async (slugs, { plan }) => {
      const { pages, nestedPages } = await relationsOfEntities(db, slugs, plan);
      primeRelationLists(loaders, nestedPages);
      return pages;
    }, planText),
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
    relation: new DataLoader<RelationKey, StoredRelation | null, string>((keys) => relationsByKeys(db, keys), {
      cacheKeyFn: (key) => `${key.type}:${key.id}`,
    }),
  };
  return loaders;
}

/**
 * Hands lists read ahead (nested in a list's items, see relation-lists.ts) to the loader that
 * their fields ask, so that resolving them costs no round trip.
 */
export function primeRelationLists(loaders: Loaders, nestedPages: readonly NestedPage[]) {
  for (const { slug, plan, page } of nestedPages) loaders.relationsOf.prime(relationsKey(slug, plan), page);
}

export type Loaders = ReturnType<typeof createLoaders>;
