/**
 * Builds the graphql-yoga instance (no port is opened here: tests call `yoga.fetch`).
 *
 * Usage: `const yoga = createArchipelYoga({ db }); await yoga.fetch('http://x/graphql', {...})`.
 */
import { createYoga, maskError as defaultMask, type YogaServerInstance } from 'graphql-yoga';
import { schema } from '../schema/index.js';
import { type Context, createContext } from './context.js';
import type { Database } from './data/database.js';
import { apiError, ServiceUnavailableError } from './errors.js';
import { EXAMPLE_OPERATIONS } from './http/example-operations.js';

export interface YogaOptions {
  db: Database;
  logging?: boolean;
}

export type ArchipelYoga = YogaServerInstance<Record<string, unknown>, Context>;

export function createArchipelYoga(options: YogaOptions): ArchipelYoga {
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    logging: options.logging ?? false,
    context: ({ request }) => createContext(options.db, { request }),
    graphiql: {
      title: 'Archipel — GraphQL',
      defaultTabs: EXAMPLE_OPERATIONS,
    },
    maskedErrors: {
      // Database outages are the client's business (retry later); everything else stays internal.
      maskError: (error, message, isDev) => {
        const original = (error as { originalError?: unknown }).originalError;
        if (original instanceof ServiceUnavailableError) {
          return apiError('SERVICE_UNAVAILABLE', original.message);
        }
        return defaultMask(error, message, isDev);
      },
    },
  });
}
