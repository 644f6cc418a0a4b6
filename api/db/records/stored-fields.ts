/**
 * How the graph stores the fields of the relation table (`model/relation-fields.ts`): each field's
 * storage kind says which Neo4j properties it writes, and how they become the model's value again.
 * The writers (`write.ts`), readers (`read.ts`) and projections (`projections.ts`) all go through
 * these, so that a field added to the table is stored and read without touching them.
 */
import { isInt } from 'neo4j-driver';
import {
  type FieldStorage,
  RELATION_FIELDS,
  RELATION_PROPERTY_FIELDS,
  type RelationFieldName,
} from '../../../model/relation-fields.js';
import type { Source } from '../../../model/seed-values.js';
import { yearOf } from '../../../model/validity.js';

export type Props = Record<string, unknown>;

/** Turns a stored property into a model value (Neo4j integers to numbers, absent to null). */
export type Reader = (value: unknown) => unknown;
export const text: Reader = (value) => (value === null || value === undefined ? null : String(value));
export const number: Reader = (value) => (isInt(value) ? value.toNumber() : typeof value === 'number' ? value : null);
export const version: Reader = (value) => number(value) ?? 1;
export const strings: Reader = (value) => (Array.isArray(value) ? value : []);

/** The properties each storage kind writes for a field's value (`null` when absent). */
const WRITERS: Record<FieldStorage, (name: string, value: unknown) => Props> = {
  text: (name, value) => ({ [name]: value ?? null }),
  number: (name, value) => ({ [name]: value ?? null }),
  // Integer years make `activeIn`, `startedIn` and `endedIn` cheap range filters.
  date: (name, value) => ({
    [name]: value ?? null,
    [`${name}Year`]: yearOf((value as string | undefined) ?? undefined),
  }),
  // Neo4j properties cannot hold maps: sources are stored as parallel lists. The lists of the
  // other documents' urls and titles ('' for a report source) exist only when one is cited.
  sources: (_name, value) => {
    const sources = (value as Source[] | undefined) ?? [];
    const elsewhere = sources.some((s) => s.url !== undefined);
    return {
      sourceSections: sources.map((s) => s.section),
      sourceQuotes: sources.map((s) => s.quote),
      sourceUrls: elsewhere ? sources.map((s) => s.url ?? '') : null,
      sourceTitles: elsewhere ? sources.map((s) => s.title ?? '') : null,
    };
  },
};

const READERS: Record<Exclude<FieldStorage, 'sources'>, Reader> = { text, number, date: text };

/** The Neo4j properties of a relation's own fields, as the seed format gives them. */
export function relationFieldProperties(relation: { [K in RelationFieldName]?: unknown }): Props {
  const props: Props = {};
  for (const [name, spec] of Object.entries(RELATION_FIELDS)) {
    Object.assign(props, WRITERS[spec.storage](name, relation[name as RelationFieldName]));
  }
  return props;
}

/** The reader of each relation field stored as one property of its name (all but the sources). */
export const RELATION_FIELD_READERS = Object.fromEntries(
  RELATION_PROPERTY_FIELDS.map((name) => [name, READERS[RELATION_FIELDS[name].storage as keyof typeof READERS]]),
) as Record<(typeof RELATION_PROPERTY_FIELDS)[number], Reader>;

/** The properties the sources are stored in; a projection that leaves them out leaves the quotes in the database. */
export const SOURCE_PROPERTIES = ['sourceSections', 'sourceQuotes', 'sourceUrls', 'sourceTitles'] as const;

/** Sources from their parallel lists; null when the query left them in the database. */
export function sourcesOf(raw: Props): Source[] | null {
  if (!('sourceSections' in raw)) return null;
  const quotes = (raw.sourceQuotes as string[] | null) ?? [];
  const urls = (raw.sourceUrls as string[] | null) ?? [];
  const titles = (raw.sourceTitles as string[] | null) ?? [];
  return ((raw.sourceSections as string[] | null) ?? []).map((section, i) => ({
    section,
    quote: quotes[i] ?? '',
    // Present only for another document, so that a report source reads back exactly as written.
    ...(urls[i] ? { url: urls[i], title: titles[i] ?? '' } : {}),
  }));
}
