/**
 * The API contract of issue 4 as SDL, for checking the map's operations and for the stand-in
 * server, until the committed `schema/schema.graphql` exists (which then takes over).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RELATION_TYPE_NAMES } from '../../api/model/vocabulary.js';

const ENTITY_FIELDS = `
  id: ID!
  slug: String!
  name: String!
  kind: EntityKind!
  aliases: [String!]!
  summary: String
  relations(types: [RelationType!], direction: Direction = BOTH, activeIn: Int, first: Int, after: String): RelationConnection!
  neighbours(types: [RelationType!], first: Int, after: String): EntityConnection!`;

export const CONTRACT_SDL = `
scalar Date
interface Node { id: ID! }
enum EntityKind { ORGANISATION PROJECT PERSON EVENT }
enum Direction { OUTGOING INCOMING BOTH }
enum RelationType { ${RELATION_TYPE_NAMES.join(' ')} }

interface Entity implements Node {${ENTITY_FIELDS}
}
type Organisation implements Entity & Node {${ENTITY_FIELDS}
  category: String
  location: String
}
type Project implements Entity & Node {${ENTITY_FIELDS}
  category: String
}
type Person implements Entity & Node {${ENTITY_FIELDS}
}
type Event implements Entity & Node {${ENTITY_FIELDS}
  date: Date
  place: String
  format: String
}

type Relation implements Node {
  id: ID!
  type: RelationType!
  from: Entity!
  to: Entity!
  role: String
  software: Project
  resource: String
  since: Date
  until: Date
  amount: Float
  currency: String
  description: String
  sources: [Source!]!
}
type Source { section: String! quote: String! }

type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
type RelationEdge { cursor: String! node: Relation! }
type RelationConnection { edges: [RelationEdge!]! pageInfo: PageInfo! totalCount: Int! }
type EntityEdge { cursor: String! node: Entity! }
type EntityConnection { edges: [EntityEdge!]! pageInfo: PageInfo! totalCount: Int! }

type Query {
  node(id: ID!): Node
  entity(slug: String!): Entity
  search(text: String!, kinds: [EntityKind!], first: Int, after: String): EntityConnection!
  relations(types: [RelationType!], from: String, to: String, software: String, activeIn: Int, first: Int, after: String): RelationConnection!
  path(from: String!, to: String!, maxLength: Int = 4): [Relation!]
  graph(types: [RelationType!], kinds: [EntityKind!], activeIn: Int, focus: String, depth: Int): Graph!
}
type Graph { nodes: [Entity!]! edges: [Relation!]! }
`;

const COMMITTED = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));

/** The API's printed SDL when the lead has committed it, else the contract above. */
export function apiSchemaSdl(): { sdl: string; source: 'schema/schema.graphql' | 'issue-4 contract' } {
  if (existsSync(COMMITTED)) return { sdl: readFileSync(COMMITTED, 'utf8'), source: 'schema/schema.graphql' };
  return { sdl: CONTRACT_SDL, source: 'issue-4 contract' };
}
