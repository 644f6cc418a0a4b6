/**
 * What a client selected below the field being resolved, read ahead from the query so that a
 * list reads no more than it is asked for. graphql-parse-resolve-info follows named and inline
 * fragments, aliases and @skip/@include with their variables.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';
import type { ListNeeds } from '../api/model/models.js';

/** The subfields called `name` of these fields, under any alias and any type condition. */
function subfields(trees: readonly ResolveTree[], name: string): ResolveTree[] {
  return trees.flatMap((tree) =>
    Object.values(tree.fieldsByTypeName).flatMap((fields) => Object.values(fields).filter((f) => f.name === name)),
  );
}

function selects(root: ResolveTree | null, path: readonly string[]): boolean {
  let trees = root ? [root] : [];
  for (const name of path) trees = subfields(trees, name);
  return trees.length > 0;
}

/** What a connection field must read besides its items (see `ListNeeds`). */
export function listNeeds(info: GraphQLResolveInfo): ListNeeds {
  const root = (parseResolveInfo(info) as ResolveTree | null | undefined) ?? null;
  return {
    totalCount: selects(root, ['totalCount']),
    sources: selects(root, ['edges', 'node', 'sources']),
  };
}
