/**
 * The relations table of the list view as data: one row per shown relation with every field the
 * report gives it, its columns on screen and in the CSV export, and the amount totals. Pure; the
 * DOM is `data-table.ts`'s job.
 */

import { validity } from '../../model/validity.js';
import type { RelationType } from '../../model/vocabulary.js';
import { formatAmount, formatPeriod, type Lang, relationLabel, type Translate, translator } from './i18n.js';
import type { GraphData } from './queries.js';
import type { Column, CsvColumn } from './table-model.js';

export interface NamedEntity {
  slug: string;
  name: string;
}

export interface RelationRow {
  id: string;
  type: RelationType;
  typeLabel: string;
  from: NamedEntity;
  to: NamedEntity;
  software: NamedEntity | null;
  resource: string | null;
  role: string | null;
  amount: number | null;
  currency: string | null;
  since: string | null;
  until: string | null;
  /** When the relation holds, in words ("since 2016", "undated, attested 2020"). */
  period: string;
  /** Orders periods by start, then end, whatever the wording. */
  periodOrder: number;
  description: string | null;
  /** Sections of the report that state the relation, each once, in the order they are cited. */
  sections: string[];
}

/**
 * The rows of the relations in `shown`, in reading order: by the name at the "from" end, the
 * relation, the name at the "to" end, then what the relation is about (so that Framasoft's two
 * hosting rows for Datagueule, PeerTube and the wiki, always come in the same order).
 */
