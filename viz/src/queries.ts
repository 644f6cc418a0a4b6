/**
 * The GraphQL operations the map sends, and the shapes of their answers.
 *
 * They are plain strings so that the "GraphQL" link can hand GraphiQL the very text the map
 * runs: what is seen on the map is reproducible by any other client. The texts live in
 * model/map-operations.ts, which the API reads too: it persists each one by hash, so that the
 * map can read over GET (viz/src/api.ts).
 */
import { documentOf, type Operation } from '../../model/map-operations.js';
import type { EntityKind, RelationType } from '../../model/vocabulary.js';

export {
  documentOf,
  ENTITY,
  ENTITY_RELATIONS,
  GRAPH,
  GROUP_SIZE,
  MAP_OPERATIONS,
  type Operation,
  PATH,
  PATH_CHOICES,
  PATH_LONGEST,
  PATH_MAX_LENGTH,
  RELATION,
  SEARCH,
} from '../../model/map-operations.js';

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
