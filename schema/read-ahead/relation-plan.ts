/**
 * Relation-list plans from a query (see api/db/relation-lists.ts): a list's arguments and
 * selection, and the `relations` lists its client asked for on each relation's `from` and `to`,
 * so that a nested query reads all of its levels in one statement.
 *
 * A list's own resolver and the list around it derive its plan the same way, from the same
 * selection, so that the page read ahead is found under the key the resolver asks for.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { ResolveTree } from 'graphql-parse-resolve-info';
import type { Direction, RelationOrderField } from '../../api/db/cypher-fragments.js';
import type { NestedRelationList, RelationListPlan } from '../../api/db/relation-lists.js';
import type { EntityKind, RelationType } from '../../model/vocabulary.js';
import { arg, paging, YearArg } from '../args.js';
import { relationOrderOf } from '../types/scalars-and-enums.js';
import { descend, listNeedsOf, perSelection, selectionTree } from './selection.js';

/** The arguments of `Entity.relations`, as the schema declares them. */
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

/** The plan of the `Entity.relations` field being resolved; throws INVALID_ARGUMENT on a bad argument. */
export const relationListPlan = perSelection((info: GraphQLResolveInfo) => {
  const tree = selectionTree(info);
  if (!tree) throw new Error(`no selection for ${info.fieldName}`);
  return planOf(tree);
});

/**
 * The plans of the `relations` fields selected on an entity (`tree` is the field that returns
 * it), to read with the entity; fields with invalid arguments are left to their resolver, which
 * reports the error.
 */
export function relationListsSelectedOn(tree: ResolveTree | null): RelationListPlan[] {
  return validPlans(descend(tree, ['relations']));
}

/** The lists selected on the ends of each relation of a list (`tree` is the list's field). */
export function nestedRelationLists(tree: ResolveTree): NestedRelationList[] {
  return (['from', 'to'] as const).flatMap((end) =>
    validPlans(descend(tree, ['edges', 'node', end, 'relations'])).map((plan) => ({ end, plan })),
  );
}

function planOf(tree: ResolveTree): RelationListPlan {
  const args = tree.args as RelationListArgs;
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
    nested: nestedRelationLists(tree),
  };
}

/** The plans of these fields whose arguments are valid, each list once. */
function validPlans(fields: readonly ResolveTree[]): RelationListPlan[] {
  const plans = new Map<string, RelationListPlan>();
  for (const field of fields) {
    try {
      const plan = planOf(field);
      plans.set(JSON.stringify(plan), plan);
    } catch {
      // Its own resolver will run without a page read ahead, and report the argument.
    }
  }
  return [...plans.values()];
}
