/**
 * Bounds the number of connection nodes a request can return before it runs, like GitHub's
 * public API: each connection field may return `first` nodes (default 20) for every node of
 * its parent connection, and the sum over the document must stay under `LIMITS.maxNodes`.
 */
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LIMIT_CODE, LIMITS } from '../../api/core/limits.js';

function firstValue(value: ValueNode | undefined, variables: Record<string, unknown>): number | null {
  if (!value) return null;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === 'number' ? v : null;
  }
  return null;
}

/** Worst-case number of connection nodes the operation can return. */
export function countConnectionNodes(
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  const walk = (set: SelectionSetNode | undefined, multiplier: number, seen: Set<string>): number => {
    if (!set) return 0;
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const firstArg = selection.arguments?.find((a) => a.name.value === 'first');
        const isConnection =
          firstArg !== undefined ||
          selection.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && s.name.value === 'edges');
        if (isConnection) {
          const first = Math.max(0, firstValue(firstArg?.value, variables) ?? LIMITS.defaultPageSize);
          total += multiplier * first + walk(selection.selectionSet, multiplier * first, seen);
        } else {
          total += walk(selection.selectionSet, multiplier, seen);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += walk(selection.selectionSet, multiplier, seen);
      } else if (!seen.has(selection.name.value)) {
        const fragment = fragments.get(selection.name.value);
        total += walk(fragment?.selectionSet, multiplier, new Set([...seen, selection.name.value]));
      }
    }
    return total;
  };
  return walk(operation.selectionSet, 1, new Set());
}

export function useNodeLimit(maxNodes: number = LIMITS.maxNodes): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const document = args.document as DocumentNode;
      const fragments = new Map(
        document.definitions
          .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
          .map((d) => [d.name.value, d]),
      );
      const operations = document.definitions.filter(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      );
      const operation =
        operations.find((o) => o.name?.value === args.operationName) ??
        (operations.length === 1 ? operations[0] : undefined);
      if (!operation) return;
      const nodes = countConnectionNodes(operation, fragments, (args.variableValues ?? {}) as Record<string, unknown>);
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
