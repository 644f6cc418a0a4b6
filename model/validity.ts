/**
 * When a relation holds, as the report lets us know it: the one time model behind `activeIn`,
 * the year control of the map and the "undated, attested 2020" wording.
 *
 * - A relation with dates holds over [since, until]; an open end stays open ("depuis 2016" with no
 *   end is still true in the report's year and after it, as far as we know).
 * - A relation to or from an event is bounded by the event's date: speaking at a 2020 conference
 *   is a 2020 fact, not a tie that lasts.
 * - A relation the report states without any date is attested in the report's year only: the
 *   2020 report says it was so in 2020, and says nothing of 2014.
 *
 * The Cypher mirror of `validity` is `ACTIVE_IN` in api/db/cypher-fragments.ts; a test pins both
 * to the same answers.
 */

/** The year the report describes: what an undated statement of it attests. */
export const REPORT_YEAR = 2020;

/** The year of a partial ISO date ("2019-12" → 2019), or null. */
export function yearOf(date: string | null | undefined): number | null {
  const match = date ? /^(\d{4})/.exec(date) : null;
  return match ? Number(match[1]) : null;
}

export interface Validity {
  /** First year the relation holds; `null`: open (not known to have started later). */
  from: number | null;
  /** Last year it holds; `null`: open (still holds as far as the report knows). */
  to: number | null;
  /** Where the years come from: the relation's own dates, the event it concerns, or the report's year. */
  basis: 'dated' | 'event' | 'attested';
}

/**
 * The years a relation holds. `eventDate` is the date of the event at either end, if one is an event.
 */
export function validity(
  relation: { since?: string | null; until?: string | null },
  eventDate: string | null | undefined = null,
): Validity {
  const since = yearOf(relation.since);
  const until = yearOf(relation.until);
  const event = yearOf(eventDate);
  if (since === null && until === null) {
    return event === null
      ? { from: REPORT_YEAR, to: REPORT_YEAR, basis: 'attested' }
      : { from: event, to: event, basis: 'event' };
  }
  return { from: since ?? event, to: until ?? event, basis: 'dated' };
}

/** True when the relation holds during `year`. */
export function isActiveIn(holds: Validity, year: number): boolean {
  return (holds.from === null || holds.from <= year) && (holds.to === null || holds.to >= year);
}

/** True when the relation starts in `year` (its own `since`, not a bound borrowed from elsewhere). */
export function startedIn(relation: { since?: string | null }, year: number): boolean {
  return yearOf(relation.since) === year;
}

/** True when the relation ends in `year` (its own `until`). */
export function endedIn(relation: { until?: string | null }, year: number): boolean {
  return yearOf(relation.until) === year;
}
