/**
 * What an export holds: one table of the public fields of entities and relations, which every
 * format writes (GEXF and GraphML attributes, CSV columns, JSON properties), and the time span of
 * each relation that Gephi's timeline reads. Staff-only fields (`internalNotes`, `version`) are
 * not in the table, so no export can carry them.
 */
import type { EntityModel, RelationModel } from '../../model/models.js';
import {
  type FieldStorage,
  RELATION_FIELDS as MODEL_RELATION_FIELDS,
  RELATION_FIELD_NAMES,
} from '../../model/relation-fields.js';
import { validity } from '../../model/validity.js';

/** A value as the formats receive it; lists are written as JSON text where a format has no lists. */
export type FieldValue = string | number | readonly unknown[] | null;

export interface ExportField<T> {
  name: string;
  /** `string` and `double` are GEXF/GraphML attribute types; `json` is a list written as JSON text. */
  type: 'string' | 'double' | 'json';
  value(item: T): FieldValue;
}

const field = <T, K extends keyof T & string>(name: K, type: ExportField<T>['type'] = 'string'): ExportField<T> => ({
  name,
  type,
  value: (item) => (item[name] ?? null) as FieldValue,
});

type Entity = EntityModel;
type Relation = RelationModel;

/** Entity fields in the order the formats write them; `slug` identifies the entity everywhere. */
export const ENTITY_FIELDS: readonly ExportField<Entity>[] = (
  ['slug', 'name', 'kind', 'category', 'aliases', 'summary', 'url', 'location', 'date', 'place', 'format'] as const
).map((name) => field<Entity, typeof name>(name, name === 'aliases' ? 'json' : 'string'));

/** How a relation field of the model's table is written: numbers as numbers, lists as JSON text. */
const EXPORT_TYPES: Partial<Record<FieldStorage, ExportField<Relation>['type']>> = {
  number: 'double',
  sources: 'json',
};

/**
 * Relation fields in the order the formats write them: the identity (`from` and `to` are entity
 * slugs), then every field of the model's table (`model/relation-fields.ts`), so a field added
 * there is exported too.
 */
export const RELATION_FIELDS: readonly ExportField<Relation>[] = [
  ...(['id', 'type', 'from', 'to'] as const).map((name) => field<Relation, typeof name>(name)),
  ...RELATION_FIELD_NAMES.map((name) =>
    field<Relation, typeof name>(name, EXPORT_TYPES[MODEL_RELATION_FIELDS[name].storage] ?? 'string'),
  ),
];

/** A field's value as text, for formats without numbers or lists (CSV, XML); `null` when empty. */
export function flatValue(value: FieldValue): string | null {
  if (value === null || value === '') return null;
  if (Array.isArray(value)) return value.length === 0 ? null : JSON.stringify(value);
  return String(value);
}

/** When something holds, as ISO dates; `null` ends are open. */
export interface TimeSpan {
  start: string | null;
  end: string | null;
}

/**
 * When a relation holds, by the time model of `model/validity.ts` (the one `activeIn` and
 * the map's year control use), as the dates Gephi's timeline reads: a partial `since` starts on
 * its first day ("2019-05" → 2019-05-01), a partial `until` ends on its last ("2020" → 2020-12-31);
 * an event's relation spans the event's year, an undated one the report's year.
 */
export function relationSpan(relation: Relation, eventDate: string | null): TimeSpan {
  const years = validity(relation, eventDate);
  return {
    start: relation.since ? firstDay(relation.since) : years.from === null ? null : `${years.from}-01-01`,
    end: relation.until ? lastDay(relation.until) : years.to === null ? null : `${years.to}-12-31`,
  };
}

/** The span of an entity: from its relations' first start to their last end (open if one is). */
export function hullOf(spans: readonly TimeSpan[]): TimeSpan {
  if (spans.length === 0) return { start: null, end: null };
  const starts = spans.map((s) => s.start);
  const ends = spans.map((s) => s.end);
  return {
    start: starts.includes(null) ? null : (starts as string[]).reduce((a, b) => (b < a ? b : a)),
    end: ends.includes(null) ? null : (ends as string[]).reduce((a, b) => (b > a ? b : a)),
  };
}

function firstDay(date: string): string {
  const [year, month = '01', day = '01'] = date.split('-');
  return `${year}-${month}-${day}`;
}

function lastDay(date: string): string {
  const [year, month, day] = date.split('-');
  if (day) return date;
  if (!month) return `${year}-12-31`;
  // Day 0 of the next month is the last day of this one.
  const last = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  return `${year}-${month}-${String(last).padStart(2, '0')}`;
}
