/**
 * Bounds the number of connection nodes a request can return before it runs, like GitHub's
 * public API: each connection field may return `first` nodes (default 20) for every node of
 * its parent connection, and the sum over the operation must stay under `LIMITS.maxNodes`.
 * The operation is counted as it runs: through fragments and inline fragments, with the
 * operation's variable defaults where the request leaves a variable out.
 */
import { type DocumentNode, GraphQLError, Kind, type OperationDefinitionNode, type ValueNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LIMIT_CODE, LIMITS } from '../../api/core/limits.js';
import {
  type Fragments,
  fragmentsOf,
  operationOf,
  type SelectedField,
  selectedFields,
  subfields,
} from './selected-fields.js';

function firstValue(
  value: ValueNode | undefined,
  variables: Record<string, unknown>,
  defaults: Map<string, ValueNode>,
): number | null {
  if (!value) return null;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const name = value.name.value;
    if (name in variables) {
      const v = variables[name];
      return typeof v === 'number' ? v : null;
    }
    return firstValue(defaults.get(name), {}, new Map());
  }
  return null;
}

/**
 * A connection is a field given `first`, or one whose selection (fragments included) reads `edges`:
 * a page read without `first` holds the default page size.
 */
function pageSize(field: SelectedField, children: SelectedField[], first: (value: ValueNode) => number | null) {
  const firstArg = field.node.arguments?.find((a) => a.name.value === 'first');
  if (firstArg === undefined && !children.some((c) => c.node.name.value === 'edges')) return null;
  return Math.max(0, (firstArg && first(firstArg.value)) ?? LIMITS.defaultPageSize);
}

/** Worst-case number of connection nodes the operation can return. */
export function countConnectionNodes(
  operation: OperationDefinitionNode,
  fragments: Fragments,
  variables: Record<string, unknown>,
): number {
  const defaults = new Map(
    (operation.variableDefinitions ?? []).flatMap((d) =>
      d.defaultValue ? [[d.variable.name.value, d.defaultValue] as const] : [],
    ),
  );
  const first = (value: ValueNode) => firstValue(value, variables, defaults);
  const walk = (fields: SelectedField[], multiplier: number): number => {
    let total = 0;
    for (const field of fields) {
      const children = subfields(field, fragments);
      const size = pageSize(field, children, first);
      total += size === null ? walk(children, multiplier) : multiplier * size + walk(children, multiplier * size);
    }
    return total;
  };
  return walk(selectedFields(operation.selectionSet, fragments), 1);
}

export function useNodeLimit(maxNodes: number = LIMITS.maxNodes): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const document = args.document as DocumentNode;
      const operation = operationOf(document, args.operationName);
      if (!operation) return;
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      const nodes = countConnectionNodes(operation, fragmentsOf(document), variables);
      if (nodes > maxNodes) {
        setResultAndStopExecution({
          errors: [
            new GraphQLError(
              `This query could return ${nodes} connection nodes, more than the ${maxNodes} one request may return: lower the nested "first" values.`,
              { extensions: { code: LIMIT_CODE, limit: 'maxNodes', max: maxNodes, found: nodes } },
            ),
          ],
        });
      }
    },
  };
}
