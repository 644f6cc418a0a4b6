/**
 * A bound on the time one GraphQL operation may take (Neo4j transactions have their own, shorter,
 * timeout): past it the client gets a TIMEOUT error instead of waiting on.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export function useRequestTimeout(timeoutMs: number): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<{ errors: GraphQLError[] }>((resolve) => {
          timer = setTimeout(
            () =>
              resolve({
                errors: [
                  new GraphQLError(
                    `The request took longer than ${timeoutMs} ms and was stopped; narrow it and retry.`,
                    {
                      extensions: { code: 'TIMEOUT', limit: 'requestTimeoutMs', max: timeoutMs },
                    },
                  ),
                ],
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
