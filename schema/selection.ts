/**
 * What a client selected below the field being resolved, read ahead from the query so that a
 * list reads no more than it is asked for. graphql-parse-resolve-info follows named and inline
 * fragments, aliases and @skip/@include with their variables.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';
import type { ListNeeds } from '../api/model/models.js';

/** All the subfields of these fields, under any alias and any type condition. */
function children(trees: readonly ResolveTree[]): ResolveTree[] {
  return trees.flatMap((tree) => Object.values(tree.fieldsByTypeName).flatMap((fields) => Object.values(fields)));
}

/** The subfields of these fields reached through `path` (field names). */
function descend(root: ResolveTree | null, path: readonly string[]): ResolveTree[] {
  let trees = root ? [root] : [];
  for (const name of path) trees = children(trees).filter((f) => f.name === name);
  return trees;
}

/** What a connection field must read besides its items (see `ListNeeds`). */
export function listNeeds(info: GraphQLResolveInfo): ListNeeds {
  const root = (parseResolveInfo(info) as ResolveTree | null | undefined) ?? null;
  return {
    totalCount: descend(root, ['totalCount']).length > 0,
    fields: [...new Set(children(descend(root, ['edges', 'node'])).map((f) => f.name))].sort(),
  };
}
