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
 * - no fragments: graphql-jit puts a fragment's fields after the others, where GraphQL keeps the
 *   order of the selection;
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
import { BREAK, type DocumentNode, type ExecutionResult, Kind, type OperationDefinitionNode, visit } from 'graphql';
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

  function entryOf(document: DocumentNode): Entry {
    let entry = entries.get(document);
    if (!entry) {
      const operation = compilableOperation(document);
      entry = operation ? { name: operation.name?.value, runs: 0 } : { name: undefined, code: null };
      entries.set(document, entry);
    }
    return entry;
  }

  function codeFor(args: { schema: unknown; document: DocumentNode; operationName?: string | null }) {
    const entry = entryOf(args.document);
    // A name the document does not hold is an error the interpreter reports.
    if (args.operationName && args.operationName !== entry.name) return null;
    if ('code' in entry) return entry.code;
    if (entry.runs < interpretedRuns) {
      entry.runs++;
      return null;
    }
    const compiled = compileQuery(args.schema as Parameters<typeof compileQuery>[0], args.document);
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

/** The document's one query operation, if the document is one graphql-jit answers as graphql-js does. */
function compilableOperation(document: DocumentNode): OperationDefinitionNode | null {
  const [definition, ...others] = document.definitions;
  if (others.length > 0 || definition?.kind !== Kind.OPERATION_DEFINITION || definition.operation !== 'query') {
    return null;
  }
  let fragments = false;
  visit(definition, {
    InlineFragment: () => {
      fragments = true;
      return BREAK;
    },
    FragmentSpread: () => {
      fragments = true;
      return BREAK;
    },
  });
  return fragments ? null : definition;
}
