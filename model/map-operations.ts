/**
 * The GraphQL operations the map sends, as plain text: the map runs them, its "GraphQL" link hands
 * GraphiQL the very same text, and the API persists them by hash (api/http/persisted-operations.ts)
 * so that the map can read over GET and any HTTP cache or CDN can keep the answers. They live in
 * model/ because both sides need the exact text: one changed character is another hash.
 */

export interface Operation {
  name: string;
  text: string;
  fragments?: readonly string[];
}

const RELATION_FIELDS = `fragment RelationFields on Relation {
  id type role resource since until amount currency period description note
  software { slug name }
  from { slug name kind ... on Event { date } }
  to { slug name kind ... on Event { date } }
  sources { section quote }
}`;

const ENTITY_FIELDS = `fragment EntityFields on Entity {
  id slug name kind
  ... on Organisation { category location }
  ... on Project { category }
  ... on Event { date place format }
}`;

export const GRAPH: Operation = {
  name: 'ArchipelGraph',
  text: `query ArchipelGraph($types: [RelationType!], $kinds: [EntityKind!], $activeIn: Int, $focus: String, $depth: Int) {
  graph(types: $types, kinds: $kinds, activeIn: $activeIn, focus: $focus, depth: $depth) {
    nodes { ...EntityFields }
    edges {
      id type since until role resource amount currency description
      software { slug name } sources { section } from { slug } to { slug }
    }
  }
}`,
  fragments: [ENTITY_FIELDS],
};

/** Relations a panel shows of each type before "show all". */
export const GROUP_SIZE = 10;

/**
 * An entity's panel in one request: every relation type it has with its count and first page
 * (nothing is cut without saying so), and for a software the instances hosted with it.
 *
 * The kind-specific fields are written out rather than spread from EntityFields: with one inline
 * fragment per object type, after the fields, the server compiles the document (see
 * schema/plugins/compiled-execution.ts); EntityFields beside `... on Project` would apply twice to a project.
 */
export const ENTITY: Operation = {
  name: 'ArchipelEntity',
  text: `query ArchipelEntity($slug: String!, $groupSize: Int = ${GROUP_SIZE}) {
  entity(slug: $slug) {
    id slug name kind aliases summary url
    relations { totalCount }
    relationGroups(first: $groupSize) {
      type totalCount
      relations { pageInfo { hasNextPage endCursor } edges { node { ...RelationFields } } }
    }
    ... on Organisation { category location }
    ... on Project { category hostedInstances(first: 100) { totalCount edges { node { ...RelationFields } } } }
    ... on Event { date place format }
  }
}`,
  fragments: [RELATION_FIELDS],
};

/** The rest of one type of an entity's relations, after the panel's first page (same order). */
export const ENTITY_RELATIONS: Operation = {
  name: 'ArchipelEntityRelations',
  text: `query ArchipelEntityRelations($slug: String!, $type: RelationType!, $after: String) {
  entity(slug: $slug) {
    relations(types: [$type], first: 100, after: $after) {
      pageInfo { hasNextPage endCursor } edges { node { ...RelationFields } }
    }
  }
}`,
  fragments: [RELATION_FIELDS],
};

export const RELATION: Operation = {
  name: 'ArchipelRelation',
  text: `query ArchipelRelation($id: ID!) {
  node(id: $id) { ... on Relation { ...RelationFields } }
}`,
  fragments: [RELATION_FIELDS],
};

export const SEARCH: Operation = {
  name: 'ArchipelSearch',
  text: `query ArchipelSearch($text: String!, $kinds: [EntityKind!], $first: Int) {
  search(text: $text, kinds: $kinds, first: $first) { edges { node { slug name kind } } }
}`,
};

/** How many relations a chain may have unless the visitor asks for more (the API's default too). */
export const PATH_MAX_LENGTH = 4;
/** The API's ceiling for `maxLength`. */
export const PATH_LONGEST = 6;
/** Tied chains asked for at once: the API's ceiling for `first`, so that "1 of K" counts them all. */
export const PATH_CHOICES = 20;

/**
 * `paths` rather than `path`: when several chains are equally short the visitor can step through
 * them, and the first one is the one `path` would answer. No chain within `maxLength` is `[]`.
 */
export const PATH: Operation = {
  name: 'ArchipelPath',
  text: `query ArchipelPath($from: String!, $to: String!, $maxLength: Int = ${PATH_MAX_LENGTH}, $avoid: [String!], $chains: Int = ${PATH_CHOICES}) {
  paths(from: $from, to: $to, maxLength: $maxLength, avoid: $avoid, first: $chains) { relations { ...RelationFields } }
}`,
  fragments: [RELATION_FIELDS],
};

/** Every operation the map sends, each alone in its document: the API persists each of these documents. */
export const MAP_OPERATIONS: readonly Operation[] = [GRAPH, ENTITY, ENTITY_RELATIONS, RELATION, SEARCH, PATH];

/** One GraphQL document holding the operations and each fragment they need, once. */
export function documentOf(operations: readonly Operation[]): string {
  const fragments = new Set(operations.flatMap((op) => op.fragments ?? []));
  return [...operations.map((op) => op.text), ...fragments].join('\n\n');
}

/**
 * The key a document is persisted under: the hex SHA-256 of its text, as Apollo's automatic
 * persisted queries define it (`extensions.persistedQuery.sha256Hash`). Web Crypto, so that the
 * server and the browser compute it with the same code; browsers offer it on HTTPS and localhost only.
 */
export async function documentHash(document: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(document));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The error code of a hash the API has not persisted (Apollo's): the client then sends the document itself. */
export const PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND';
