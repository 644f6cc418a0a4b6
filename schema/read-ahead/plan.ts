/**
 * Relation-list plans from a query (see api/db/relation-lists.ts): a list's arguments and
 * selection, and the `relations` lists its client asked for on each relation's `from` and `to`,
 * so that a nested query reads all of its levels in one statement.
 *
 * Every plan is made by `planOf`, from a list's arguments and its selection tree: the list around
 * a nested list makes the nested list's plan from the query, and the nested list's resolver makes
 * its own from its arguments and `info`. The two are then equal, and so are their keys (key.ts).
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { ResolveTree } from 'graphql-parse-resolve-info';
import type { Direction, RelationOrderField } from '../../api/db/cypher-fragments.js';
import type { NestedRelationList, RelationListPlan } from '../../api/db/relation-lists.js';
import type { EntityKind, RelationType } from '../../model/vocabulary.js';
import { arg, paging, YearArg } from '../args.js';
import { relationOrderOf } from '../types/scalars-and-enums.js';
import { planKey } from './key.js';
import { descend, listNeedsOf, perSelection, selectionTree } from './selection.js';

/**
 * The arguments of a relation list, as `Entity.relations` declares them (`Query.relations` has
 * some of them, and its own `from`, `to` and `software`).
 */
export interface RelationListArgs {
  types?: readonly RelationType[] | null;
  direction?: Direction | null;
  activeIn?: number | null;
  startedIn?: number | null;
  endedIn?: number | null;
  otherKinds?: readonly EntityKind[] | null;
  otherCategories?: readonly string[] | null;
  orderBy?: { field: RelationOrderField; direction?: 'ASC' | 'DESC' | null } | null;
  first?: number | null;
  after?: string | null;
}

/**
 * The plan of what to read ahead for the field being resolved, from its arguments and its
 * selection (`info`); memoised per field and variable values (see `perSelection`).
 *
 * - With `args`, the field is a relation list (`Entity.relations`, `Query.relations`): its plan,
 *   with the lists selected on its items' ends nested in it. Throws INVALID_ARGUMENT on a bad argument.
 * - Without, the field returns an entity (`Query.entity`): the plans of the `relations` lists
 *   selected on it. A list with an invalid argument is left out, for its own resolver to report.
 *
 * Usage: `ctx.loaders.relationsOf.load({ slug: e.slug, plan: planFromInfo(info, args) })`.
 */
export function planFromInfo(info: GraphQLResolveInfo): RelationListPlan[];
export function planFromInfo(info: GraphQLResolveInfo, args: RelationListArgs): RelationListPlan;
export function planFromInfo(info: GraphQLResolveInfo, args?: RelationListArgs): RelationListPlan | RelationListPlan[] {
  return args ? listPlan(info, args) : listsOnEntity(info);
}

const listPlan = perSelection((info: GraphQLResolveInfo, args: RelationListArgs) => planOf(args, selectionTree(info)));

const listsOnEntity = perSelection((info) => validPlans(descend(selectionTree(info), ['relations'])));

/** The plan of the list `tree` (a field's selection) asked with `args`. */
function planOf(args: RelationListArgs, tree: ResolveTree | null): RelationListPlan {
  return {
    types: args.types ?? null,
    direction: args.direction ?? 'BOTH',
    activeIn: arg('activeIn', YearArg, args.activeIn),
    startedIn: arg('startedIn', YearArg, args.startedIn),
    endedIn: arg('endedIn', YearArg, args.endedIn),
    otherKinds: args.otherKinds?.length ? args.otherKinds : null,
    otherCategories: args.otherCategories?.length ? args.otherCategories : null,
    order: relationOrderOf(args.orderBy),
    ...paging(args),
    needs: listNeedsOf(tree),
    nested: nestedLists(tree),
  };
}

/** The lists selected on the ends of each relation of a list (`tree` is the list's field). */
function nestedLists(tree: ResolveTree | null): NestedRelationList[] {
  return (['from', 'to'] as const).flatMap((end) =>
    validPlans(descend(tree, ['edges', 'node', end, 'relations'])).map((plan) => ({ end, plan })),
  );
}

/** The plans of these fields whose arguments are valid, each list once. */
function validPlans(fields: readonly ResolveTree[]): RelationListPlan[] {
  const plans = new Map<string, RelationListPlan>();
  for (const field of fields) {
    try {
      const plan = planOf(field.args as RelationListArgs, field);
      plans.set(planKey(plan), plan);
    } catch {
      // Its own resolver will run without a page read ahead, and report the argument.
    }
  }
  return [...plans.values()];
}
