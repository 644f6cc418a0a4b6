/**
 * Conversions between models and Neo4j properties, in one place so that the loader, the
 * repositories and the exporter agree on how an entity or a relation is stored.
 */
import type { Node, Relationship } from 'neo4j-driver';
import type { EntityModel, RelationModel } from '../model/models.js';
import type { Entity, Relation } from '../model/seed-format.js';
import { type EntityKind, type RelationType, slugify } from '../model/vocabulary.js';
import { toNative } from './database.js';

/** Accent- and case-insensitive key used for exact-name ranking and software lookup. */
export const nameKey = (text: string) => slugify(text);

const yearOf = (date: string | undefined) => (date ? Number(date.slice(0, 4)) : null);

/** Properties written on an entity node (besides its labels). */
export function entityProperties(entity: Entity, origin: { file: string; position: number } | null) {
  return {
    slug: entity.slug,
    name: entity.name,
    kind: entity.kind,
    aliases: entity.aliases,
    summary: entity.summary ?? null,
    url: entity.url ?? null,
    category: 'category' in entity ? (entity.category ?? null) : null,
    location: 'location' in entity ? (entity.location ?? null) : null,
    date: 'date' in entity ? entity.date : null,
    place: 'place' in entity ? (entity.place ?? null) : null,
    format: 'format' in entity ? (entity.format ?? null) : null,
    nameKey: nameKey(entity.name),
    aliasKeys: entity.aliases.map(nameKey),
    // Full-text indexes cannot index lists: the aliases are indexed through this joined copy.
    aliasText: entity.aliases.join(' | '),
    originFile: origin?.file ?? null,
    originPosition: origin?.position ?? null,
  };
}

/** Properties written on a relationship (its type is the relationship type). */
export function relationProperties(
  relation: Relation & { id: string },
  origin: { file: string; position: number } | null,
) {
  return {
    id: relation.id,
    role: relation.role ?? null,
    software: relation.software ?? null,
    resource: relation.resource ?? null,
    since: relation.since ?? null,
    until: relation.until ?? null,
    // Integer years make `activeIn` a cheap range filter.
    sinceYear: yearOf(relation.since),
    untilYear: yearOf(relation.until),
    amount: relation.amount ?? null,
    currency: relation.currency ?? null,
    description: relation.description ?? null,
    // Neo4j properties cannot hold maps: sources are stored as two parallel lists.
    sourceSections: relation.sources.map((s) => s.section),
    sourceQuotes: relation.sources.map((s) => s.quote),
    originFile: origin?.file ?? null,
    originPosition: origin?.position ?? null,
  };
}

type Props = Record<string, unknown>;
const str = (value: unknown) => (value === null || value === undefined ? null : String(value));

export function entityFromProps(raw: Props): EntityModel {
  const p = toNative(raw) as Props;
  return {
    slug: String(p.slug),
    name: String(p.name),
    kind: p.kind as EntityKind,
    aliases: (p.aliases as string[] | null) ?? [],
    summary: str(p.summary),
    url: str(p.url),
    category: str(p.category),
    location: str(p.location),
    date: str(p.date),
    place: str(p.place),
    format: str(p.format),
  };
}

export function entityFromNode(node: Node): EntityModel {
  return entityFromProps(node.properties);
}

export function relationFromProps(raw: Props, type: string, from: string, to: string): RelationModel {
  const p = toNative(raw) as Props;
  const sections = (p.sourceSections as string[] | null) ?? [];
  const quotes = (p.sourceQuotes as string[] | null) ?? [];
  return {
    id: String(p.id),
    type: type as RelationType,
    from,
    to,
    role: str(p.role),
    software: str(p.software),
    resource: str(p.resource),
    since: str(p.since),
    until: str(p.until),
    amount: typeof p.amount === 'number' ? p.amount : null,
    currency: str(p.currency),
    description: str(p.description),
    sources: sections.map((section, i) => ({ section, quote: quotes[i] ?? '' })),
  };
}

/** Cypher projection that returns a relationship with its ends; pair with `relationFromRecordValue`. */
export const RELATION_PROJECTION = (r: string) =>
  `{ props: properties(${r}), type: type(${r}), from: startNode(${r}).slug, to: endNode(${r}).slug }`;

export function relationFromValue(value: unknown): RelationModel {
  const v = value as { props: Props; type: string; from: string; to: string };
  return relationFromProps(v.props, v.type, v.from, v.to);
}

export function relationFromRelationship(rel: Relationship, from: string, to: string): RelationModel {
  return relationFromProps(rel.properties, rel.type, from, to);
}
