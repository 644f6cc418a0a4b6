/**
 * Executes repeated queries with graphql-jit: a document is compiled once into a function that walks
 * its selection, instead of graphql-js interpreting the document for every field of every item.
 * On large answers most of the API's own CPU goes to that interpretation; compiling removes most of
 * it (measure it with `npm run bench:api`).
 *
 * Compiled answers must be the interpreted ones, so only what graphql-jit answers identically is
 * compiled (each case is tested against the interpreted answer):
 * - one query operation per document: code is compiled per operation and kept per document (the
 *   envelop plugin, `@envelop/graphql-jit`, keyed it on the document alone and answered a second
 *   `operationName` with the first one's code, hence graphql-jit used directly); no mutation, see below;
 * - fragments only where graphql-jit keeps the order of the selection, as GraphQL does (after the
 *   fields, one per object: see `compilableOperation`);
 * - errors as graphql-js reports them: graphql-jit's field errors lack `locations`, which are added from
 *   the error's path (the field nodes graphql-js would name); an error without a path (a bad variable,
 *   which graphql-yoga answers with HTTP 400) or whose field nodes depend on the object's type, and
 *   only those, has the query interpreted again. A query may run twice; a mutation may not, hence no
 *   mutation. Field errors are not re-run: during a Neo4j outage that would double the wait.
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
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  visit,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Logger } from '../../api/core/logger.js';

export interface CompiledExecutionOptions {
  /** Runs of a document interpreted before it is compiled (default 1; 0 compiles at once). */
  interpretedRuns?: number;
  logger?: Logger;
  /** Called once per document, when it is compiled. */
  onCompile?: () => void;
}

/** A document's query and its fragments by name, read once (to check it, then to locate errors). */
interface Query {
  operation: OperationDefinitionNode;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
}

/**
 * What is known of a document: its query and the runs so far, then its code; `code: null` for a
 * document that is never compiled.
 */
type Entry = { query: Query | null } & ({ runs: number } | { code: CompiledQuery | null });

export function useCompiledExecution({
  interpretedRuns = 1,
  logger,
  onCompile,
}: CompiledExecutionOptions = {}): Plugin {
  const entries = new WeakMap<DocumentNode, Entry>();

  function entryOf(schema: GraphQLSchema, document: DocumentNode): Entry {
    let entry = entries.get(document);
    if (!entry) {
      const query = compilableQuery(schema, document);
      entry = query ? { query, runs: 0 } : { query: null, code: null };
      entries.set(document, entry);
    }
    return entry;
  }

  function codeFor(args: { schema: GraphQLSchema; document: DocumentNode; operationName?: string | null }) {
    const entry = entryOf(args.schema, args.document);
    // A name the document does not hold is an error the interpreter reports.
    if (!entry.query || (args.operationName && args.operationName !== entry.query.operation.name?.value)) return null;
    if ('code' in entry) return entry.code && { code: entry.code, query: entry.query };
    if (entry.runs < interpretedRuns) {
      entry.runs++;
      return null;
    }
    const compiled = compileQuery(args.schema, args.document);
    const code = isCompiledQuery(compiled) ? compiled : null;
    if (code) onCompile?.();
    // The document passed validation, so a failure is graphql-jit's: interpret this document from now on.
    else logger?.warn({ errors: (compiled as ExecutionResult).errors }, 'graphql-jit could not compile a document');
    entries.set(args.document, { query: entry.query, code });
    return code && { code, query: entry.query };
  }

  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const compiled = codeFor(args);
      if (!compiled) return;
      setExecuteFn(async (executionArgs) => {
        const result = await compiled.code.query(
          executionArgs.rootValue,
          executionArgs.contextValue,
          executionArgs.variableValues,
        );
        if (!result.errors?.length) return result;
        return located(result, compiled.query) ?? executeFn(executionArgs);
      });
    },
  };
}

/**
 * The document's one query operation and its fragments, if the document is one graphql-jit answers as
 * graphql-js does.
 * graphql-jit collects a selection set's fields first and its fragments after them, last fragment
 * first; graphql-js keeps the order of the selection. They agree when, in every selection set, the
 * fragments come after the fields and at most one of them can apply to an object: one fragment, or
 * fragments on distinct object types (`... on Organisation { … } ... on Event { … }`). Fragments
 * under `@skip`/`@include` are left to graphql-js (graphql-jit's options document issues with
 * skip/include in fragment spreads).
 */
function compilableQuery(schema: GraphQLSchema, document: DocumentNode): Query | null {
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
  return ordered ? { operation, fragments } : null;
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

/**
 * The compiled answer with its errors as graphql-js reports them (with the `locations` of the field
 * nodes at their path, errors before data), or null when an error cannot be placed for sure: it has no
 * path, or the nodes graphql-js would name depend on the type of an object.
 */
function located(result: ExecutionResult, query: Query): ExecutionResult | null {
  const errors: GraphQLError[] = [];
  for (const error of result.errors ?? []) {
    const nodes = error.path && fieldNodesAt(query, error.path);
    if (!nodes) return null;
    errors.push(
      new GraphQLError(error.message, {
        nodes,
        path: error.path,
        originalError: error.originalError ?? undefined,
        extensions: error.extensions,
      }),
    );
  }
  return { errors, data: result.data };
}

/**
 * The field nodes graphql-js merges for the field at `path` (response keys and list indexes), in
 * document order; null when they come from more than one place (the selection set itself and a
 * fragment, or two fragments), since which of them apply depends on the object's type.
 */
function fieldNodesAt({ operation, fragments }: Query, path: readonly (string | number)[]): FieldNode[] | null {
  let sets: readonly SelectionSetNode[] = [operation.selectionSet];
  let nodes: FieldNode[] = [];
  for (const key of path) {
    if (typeof key === 'number') continue;
    const found = sets.map((set) => fieldsNamed(set, key, fragments));
    if (found.some((f) => f === null)) return null;
    nodes = found.flatMap((f) => f ?? []);
    if (nodes.length === 0) return null;
    sets = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  }
  return nodes.length > 0 ? nodes : null;
}

/** The fields of `set` answering to `key`, from one place only (see `fieldNodesAt`), else null. */
function fieldsNamed(
  set: SelectionSetNode,
  key: string,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): FieldNode[] | null {
  const places: FieldNode[][] = [];
  const direct = set.selections.filter(
    (s): s is FieldNode => s.kind === Kind.FIELD && (s.alias?.value ?? s.name.value) === key,
  );
  if (direct.length > 0) places.push(direct);
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) continue;
    const inner =
      selection.kind === Kind.INLINE_FRAGMENT
        ? selection.selectionSet
        : fragments.get(selection.name.value)?.selectionSet;
    if (!inner) continue;
    const found = fieldsNamed(inner, key, fragments);
    if (found === null) return null;
    if (found.length > 0) places.push(found);
  }
  if (places.length > 1) return null;
  return places[0] ?? [];
}
