/**
 * The peer: @neo4j/graphql (Neo4j's own GraphQL library, a dev dependency used by the bench only)
 * reading the same Neo4j data as Archipel through type definitions written for the way Archipel
 * stores it (api/db/records/, api/db/schema-setup.ts): an entity is a node labelled `Entity` and
 * its kind (`Organisation`, …), a relation is a relationship of its type carrying its fields, and
 * search goes through the `entity_text` full-text index. The library generates the schema and the
 * Cypher; it is served by graphql-yoga set as Archipel and the yoga floor set it, so that
 * Archipel / peer compares what each one does per request, on the same server stack.
 *
 * Only what the bench's questions read is declared (`PEER_TYPE_DEFS`): the hosting list, the
 * partner list and search. What the peer cannot express equivalently is said next to each
 * question (`peer` in queries.ts), not approximated.
 *
 * Usage: `const peer = await startPeer(driver, 'neo4j')`, POST GraphQL to `peer.url`; `await peer.close()`.
 */
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import type { Driver } from 'neo4j-driver';
import { FULLTEXT_INDEX } from '../api/db/schema-setup.js';
import { KIND_LABELS } from '../model/vocabulary.js';
import { AS_ARCHIPEL_SETS_YOGA, serveOnLoopback } from './yoga-floor.js';

/** The fields of a relation that the peer's questions read, stored on the relationship. */
const RELATION_PROPERTIES = `type RelationProperties @relationshipProperties {
  id: String!
  since: String
  until: String
  resource: String
  software: String
  description: String
  sourceSections: [String!]
  sourceQuotes: [String!]
}`;

const ENTITY_FIELDS = `slug: String!
  name: String!
  nameKey: String!
  kind: String!`;

/** The relations an organisation starts that the questions follow; any kind of entity at the other end. */
const ORGANISATION_RELATIONS = `hosts: [Entity!]! @relationship(type: "HOSTING", direction: OUT, properties: "RelationProperties")
  partners: [Entity!]! @relationship(type: "ARCHIPELAGO", direction: OUT, properties: "RelationProperties")`;

export const PEER_TYPE_DEFS = `
extend schema @mutation(operations: [])

interface Entity {
  ${ENTITY_FIELDS}
}

${Object.values(KIND_LABELS)
  .map(
    (label) => `type ${label} implements Entity @node(labels: ["${label}", "Entity"]) {
  ${ENTITY_FIELDS}
  ${label === 'Organisation' ? ORGANISATION_RELATIONS : ''}
}`,
  )
  .join('\n\n')}

${RELATION_PROPERTIES}

"""Any entity, as the full-text index sees it (it indexes the Entity label)."""
type SearchEntity
  @node(labels: ["Entity"])
  @fulltext(indexes: [{ indexName: "${FULLTEXT_INDEX}", queryName: "entitiesByText", fields: ["name", "aliasText", "summary"] }]) {
  ${ENTITY_FIELDS}
  aliasText: String
  summary: String
}
`;

export async function startPeer(driver: Driver, database: string) {
  const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver }).getSchema();
  const yoga = createYoga({
    schema,
    context: { sessionConfig: { database } },
    graphqlEndpoint: '/peer',
    ...AS_ARCHIPEL_SETS_YOGA,
  });
  return serveOnLoopback(yoga, '/peer');
}
