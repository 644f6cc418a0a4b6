/**
 * The GraphQL operations of the staff workspace and the shapes of their answers. Every write goes
 * through the API's versioned mutations: there is no other way for the map to change the graph.
 */
import type { EntityKind, RelationType } from '../../../model/vocabulary.js';
import type { Operation } from '../queries.js';

/** An entity's editable fields, as the staff read them (with `version` and `internalNotes`). */
export interface StaffEntity {
  slug: string;
  name: string;
  kind: EntityKind;
  version: number;
  aliases: string[];
  summary: string | null;
  url: string | null;
  internalNotes: string | null;
  category?: string | null;
  location?: string | null;
  date?: string | null;
  place?: string | null;
  format?: string | null;
}

export interface StaffSource {
  section: string;
  quote: string;
  url?: string | null;
  title?: string | null;
}

export interface StaffEnd {
  slug: string;
  name: string;
  kind: EntityKind;
}

/** A relation's editable fields, as the staff read them. */
export interface StaffRelation {
  id: string;
  relationId: string;
  version: number;
  type: RelationType;
  from: StaffEnd;
  to: StaffEnd;
  role: string | null;
  software: { slug: string; name: string } | null;
  resource: string | null;
  since: string | null;
  until: string | null;
  amount: number | null;
  currency: string | null;
  period: 'ONE_OFF' | 'PER_YEAR' | 'TOTAL' | null;
  description: string | null;
  note: string | null;
  internalNotes: string | null;
  sources: StaffSource[];
}

export type ChangeAction = 'CREATE' | 'UPDATE' | 'DELETE' | 'MERGE' | 'RESTORE';

/** One recorded change; `before`/`after` are JSON of the seed form (null when absent). */
export interface Change {
  id: string;
  at: string;
  actor: string;
  action: ChangeAction;
  targetKind: 'ENTITY' | 'RELATION';
  targetId: string;
  before: string | null;
  after: string | null;
}

export interface ChangePage {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: Change }[];
  totalCount: number;
}

export interface ReportSection {
  heading: string;
  level: number;
  parent: string | null;
}

export interface QuoteCheck {
  verbatim: boolean;
  inSection: boolean;
  foundInSection: string | null;
  message: string;
}

export type ImportAction = 'CREATE' | 'UPDATE' | 'UNCHANGED' | 'ERROR';

export interface ImportRowResult {
  line: number;
  action: ImportAction;
  key: string | null;
  problems: { column: string; message: string; suggestion: string | null }[];
}

export interface ImportRowsPayload {
  applied: boolean;
  rows: ImportRowResult[];
  errorCount: number;
  changes: { id: string }[];
}

const CHANGE_FIELDS = 'id at actor action targetKind targetId before after';

export const STAFF_ENTITY: Operation = {
  name: 'ArchipelStaffEntity',
  text: `query ArchipelStaffEntity($slug: String!) {
  entity(slug: $slug) {
    slug name kind version aliases summary url internalNotes
    ... on Organisation { category location }
    ... on Project { category }
    ... on Event { date place format }
  }
}`,
};

const STAFF_RELATION_FIELDS = `id relationId version type
    from { slug name kind } to { slug name kind }
    role software { slug name } resource since until amount currency period description note internalNotes
    sources { section quote url title }`;

export const STAFF_RELATION: Operation = {
  name: 'ArchipelStaffRelation',
  text: `query ArchipelStaffRelation($id: ID!) {
  node(id: $id) { ... on Relation { ${STAFF_RELATION_FIELDS} } }
}`,
};

/** A relation by its `relationId` (after a conflict, or once created), through the `relations` list of its start. */
export const STAFF_RELATION_BY_ID: Operation = {
  name: 'ArchipelStaffRelationById',
  text: `query ArchipelStaffRelationById($from: String!, $types: [RelationType!]) {
  relations(from: $from, types: $types, first: 100) { edges { node { ${STAFF_RELATION_FIELDS} } } }
}`,
};

export const REPORT_SECTIONS: Operation = {
  name: 'ArchipelReportSections',
  text: 'query ArchipelReportSections { reportSections { heading level parent } }',
};

export const CHECK_QUOTE: Operation = {
  name: 'ArchipelCheckQuote',
  text: `query ArchipelCheckQuote($section: String!, $quote: String!) {
  checkQuote(section: $section, quote: $quote) { verbatim inSection foundInSection message }
}`,
};

export const UPDATE_ENTITY: Operation = {
  name: 'ArchipelUpdateEntity',
  text: `mutation ArchipelUpdateEntity($input: UpdateEntityInput!) {
  updateEntity(input: $input) { entity { slug version } }
}`,
};

export const DELETE_ENTITY: Operation = {
  name: 'ArchipelDeleteEntity',
  text: `mutation ArchipelDeleteEntity($input: DeleteEntityInput!) {
  deleteEntity(input: $input) { slug }
}`,
};

export const RESTORE_ENTITY: Operation = {
  name: 'ArchipelRestoreEntity',
  text: `mutation ArchipelRestoreEntity($input: RestoreEntityInput!) {
  restoreEntity(input: $input) { entity { slug version } }
}`,
};

export const CREATE_RELATION: Operation = {
  name: 'ArchipelCreateRelation',
  text: `mutation ArchipelCreateRelation($input: CreateRelationInput!) {
  createRelation(input: $input) { relation { id relationId version } }
}`,
};

export const UPDATE_RELATION: Operation = {
  name: 'ArchipelUpdateRelation',
  text: `mutation ArchipelUpdateRelation($input: UpdateRelationInput!) {
  updateRelation(input: $input) { relation { id relationId version } }
}`,
};

export const DELETE_RELATION: Operation = {
  name: 'ArchipelDeleteRelation',
  text: `mutation ArchipelDeleteRelation($input: DeleteRelationInput!) {
  deleteRelation(input: $input) { deletedRelation { relationId } }
}`,
};

export const RESTORE_RELATION: Operation = {
  name: 'ArchipelRestoreRelation',
  text: `mutation ArchipelRestoreRelation($input: RestoreRelationInput!) {
  restoreRelation(input: $input) { relation { id relationId version } }
}`,
};

export const HISTORY: Operation = {
  name: 'ArchipelHistory',
  text: `query ArchipelHistory($slug: String, $relationId: String, $after: String) {
  history(slug: $slug, relationId: $relationId, first: 20, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${CHANGE_FIELDS} } }
  }
}`,
};

export const RECENT_CHANGES: Operation = {
  name: 'ArchipelRecentChanges',
  text: `query ArchipelRecentChanges($after: String) {
  recentChanges(first: 20, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${CHANGE_FIELDS} } }
  }
}`,
};

export const IMPORT_ROWS: Operation = {
  name: 'ArchipelImportRows',
  text: `mutation ArchipelImportRows($input: ImportRowsInput!) {
  importRows(input: $input) {
    applied errorCount changes { id }
    rows { line action key problems { column message suggestion } }
  }
}`,
};
