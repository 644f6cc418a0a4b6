/**
 * Executes repeated queries with graphql-jit: a document is compiled once into a function that walks
 * its selection, instead of graphql-js interpreting the document for every field of every item.
 * Measured on the API layer alone (Neo4j's records replayed from memory), it halves the CPU an answer
 * costs: the hosting list at 1M relations 0.74 → 0.40 ms, the hub's entity page 3.5 → 1.65 ms
 * (bench/RESULTS.md, fifth round).
 *
 * Compiled answers must be the interpreted ones, so only what graphql-jit answers identically is
 * compiled (each case is tested against the interpreted answer):
 * - one query operation per document: code is compiled per operation and kept per document (the
 *   envelop plugin, `@envelop/graphql-jit`, keyed it on the document alone and answered a second
 *   `operationName` with the first one's code, hence graphql-jit used directly); no mutation, see below;
 * - fragments only where graphql-jit keeps the order of the selection, as GraphQL does (after the
 *   fields, one per object: see `compilableOperation`);
 * - an answer with errors is thrown away and the query interpreted again: graphql-jit's errors have no
 *   `locations`, and its variable errors are not the HTTP 400 graphql-yoga makes of them. Errors are the
 *   rare path, and a query may run twice; a mutation may not, hence no mutation.
 *
 * Compiling costs far more than one interpreted run (milliseconds against tens of microseconds), so a
 * document is compiled only when it comes back, as Mercurius does: a stream of one-off documents is
 * interpreted, never compiled. graphql-yoga's parser cache returns the same `DocumentNode` for the same
 * text, so runs and code are keyed on it and go when that cache drops it.
 *
 * Usage: `plugins: [useCompiledExecution({ logger }), …]` — first, so that the plugins that wrap
 * execution (the request timeout) wrap the compiled one.
 */
import type { Plugin } from '@envelop/core';
import {
  BREAK,
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  visit,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Logger } from '../logger.js';

export interface CompiledExecutionOptions {
  /** Runs of a document interpreted before it is compiled (default 1; 0 compiles at once). */
  interpretedRuns?: number;
  logger?: Logger;
  /** Called once per document, when it is compiled. */
  onCompile?: () => void;
}

/**
 * What is known of a document: its query's name and the runs so far, then its code; `code: null` for
 * a document that is never compiled.
 */
type Entry = { name: string | undefined } & ({ runs: number } | { code: CompiledQuery | null });

export function useCompiledExecution({
  interpretedRuns = 1,
  logger,
  onCompile,
}: CompiledExecutionOptions = {}): Plugin {
  const entries = new WeakMap<DocumentNode, Entry>();

  function entryOf(schema: GraphQLSchema, document: DocumentNode): Entry {
    let entry = entries.get(document);
    if (!entry) {
      const operation = compilableOperation(schema, document);
      entry = operation ? { name: operation.name?.value, runs: 0 } : { name: undefined, code: null };
      entries.set(document, entry);
    }
    return entry;
  }

  function codeFor(args: { schema: GraphQLSchema; document: DocumentNode; operationName?: string | null }) {
    const entry = entryOf(args.schema, args.document);
    // A name the document does not hold is an error the interpreter reports.
    if (args.operationName && args.operationName !== entry.name) return null;
    if ('code' in entry) return entry.code;
    if (entry.runs < interpretedRuns) {
      entry.runs++;
      return null;
    }
    const compiled = compileQuery(args.schema, args.document);
    const code = isCompiledQuery(compiled) ? compiled : null;
    if (code) onCompile?.();
    // The document passed validation, so a failure is graphql-jit's: interpret this document from now on.
    else logger?.warn({ errors: (compiled as ExecutionResult).errors }, 'graphql-jit could not compile a document');
    entries.set(args.document, { name: entry.name, code });
    return code;
  }

  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const code = codeFor(args);
      if (!code) return;
      setExecuteFn(async (executionArgs) => {
        const result = await code.query(
          executionArgs.rootValue,
          executionArgs.contextValue,
          executionArgs.variableValues,
        );
        return result.errors?.length ? executeFn(executionArgs) : result;
      });
    },
  };
}

/**
 * The document's one query operation, if the document is one graphql-jit answers as graphql-js does.
 * graphql-jit collects a selection set's fields first and its fragments after them, last fragment
 * first; graphql-js keeps the order of the selection. They agree when, in every selection set, the
 * fragments come after the fields and at most one of them can apply to an object: one fragment, or
 * fragments on distinct object types (`... on Organisation { … } ... on Event { … }`). Fragments
 * under `@skip`/`@include` are left to graphql-js (graphql-jit's options document issues with
 * skip/include in fragment spreads).
 */
function compilableOperation(schema: GraphQLSchema, document: DocumentNode): OperationDefinitionNode | null {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const [operation] = operations;
  if (operations.length !== 1 || operation?.operation !== 'query') return null;
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  let ordered = true;
  visit(document, {
    SelectionSet(set) {
      if (!selectionsInOrder(schema, set, fragments)) {
        ordered = false;
        return BREAK;
      }
      return undefined;
    },
  });
  return ordered ? operation : null;
}

function selectionsInOrder(
  schema: GraphQLSchema,
  set: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): boolean {
  const conditions: (string | undefined)[] = [];
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (conditions.length > 0) return false;
      continue;
    }
    if (selection.directives?.length) return false;
    conditions.push(
      selection.kind === Kind.INLINE_FRAGMENT
        ? selection.typeCondition?.name.value
        : fragments.get(selection.name.value)?.typeCondition.name.value,
    );
  }
  if (conditions.length <= 1) return true;
  const objectTypes = conditions.filter((name) => name && isObjectType(schema.getType(name)));
  return objectTypes.length === conditions.length && new Set(objectTypes).size === conditions.length;
}
