/**
 * The Neo4j properties written for an entity or a relation, in one place so that the seed loader,
 * the staff edits and the benchmarks store them alike. Besides the model's fields, the graph keeps
 * search keys, integer years and the seed file and position each entry came from.
 */
import type { Entity, Relation, SeedOrigin } from '../../../model/seed-format.js';
import { slugify } from '../../../model/vocabulary.js';
import { relationFieldProperties } from './stored-fields.js';

/** Accent- and case-insensitive key used for exact-name ranking and software lookup. */
export const nameKey = (text: string) => slugify(text);

/** Properties written on an entity node (besides its labels). */
export function entityProperties(entity: Entity, origin: SeedOrigin | null) {
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
    internalNotes: entity.internalNotes ?? null,
    version: entity.version ?? 1,
    originFile: origin?.file ?? null,
    originPosition: origin?.position ?? null,
  };
}

/** Properties written on a relationship (its type is the relationship type, its ends the nodes). */
export function relationProperties(relation: Relation & { id: string }, origin: SeedOrigin | null) {
  return {
    id: relation.id,
    ...relationFieldProperties(relation),
    internalNotes: relation.internalNotes ?? null,
    version: relation.version ?? 1,
    originFile: origin?.file ?? null,
    originPosition: origin?.position ?? null,
  };
}
