/**
 * The entities table of the list view as data: one row per shown entity, with how many shown
 * relations it keeps, and its columns on screen and in the CSV export. Pure.
 */
import type { EntityKind } from '../../model/vocabulary.js';
import { categoryLabel, kindLabel, type Lang, type Translate } from './i18n.js';
import type { GraphData } from './queries.js';
import type { Column, CsvColumn } from './table-model.js';

export interface EntityRow {
  slug: string;
  name: string;
  kind: EntityKind;
  kindLabel: string;
  categoryLabel: string;
  /** Shown relations at either end. */
  relations: number;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** The rows of the entities in `shown`, by name; `shownEdges` are the relations counted. */
export function entityRows(
  graph: GraphData,
  shown: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> },
  lang: Lang,
): EntityRow[] {
  const degree = new Map<string, number>();
  for (const edge of graph.edges) {
    if (!shown.edges.has(edge.id)) continue;
    degree.set(edge.from.slug, (degree.get(edge.from.slug) ?? 0) + 1);
    degree.set(edge.to.slug, (degree.get(edge.to.slug) ?? 0) + 1);
  }
  return graph.nodes
    .filter((node) => shown.nodes.has(node.slug))
    .map((node) => ({
      slug: node.slug,
      name: node.name,
      kind: node.kind,
      kindLabel: kindLabel(node.kind, lang),
      categoryLabel: node.category ? categoryLabel(node.category, lang) : '',
      relations: degree.get(node.slug) ?? 0,
    }))
    .sort((a, b) => collator.compare(a.name, b.name) || a.slug.localeCompare(b.slug));
}

export function entityColumns(t: Translate): Column<EntityRow>[] {
  return [
    { key: 'name', header: t('colName'), text: (r) => r.name },
    { key: 'kind', header: t('colKind'), text: (r) => r.kindLabel },
    { key: 'category', header: t('colCategory'), text: (r) => r.categoryLabel },
    {
      key: 'relations',
      header: t('colRelations'),
      text: (r) => String(r.relations),
      sortValue: (r) => r.relations,
      numeric: true,
    },
  ];
}

export function entityCsvColumns(t: Translate): CsvColumn<EntityRow>[] {
  return [
    { header: t('colName'), value: (r) => r.name },
    { header: t('colSlug'), value: (r) => r.slug },
    { header: t('colKind'), value: (r) => r.kindLabel },
    { header: t('colCategory'), value: (r) => r.categoryLabel || null },
    { header: t('colRelations'), value: (r) => r.relations },
  ];
}