export function relationRows(graph: GraphData, shown: ReadonlySet<string>, lang: Lang): RelationRow[] {
  const nodeBySlug = new Map(graph.nodes.map((n) => [n.slug, n]));
  const entity = (slug: string): NamedEntity => ({ slug, name: nodeBySlug.get(slug)?.name ?? slug });
  const eventDate = (slug: string) => {
    const node = nodeBySlug.get(slug);
    return node?.kind === 'EVENT' ? (node.date ?? null) : null;
  };
  const rows = graph.edges
    .filter((edge) => shown.has(edge.id))
    .map((edge): RelationRow => {
      const relation = { since: edge.since ?? null, until: edge.until ?? null };
      const event = eventDate(edge.from.slug) ?? eventDate(edge.to.slug);
      return {
        id: edge.id,
        type: edge.type,
        typeLabel: relationLabel(edge.type, lang),
        from: entity(edge.from.slug),
        to: entity(edge.to.slug),
        software: edge.software ?? null,
        resource: edge.resource ?? null,
        role: edge.role ?? null,
        amount: edge.amount ?? null,
        currency: edge.currency ?? null,
        ...relation,
        period: periodText(relation, event, lang),
        periodOrder: periodOrder(relation, event),
        description: edge.description ?? null,
        sections: [...new Set((edge.sources ?? []).map((s) => s.section))],
      };
    });
  return rows.sort(
    (a, b) =>
      collator.compare(a.from.name, b.from.name) ||
      a.type.localeCompare(b.type) ||
      collator.compare(a.to.name, b.to.name) ||
      collator.compare(subjectOf(a), subjectOf(b)) ||
      a.id.localeCompare(b.id),
  );
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** What a relation is about beyond its two ends: the hosted software and/or resource. */
export function subjectOf(row: Pick<RelationRow, 'software' | 'resource'>): string {
  return [row.software?.name, row.resource].filter(Boolean).join(' · ');
}

/**
 * The period in words, from the shared time model: the relation's own dates where it has some
 * (an open end bounded by an event reads as the event's date), the event's year for an undated
 * relation to an event, and "undated, attested 2020" for what the report states without a date.
 */
export function periodText(
  relation: { since: string | null; until: string | null },
  eventDate: string | null,
  lang: Lang,
): string {
  const holds = validity(relation, eventDate);
  const t = translator(lang);
  if (holds.basis === 'attested') return t('periodAttested', { year: String(holds.from) });
  if (holds.basis === 'event') return t('periodEvent', { year: String(holds.from) });
  return formatPeriod(
    boundOf(relation.since, holds.from, eventDate),
    boundOf(relation.until, holds.to, eventDate),
    lang,
  );
}

/** Where a period starts or ends: the relation's own date, else the date `validity` took the year from. */
function boundOf(own: string | null, year: number | null, eventDate: string | null): string | null {
  return own ?? (year === null ? null : (eventDate ?? String(year)));
}

/**
 * A number that sorts periods by start then end: 2019-12 → 20191200, an open start → 0, an open
 * end → 99999999, the two packed in one integer (below 2^53, so exact).
 */
export function periodOrder(
  relation: { since: string | null; until: string | null },
  eventDate: string | null,
): number {
  const holds = validity(relation, eventDate);
  const dayNumber = (date: string | null, open: number) => {
    if (date === null) return open;
    const [y = 0, m = 0, d = 0] = date.split('-').map(Number);
    return y * 10_000 + m * 100 + d;
  };
  const start = dayNumber(boundOf(relation.since, holds.from, eventDate), 0);
  const end = dayNumber(boundOf(relation.until, holds.to, eventDate), 99_999_999);
  return start * 100_000_000 + end;
}

/** Roles, descriptions and section titles are the report's words, in French whatever the interface. */
const DATA_LANG = 'fr';

export function relationColumns(t: Translate, lang: Lang): Column<RelationRow>[] {
  return [
    { key: 'from', header: t('colFrom'), text: (r) => r.from.name },
    { key: 'type', header: t('colType'), text: (r) => r.typeLabel },
    { key: 'to', header: t('colTo'), text: (r) => r.to.name },
    { key: 'subject', header: t('colSoftwareResource'), text: subjectOf, lang: DATA_LANG },
    { key: 'role', header: t('role'), text: (r) => r.role ?? '', lang: DATA_LANG },
    {
      key: 'amount',
      header: t('amount'),
      text: (r) => (r.amount === null ? '' : formatAmount(r.amount, r.currency, lang)),
      sortValue: (r) => r.amount,
      numeric: true,
    },
    { key: 'period', header: t('colPeriod'), text: (r) => r.period, sortValue: (r) => r.periodOrder },
    { key: 'description', header: t('colDescription'), text: (r) => r.description ?? '', lang: DATA_LANG },
    { key: 'sources', header: t('colSources'), text: (r) => r.sections.join(' | '), lang: DATA_LANG },
  ];
}

/**
 * The CSV export: names and slugs, dates as the report gives them (ISO, at their precision),
 * amounts as plain numbers beside their currency, so that a spreadsheet can sum and sort them.
 */
export function relationCsvColumns(t: Translate): CsvColumn<RelationRow>[] {
  const slugOf = (column: string) => t('colSlugOf', { column });
  return [
    { header: t('colFrom'), value: (r) => r.from.name },
    { header: slugOf(t('colFrom')), value: (r) => r.from.slug },
    { header: t('colType'), value: (r) => r.typeLabel },
    { header: t('colTo'), value: (r) => r.to.name },
    { header: slugOf(t('colTo')), value: (r) => r.to.slug },
    { header: t('software'), value: (r) => r.software?.name ?? null },
    { header: slugOf(t('software')), value: (r) => r.software?.slug ?? null },
    { header: t('resource'), value: (r) => r.resource },
    { header: t('role'), value: (r) => r.role },
    { header: t('amount'), value: (r) => r.amount },
    { header: t('colCurrency'), value: (r) => r.currency },
    { header: t('colSince'), value: (r) => r.since },
    { header: t('colUntil'), value: (r) => r.until },
    { header: t('colPeriod'), value: (r) => r.period },
    { header: t('colDescription'), value: (r) => r.description },
    { header: t('colSources'), value: (r) => r.sections.join(' | ') },
    { header: t('colId'), value: (r) => r.id },
  ];
}

export interface AmountTotal {
  /** `null` for amounts given without a currency. */
  currency: string | null;
  amount: number;
}

/** Sums of the rows' amounts per currency (no conversion), in currency-code order. */
export function amountTotals(rows: readonly Pick<RelationRow, 'amount' | 'currency'>[]): AmountTotal[] {
  const cents = new Map<string | null, number>();
  for (const row of rows) {
    if (row.amount === null) continue;
    // Summed in cents: 0.1 + 0.2 must total 0.30, not 0.30000000000000004.
    cents.set(row.currency, (cents.get(row.currency) ?? 0) + Math.round(row.amount * 100));
  }
  return [...cents]
    .map(([currency, total]) => ({ currency, amount: total / 100 }))
    .sort((a, b) => (a.currency ?? '').localeCompare(b.currency ?? ''));
}

/** "Total: 51 000 € · 3 000 $CA", or "" when no row has an amount. */
export function formatTotals(totals: readonly AmountTotal[], t: Translate, lang: Lang): string {
  if (totals.length === 0) return '';
  const amounts = totals.map((total) => formatAmount(total.amount, total.currency, lang)).join(' · ');
  return t('amountTotal', { amounts });
}
