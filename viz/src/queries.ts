/**
 * The GraphQL operations the map sends, and the shapes of their answers.
 *
 * They are plain strings so that the "GraphQL" link can hand GraphiQL the very text the map
 * runs: what is seen on the map is reproducible by any other client.
 */
import type { EntityKind, RelationType } from '../../api/model/vocabulary.js';

export interface Operation {
  name: string;
  text: string;
  fragments?: readonly string[];
}

const RELATION_FIELDS = `fragment RelationFields on Relation {
  id type role resource since until amount currency description
  software { slug name }
  from { slug name kind }
  to { slug name kind }
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
    edges { id type since until role from { slug } to { slug } }
  }
}`,
  fragments: [ENTITY_FIELDS],
};

export const ENTITY: Operation = {
  name: 'ArchipelEntity',
  text: `query ArchipelEntity($slug: String!) {
  entity(slug: $slug) {
    aliases summary url
    relations(first: 100) { totalCount edges { node { ...RelationFields } } }
    ...EntityFields
  }
}`,
  fragments: [ENTITY_FIELDS, RELATION_FIELDS],
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

export const PATH: Operation = {
  name: 'ArchipelPath',
  text: `query ArchipelPath($from: String!, $to: String!, $maxLength: Int) {
  path(from: $from, to: $to, maxLength: $maxLength) { ...RelationFields }
}`,
  fragments: [RELATION_FIELDS],
};

/** One GraphQL document holding the operations and each fragment they need, once. */
export function documentOf(operations: readonly Operation[]): string {
  const fragments = new Set(operations.flatMap((op) => op.fragments ?? []));
  return [...operations.map((op) => op.text), ...fragments].join('\n\n');
}

/**
 * GraphiQL pre-filled with the operations and variables behind a view. Every operation of the
 * view goes in one document (GraphiQL lets the user pick which to run); their variable names
 * are distinct, and GraphQL ignores the variables an operation does not declare.
 */
export function graphiqlHref(endpoint: string, operations: readonly Operation[], variables: object): string {
  const params = new URLSearchParams({ query: documentOf(operations) });
  if (Object.keys(variables).length > 0) params.set('variables', JSON.stringify(variables, null, 2));
  if (operations.length > 0) params.set('operationName', operations[0]?.name ?? '');
  return `${endpoint}?${params}`;
}

// --- Answer shapes (what the operations above select, not the whole schema)

export interface EntitySummary {
  id: string;
  slug: string;
  name: string;
  kind: EntityKind;
  category?: string | null;
  location?: string | null;
  date?: string | null;
  place?: string | null;
  format?: string | null;
}

export interface GraphEdge {
  id: string;
  type: RelationType;
  since?: string | null;
  until?: string | null;
  role?: string | null;
  from: { slug: string };
  to: { slug: string };
}

export interface GraphData {
  nodes: EntitySummary[];
  edges: GraphEdge[];
}

export interface Source {
  section: string;
  quote: string;
}

export interface EntityRef {
  slug: string;
  name: string;
  kind: EntityKind;
}

export interface RelationDetails {
  id: string;
  type: RelationType;
  role?: string | null;
  resource?: string | null;
  since?: string | null;
  until?: string | null;
  amount?: number | null;
  currency?: string | null;
  description?: string | null;
  software?: { slug: string; name: string } | null;
  from: EntityRef;
  to: EntityRef;
  sources: Source[];
}

export interface EntityDetails extends EntitySummary {
  aliases: string[];
  summary?: string | null;
  url?: string | null;
  relations: { totalCount?: number | null; edges: { node: RelationDetails }[] };
}

export interface GraphVariables {
  types?: RelationType[];
  kinds?: EntityKind[];
  activeIn?: number;
  focus?: string;
  depth?: number;
}

export const SEARCH_SIZE = 8;
export const PATH_MAX_LENGTH = 4;
