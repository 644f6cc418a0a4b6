/**
 * The identity of a relation-list plan. The loader `relationsOf` (schema/loaders.ts) batches
 * and caches an entity's list under `planKey(plan)`, for the pages a primer hands it and for the
 * lists a resolver asks of it alike: a page read ahead is found because both plans, made by
 * plan.ts from the same arguments and selection, have the same key.
 */
import type { RelationListPlan } from '../../api/db/relation-lists.js';

/** An entity's relation list, as the loader `relationsOf` is asked for it. */
export interface RelationListKey {
  slug: string;
  plan: RelationListPlan;
}

/**
 * Each part of a plan in a fixed order, whatever the order its object was built in. Typed as
 * a record of the plan's keys, so that a part added to plans cannot be left out of their key.
 */
function keyParts(plan: RelationListPlan): Record<keyof RelationListPlan, unknown> {
  return {
    types: plan.types,
    direction: plan.direction,
    activeIn: plan.activeIn,
    startedIn: plan.startedIn,
    endedIn: plan.endedIn,
    otherKinds: plan.otherKinds,
    otherCategories: plan.otherCategories,
    order: [plan.order.field, plan.order.descending],
    offset: plan.offset,
    limit: plan.limit,
    needs: [plan.needs.totalCount, plan.needs.fields],
    nested: plan.nested.map(({ end, plan }) => [end, planKey(plan)]),
  };
}

/**
 * Computed once per plan object: every item of a list shares its nested lists' plans, and keys
 * are compared on every load and prime.
 */
const keys = new WeakMap<RelationListPlan, string>();

/**
 * The key of a plan: equal for plans that read the same list.
 *
 * Usage: `planKey(plan) === planKey(planFromInfo(info, args))`.
 */
export function planKey(plan: RelationListPlan): string {
  let key = keys.get(plan);
  if (key === undefined) {
    key = JSON.stringify(Object.values(keyParts(plan)));
    keys.set(plan, key);
  }
  return key;
}
