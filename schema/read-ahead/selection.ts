/**
 * What a client selected below the field being resolved, read ahead from the query so that a
 * list reads no more than it is asked for. graphql-parse-resolve-info follows named and inline
 * fragments, aliases and @skip/@include with their variables.
 */
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';
import type { ListNeeds } from '../../model/models.js';

/** All the subfields of these fields, under any alias and any type condition. */
function children(trees: readonly ResolveTree[]): ResolveTree[] {
  return trees.flatMap((tree) => Object.values(tree.fieldsByTypeName).flatMap((fields) => Object.values(fields)));
}

/** The subfields of these fields reached through `path` (field names). */
export function descend(root: ResolveTree | null, path: readonly string[]): ResolveTree[] {
  let trees = root ? [root] : [];
  for (const name of path) trees = children(trees).filter((f) => f.name === name);
  return trees;
}

/** What a connection field must read besides its items (see `ListNeeds`), from its selection tree. */
export function listNeedsOf(root: ResolveTree | null): ListNeeds {
  return {
    totalCount: descend(root, ['totalCount']).length > 0,
    fields: [...new Set(children(descend(root, ['edges', 'node'])).map((f) => f.name))].sort(),
  };
}

/**
 * The names of the fields selected at `path` below the field being resolved, under any alias and
 * type condition, each once and sorted (e.g. `['edges']` of `graph`: what to read of its relations).
 */
export function fieldsSelectedAt(info: GraphQLResolveInfo, path: readonly string[]): string[] {
  return [...new Set(children(descend(selectionTree(info), path)).map((f) => f.name))].sort();
}

const fieldNeeds = perSelection((info) => listNeedsOf(selectionTree(info)));

/**
 * What a connection field must read besides its items (see `ListNeeds`): the field's own, or
 * those of the connection at `path` below it (e.g. `['relations']` in `relationGroups`).
 */
export function listNeeds(info: GraphQLResolveInfo, path: readonly string[] = []): ListNeeds {
  if (path.length === 0) return fieldNeeds(info);
  return listNeedsOf(descend(selectionTree(info), path)[0] ?? null);
}

/**
 * The field's selection, arguments included, as graphql-parse-resolve-info reads it; read once per
 * field and request, however many of its parts are asked for.
 */
export const selectionTree = perSelection((info) => (parseResolveInfo(info) as ResolveTree | null | undefined) ?? null);

/** Variable sets remembered per field: a field asked with many different values keeps the latest. */
const MAX_VARIABLE_SETS = 32;

/** The variables as one string, computed once per request however many fields ask for it. */
const variablesJson = new WeakMap<object, string>();
function variablesKey(info: GraphQLResolveInfo): string {
  let json = variablesJson.get(info.variableValues);
  if (json === undefined) {
    json = JSON.stringify(info.variableValues);
    variablesJson.set(info.variableValues, json);
  }
  // A field spread through a fragment on an interface resolves under each object type.
  return `${info.parentType.name} ${json}`;
}

/**
 * Memoises `compute` per field of a query and variable values. The items of a list resolve the
 * same field with the same nodes (graphql-js shares `fieldNodes` between them), so a nested list's
 * selection is read once per request, not once per item. A compiled query (schema/plugins/
 * compiled-execution.ts) keeps its `fieldNodes` from one request to the next, so a repeated query
 * with the same variables (the map's views, the saved operations) reads it once in all.
 *
 * `rest` must follow from the field and the variables, as the field's arguments do: only the
 * first call's are used.
 */
export function perSelection<A extends unknown[], T>(
  compute: (info: GraphQLResolveInfo, ...rest: A) => T,
): (info: GraphQLResolveInfo, ...rest: A) => T {
  const cache = new WeakMap<readonly FieldNode[], Map<string, T>>();
  return (info, ...rest) => {
    let byVariables = cache.get(info.fieldNodes);
    if (!byVariables) {
      byVariables = new Map();
      cache.set(info.fieldNodes, byVariables);
    }
    const key = variablesKey(info);
    if (byVariables.has(key)) return byVariables.get(key) as T;
    const value = compute(info, ...rest);
    if (byVariables.size >= MAX_VARIABLE_SETS) byVariables.delete(byVariables.keys().next().value as string);
    byVariables.set(key, value);
    return value;
  };
}
