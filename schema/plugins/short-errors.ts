/**
 * Error messages that quote a rejected value (graphql-js: `Variable "$s" got invalid value "…"`)
 * quote it in full, so a client sending a 1 MB value gets 2 MB back and the logs keep it. Quoted
 * values longer than `maxQuoted` characters are cut, and the message says how long they were.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const QUOTED = /"((?:[^"\\]|\\.)*)"/g;

export function shortenQuotedValues(message: string, maxQuoted: number): string {
  return message.replace(QUOTED, (whole, inner: string) =>
    inner.length <= maxQuoted ? whole : `"${inner.slice(0, maxQuoted)}…" (${inner.length} characters)`,
  );
}

function shortened(error: GraphQLError, maxQuoted: number): GraphQLError {
  const message = shortenQuotedValues(error.message, maxQuoted);
  if (message === error.message) return error;
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}

export function useShortErrorMessages(maxQuoted = 100): Plugin {
  return {
    onValidate:
      () =>
      ({ result, setResult }) => {
        if (result.some((error) => error.message.length > maxQuoted)) {
          setResult(result.map((error) => shortened(error, maxQuoted)));
        }
      },
    onExecute: () => ({
      onExecuteDone({ result, setResult }) {
        if (!('errors' in result) || !result.errors?.some((error) => error.message.length > maxQuoted)) return;
        setResult({ ...result, errors: result.errors.map((error) => shortened(error, maxQuoted)) });
      },
    }),
  };
}
