/**
 * A bound on the time one GraphQL operation may take: past it the client gets a TIMEOUT error
 * instead of waiting on. The work itself stops too: the request's database view ends its Neo4j
 * transactions by the same deadline (`Database.withDeadline`, set in the context).
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The error of a request that ran out of time; `at` places it on a field when a field hit it. */
export function requestTimeoutError(
  timeoutMs: number,
  at: { nodes?: GraphQLError['nodes']; path?: GraphQLError['path'] } = {},
) {
  return new GraphQLError(`The request took longer than ${timeoutMs} ms and was stopped; narrow it and retry.`, {
    ...at,
    extensions: { code: 'TIMEOUT', limit: 'requestTimeoutMs', max: timeoutMs },
  });
}

export function useRequestTimeout(timeoutMs: number): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<{ errors: GraphQLError[] }>((resolve) => {
          timer = setTimeout(
            () =>
              resolve({
                errors: [requestTimeoutError(timeoutMs)],
              }),
            timeoutMs,
          );
        });
        try {
          return await Promise.race([executeFn(args), timeout]);
        } finally {
          clearTimeout(timer);
        }
      });
    },
  };
}
