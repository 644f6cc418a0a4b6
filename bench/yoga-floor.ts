/**
 * The yoga floor: the hand-written Cypher served by graphql-yoga, the GraphQL server Archipel is
 * built on, through a schema of one field, `floor(key: String!): JSON`, whose resolver runs the
 * question's floor statement and returns its rows as one value. Nothing of Archipel's runs in it
 * (no Pothos schema, no loaders, no limits, no plugins): it is what any GraphQL API on this stack
 * pays per request. So yoga floor / driver floor is the least the stack itself can reach, and
 * GraphQL / yoga floor is what Archipel adds to it.
 *
 * It answers only the statements it was started with, by question key, so it runs no Cypher from
 * the network, and it listens on loopback only.
 *
 * Usage: `const floor = await startYogaFloor(db, { q1: { cypher, params } })`, then POST
 * `yogaFloorBody('q1')` to `floor.url`; `await floor.close()`.
 */
import { once } from 'node:events';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { createSchema, createYoga } from 'graphql-yoga';
import type { Database } from '../api/db/database.js';
import { type BenchQuery, nativeRow } from './queries.js';

export type FloorStatement = Pick<BenchQuery['floor'], 'cypher' | 'params'>;

/** The request body that asks the yoga floor for a question's rows. */
export const yogaFloorBody = (key: string) =>
  JSON.stringify({ query: 'query Floor($key: String!) { floor(key: $key) }', variables: { key } });

export async function startYogaFloor(db: Database, statements: Readonly<Record<string, FloorStatement>>) {
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: 'scalar JSON\ntype Query { floor(key: String!): JSON }',
      resolvers: {
        Query: {
          floor: (_: unknown, { key }: { key: string }) => {
            const statement = Object.hasOwn(statements, key) ? statements[key] : undefined;
            if (!statement) throw new GraphQLError(`no floor statement "${key}"`);
            return db.read(statement.cypher, statement.params, nativeRow);
          },
        },
      },
    }),
    graphqlEndpoint: '/yoga-floor',
    ...AS_ARCHIPEL_SETS_YOGA,
  });
  return serveOnLoopback(yoga, '/yoga-floor');
}

/**
 * yoga's settings as Archipel sets them (api/yoga.ts), for the bench's other yoga servers, so
 * that they pay for none of what Archipel turned off: yoga's own body limit pipes every body
 * through a stream; CORS is off without origins.
 */
export const AS_ARCHIPEL_SETS_YOGA = {
  maxRequestBodySize: false,
  cors: false,
  landingPage: false,
  graphiql: false,
  logging: false,
} as const;

/** Serves `handler` on a free loopback port; `url` ends with `path`. */
export async function serveOnLoopback(handler: RequestListener, path: string) {
  const server = createServer(handler).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
