/**
 * A view of the graph (its entities and relations, whole) in the formats other tools read: GEXF
 * (Gephi, Gephi Lite), GraphML (Gephi, yEd, Cytoscape desktop, networkx), CSV (spreadsheets,
 * pandas) and JSON nodes and links (d3, Observable, networkx `node_link_graph`). Each writes the
 * fields of `fields.ts`, nothing more.
 *
 * The XML goes through xml-writer, which escapes line breaks in attribute values (a description
 * keeps its paragraphs); graphology-gexf's writer uses it too, but cannot write the time spans
 * Gephi's timeline reads, and graphology-graphml has no writer.
 *
 * Usage: `toGexf({ entities, relations }, { description: 'Archipel: relations of type HOSTING' })`.
 */
import { stringify } from 'csv-stringify/sync';
import XMLWriter from 'xml-writer';
import type { EntityModel, RelationModel } from '../../model/models.js';
import { RELATION_TYPES } from '../../model/vocabulary.js';
import {
  ENTITY_FIELDS,
  type ExportField,
  type FieldValue,
  flatValue,
  hullOf,
  RELATION_FIELDS,
  relationSpan,
  type TimeSpan,
} from './fields.js';

export interface ExportView {
  entities: readonly EntityModel[];
  relations: readonly RelationModel[];
}

export interface ExportMeta {
  /** What the view holds, in words (its filters); written where a format has a place for it. */
  description: string;
}

const CREATOR = 'Archipel';

// --- GEXF 1.3 (Gephi, Gephi Lite)

/**
 * GEXF 1.3, dynamic: every relation carries `start`/`end` (its time span, see `relationSpan`) and
 * every entity the span of its relations, so that Gephi's timeline plays the archipelago through
 * the years. A relation's type is also its edge `kind`: Gephi keeps parallel edges of different
 * kinds apart (Framasoft funds and hosts the same association) where it would merge them.
 */
export function toGexf(view: ExportView, meta: ExportMeta): string {
  const spans = relationSpans(view);
  const entitySpans = entitySpansOf(spans);
  const xml = new XMLWriter('  ');
  xml.startDocument('1.0', 'UTF-8');
  xml
    .startElement('gexf')
    .writeAttribute('xmlns', 'http://gexf.net/1.3')
    .writeAttribute('xmlns:xsi', 'http://www.w3.org/2001/XMLSchema-instance')
    .writeAttribute('xsi:schemaLocation', 'http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd')
    .writeAttribute('version', '1.3');
  xml.startElement('meta').writeElement('creator', CREATOR).writeElement('description', meta.description).endElement();
  xml
    .startElement('graph')
    .writeAttribute('defaultedgetype', 'directed')
    .writeAttribute('mode', 'dynamic')
    .writeAttribute('timeformat', 'date');
  gexfModel(xml, 'node', ENTITY_FIELDS);
  gexfModel(xml, 'edge', RELATION_FIELDS);
  xml.startElement('nodes');
  for (const entity of view.entities) {
    xml.startElement('node').writeAttribute('id', entity.slug).writeAttribute('label', entity.name);
    writeSpan(xml, entitySpans.get(entity.slug));
    gexfValues(xml, ENTITY_FIELDS, entity);
    xml.endElement();
  }
  xml.endElement();
  xml.startElement('edges');
  for (const relation of view.relations) {
    xml
      .startElement('edge')
      .writeAttribute('id', relation.id)
      .writeAttribute('source', relation.from)
      .writeAttribute('target', relation.to)
      .writeAttribute('kind', relation.type)
      .writeAttribute('label', RELATION_TYPES[relation.type].label.en);
    writeSpan(xml, spans.get(relation));
    gexfValues(xml, RELATION_FIELDS, relation);
    xml.endElement();
  }
  xml.endElement();
  xml.endDocument();
  return `${xml.toString()}\n`;
}

function gexfModel<T>(xml: XMLWriter, kind: 'node' | 'edge', fields: readonly ExportField<T>[]) {
  xml.startElement('attributes').writeAttribute('class', kind);
  for (const f of fields) {
    xml
      .startElement('attribute')
      .writeAttribute('id', f.name)
      .writeAttribute('title', f.name)
      .writeAttribute('type', f.type === 'double' ? 'double' : 'string')
      .endElement();
  }
  xml.endElement();
}

function gexfValues<T>(xml: XMLWriter, fields: readonly ExportField<T>[], item: T) {
  const values = fields.map((f) => [f.name, xmlText(flatValue(f.value(item)))] as const).filter(([, v]) => v);
  if (values.length === 0) return;
  xml.startElement('attvalues');
  for (const [name, value] of values) {
    xml.startElement('attvalue').writeAttribute('for', name).writeAttribute('value', value!).endElement();
  }
  xml.endElement();
}

function writeSpan(xml: XMLWriter, span: TimeSpan | undefined) {
  if (span?.start) xml.writeAttribute('start', span.start);
  if (span?.end) xml.writeAttribute('end', span.end);
}

/** Each relation's span; a relation to or from an event is dated by the event. */
function relationSpans(view: ExportView): Map<RelationModel, TimeSpan> {
  const eventDates = new Map(view.entities.filter((e) => e.kind === 'EVENT').map((e) => [e.slug, e.date]));
  return new Map(
    view.relations.map((r) => [r, relationSpan(r, eventDates.get(r.from) ?? eventDates.get(r.to) ?? null)]),
  );
}

