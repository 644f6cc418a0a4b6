/**
 * The GraphQL operations the map sends, and the shapes of their answers.
 *
 * They are plain strings so that the "GraphQL" link can hand GraphiQL the very text the map
 * runs: what is seen on the map is reproducible by any other client.
 */
import type { EntityKind, RelationType } from '../../model/vocabulary.js';

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

export interface PathVariables {
  from: string;
  to: string;
  maxLength: number;
  avoid?: string[];
}

/** The variables of PATH for a question; `avoid` only when there is something to avoid, as in the URL. */
export function pathVariables(query: { from: string; to: string; maxLength: number; avoid: readonly string[] }) {
  const variables: PathVariables = { from: query.from, to: query.to, maxLength: query.maxLength };
  if (query.avoid.length > 0) variables.avoid = [...query.avoid];
  return variables;
}

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
  // The list view's columns; optional so that a graph built from other answers (a path) still fits.
  resource?: string | null;
  amount?: number | null;
  currency?: string | null;
  description?: string | null;
  software?: { slug: string; name: string } | null;
  sources?: { section: string }[];
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
  /** Events only: what bounds the relations about them. */
  date?: string | null;
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
  /** What the amount counts (model/relation-fields.ts). */
  period?: 'ONE_OFF' | 'PER_YEAR' | 'TOTAL' | null;
  description?: string | null;
  /** An editorial note, e.g. where the report contradicts itself. */
  note?: string | null;
  software?: { slug: string; name: string } | null;
  from: EntityRef;
  to: EntityRef;
  sources: Source[];
}

export interface RelationPage {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: RelationDetails }[];
}

export interface RelationGroupDetails {
  type: RelationType;
  totalCount: number;
  relations: RelationPage;
}

export interface EntityDetails extends EntitySummary {
  aliases: string[];
  summary?: string | null;
  url?: string | null;
  relations: { totalCount: number };
  relationGroups: RelationGroupDetails[];
  /** Software only: the HOSTING relations that run it. */
  hostedInstances?: { totalCount: number; edges: { node: RelationDetails }[] };
}

export interface GraphVariables {
  types?: RelationType[];
  kinds?: EntityKind[];
  activeIn?: number;
  focus?: string;
  depth?: number;
}

export const SEARCH_SIZE = 8;
