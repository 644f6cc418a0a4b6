/**
 * The seed form of an entity or a relation: what `seed:export` writes back and what the history
 * stores as a snapshot, in the seed format's field order with empty fields left out.
 */
import type { EntityModel, RelationModel } from '../../../model/models.js';
import { RELATION_FIELD_NAMES } from '../../../model/relation-fields.js';
import { deriveRelationId } from '../../../model/seed-format.js';

/** An entity's seed form: version only once staff changed it. */
export function entityToSeed(e: EntityModel) {
  return compact({
    kind: e.kind,
    slug: e.slug,
    name: e.name,
    aliases: e.aliases.length ? e.aliases : undefined,
    category: e.category,
    location: e.location,
    date: e.date,
    place: e.place,
    format: e.format,
    url: e.url,
    summary: e.summary,
    internalNotes: e.internalNotes,
    version: e.version === 1 ? undefined : e.version,
  });
}

/** A relation's seed form: `id` only when it differs from the derived one, then the relation table's fields. */
export function relationToSeed(r: RelationModel) {
  const seed: Record<string, unknown> = {
    id:
      r.id === deriveRelationId({ type: r.type, from: r.from, to: r.to, software: r.software ?? undefined })
        ? undefined
        : r.id,
    type: r.type,
    from: r.from,
    to: r.to,
  };
  for (const name of RELATION_FIELD_NAMES) seed[name] = r[name];
  seed.internalNotes = r.internalNotes;
  seed.version = r.version === 1 ? undefined : r.version;
  return compact(seed);
}

function compact(record: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null && v !== undefined));
}
