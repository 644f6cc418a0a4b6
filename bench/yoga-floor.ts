/**
 * The floor served by graphql-yoga, the GraphQL server Archipel is built on: a schema of one field,
 * `floor(key: String!): JSON`, whose resolver runs the question's floor statement through
 * neo4j-driver and returns its rows as one value. Nothing of Archipel's runs in it (no Pothos
 * schema, no loaders, no limits, no plugins): it is what any GraphQL API on this stack pays per
 * request on this machine. So yoga floor / driver floor is the least the stack itself can reach,
 * and GraphQL / yoga floor is what Archipel adds to it.
 *
 * Like the HTTP floor it answers only the statements it was started with, by question key.
 *
 * Usage: `createServer(createYogaFloor(db, { q1: { cypher, params } }))`, then POST
 * `{ query: YOGA_FLOOR_QUERY, variables: { key: 'q1' } }` to `/yoga-floor`.
 */
import { GraphQLError } from 'graphql';
import { createSchema, createYoga } from 'graphql-yoga';
import type { Database } from '../api/db/database.js';
import type { FloorStatement } from './floor-server.js';
import { nativeRow } from './queries.js';

export const YOGA_FLOOR_ENDPOINT = '/yoga-floor';
export const YOGA_FLOOR_QUERY = 'query Floor($key: String!) { floor(key: $key) }';

export function createYogaFloor(db: Database, statements: Readonly<Record<string, FloorStatement>>) {
  return createYoga({
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
    graphqlEndpoint: YOGA_FLOOR_ENDPOINT,
    // Set as Archipel sets them (api/yoga.ts), so the floor pays for none of what Archipel turned
    // off: yoga's own body limit pipes every body through a stream; CORS is off without origins.
    maxRequestBodySize: false,
    cors: false,
    landingPage: false,
    graphiql: false,
    logging: false,
  });
}