/** Each entity's span: that of the relations at its ends, or of the hostings running it (a software). */
function entitySpansOf(spans: Map<RelationModel, TimeSpan>): Map<string, TimeSpan> {
  const of = new Map<string, TimeSpan[]>();
  const add = (slug: string | null, span: TimeSpan) => {
    if (slug) of.set(slug, [...(of.get(slug) ?? []), span]);
  };
  for (const [relation, span] of spans) {
    add(relation.from, span);
    add(relation.to, span);
    add(relation.software, span);
  }
  return new Map([...of].map(([slug, list]) => [slug, hullOf(list)]));
}

// --- GraphML (Gephi, yEd, networkx, igraph)

/**
 * GraphML: one `<key>` per field, typed; lists (aliases, sources) as JSON text. `label` keys carry
 * the name of an entity and the type of a relation, which Gephi and yEd show.
 */
export function toGraphml(view: ExportView, meta: ExportMeta): string {
  const xml = new XMLWriter('  ');
  xml.startDocument('1.0', 'UTF-8');
  xml
    .startElement('graphml')
    .writeAttribute('xmlns', 'http://graphml.graphdrawing.org/xmlns')
    .writeAttribute('xmlns:xsi', 'http://www.w3.org/2001/XMLSchema-instance')
    .writeAttribute(
      'xsi:schemaLocation',
      'http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd',
    );
  const key = (id: string, kind: 'node' | 'edge' | 'graph', name: string, type: string) =>
    xml
      .startElement('key')
      .writeAttribute('id', id)
      .writeAttribute('for', kind)
      .writeAttribute('attr.name', name)
      .writeAttribute('attr.type', type)
      .endElement();
  key('description', 'graph', 'description', 'string');
  key('n_label', 'node', 'label', 'string');
  for (const f of ENTITY_FIELDS) key(`n_${f.name}`, 'node', f.name, f.type === 'double' ? 'double' : 'string');
  key('e_label', 'edge', 'label', 'string');
  for (const f of RELATION_FIELDS) key(`e_${f.name}`, 'edge', f.name, f.type === 'double' ? 'double' : 'string');
  xml.startElement('graph').writeAttribute('id', 'archipel').writeAttribute('edgedefault', 'directed');
  xml.startElement('data').writeAttribute('key', 'description').text(meta.description).endElement();
  for (const entity of view.entities) {
    xml.startElement('node').writeAttribute('id', entity.slug);
    graphmlValues(xml, 'n', [['label', entity.name], ...ENTITY_FIELDS.map((f) => [f.name, f.value(entity)] as const)]);
    xml.endElement();
  }
  for (const relation of view.relations) {
    xml
      .startElement('edge')
      .writeAttribute('id', relation.id)
      .writeAttribute('source', relation.from)
      .writeAttribute('target', relation.to);
    graphmlValues(xml, 'e', [
      ['label', RELATION_TYPES[relation.type].label.en],
      ...RELATION_FIELDS.map((f) => [f.name, f.value(relation)] as const),
    ]);
    xml.endElement();
  }
  xml.endDocument();
  return `${xml.toString()}\n`;
}

function graphmlValues(xml: XMLWriter, prefix: string, values: readonly (readonly [string, FieldValue])[]) {
  for (const [name, value] of values) {
    const text = xmlText(flatValue(value));
    if (text) xml.startElement('data').writeAttribute('key', `${prefix}_${name}`).text(text).endElement();
  }
}

/**
 * XML 1.0 cannot hold most control characters, even escaped; they are dropped rather than making
 * the whole file unreadable. (The seed format never produces them; staff edits might.)
 */
function xmlText(value: string | null): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed.
  return value === null ? null : value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

// --- CSV (one file per table)

/**
 * CSV as RFC 4180 asks (CRLF, quotes doubled, line breaks inside quotes), UTF-8 without a BOM
 * (tools read it as is; the list view's CSV has one, for Excel), a header row of field names,
 * lists as JSON text. Cells a spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`) are
 * prefixed with `'`, as in the list view's CSV: the data can be edited through the API.
 */
function toCsv<T>(fields: readonly ExportField<T>[], items: readonly T[]): string {
  return stringify(
    items.map((item) => fields.map((f) => flatValue(f.value(item)) ?? '')),
    {
      header: true,
      columns: fields.map((f) => f.name),
      record_delimiter: 'windows',
      quote_record_delimiter: true,
      escape_formulas: true,
    },
  );
}

export const toEntitiesCsv = (view: ExportView) => toCsv(ENTITY_FIELDS, view.entities);
export const toRelationsCsv = (view: ExportView) => toCsv(RELATION_FIELDS, view.relations);

// --- JSON nodes and links

/**
 * The node-link JSON of d3 and networkx (`node_link_graph(data, edges="links")`): `nodes` with
 * `id` (the slug), `links` with `source`, `target` and `key` (the relation id), every field with
 * its own JSON type (lists stay lists, absent values are `null`).
 */
export function toNodeLinkJson(view: ExportView, meta: ExportMeta): string {
  const record = <T>(fields: readonly ExportField<T>[], item: T) =>
    Object.fromEntries(fields.map((f) => [f.name, f.value(item)]));
  return `${JSON.stringify(
    {
      directed: true,
      multigraph: true,
      graph: { creator: CREATOR, description: meta.description },
      nodes: view.entities.map((e) => ({ id: e.slug, ...record(ENTITY_FIELDS, e) })),
      links: view.relations.map((r) => ({ source: r.from, target: r.to, key: r.id, ...record(RELATION_FIELDS, r) })),
    },
    null,
    2,
  )}\n`;
}
