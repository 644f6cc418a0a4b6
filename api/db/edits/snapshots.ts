/**
 * Snapshots: the seed form of an entity or relation plus where its seed lives, which is what
 * history stores and a restore reads back.
 */

import type { z } from 'zod';
import type { EntityModel, RelationModel } from '../../../model/models.js';
import { relationFieldValues } from '../../../model/relation-fields.js';
import type { SeedOrigin } from '../../../model/seed-format.js';
import { type Relation, Relation as RelationSchema } from '../../../model/seed-format.js';
import { toNative } from '../database.js';
import { entityToSeed, relationToSeed } from '../records/seed-form.js';

/** An entry as an edit reads it: its value and where its seed lives. */
export interface Located<T> {
  value: T;
  origin: SeedOrigin | null;
}

export function entitySnapshot(e: Located<EntityModel>) {
  return { ...entityToSeed(e.value), origin: e.origin };
}

export function relationSnapshot(r: Located<RelationModel>) {
  return { id: r.value.id, ...relationToSeed(r.value), origin: r.origin };
}

export function fromSnapshot<T>(schema: z.ZodType<T>, json: string): { value: T; origin: SeedOrigin | null } {
  const { origin, ...seed } = JSON.parse(json) as { origin: SeedOrigin | null } & Record<string, unknown>;
  return { value: schema.parse(seed), origin };
}

export function originOf(props: Record<string, unknown>): SeedOrigin | null {
  const p = toNative(props) as Record<string, unknown>;
  return typeof p.originFile === 'string' ? { file: p.originFile, position: Number(p.originPosition) } : null;
}

/** The model fields of a validated relation (the rest of the stored model is kept). */
export function modelFields(r: Relation) {
  return { ...relationFieldValues(r), internalNotes: r.internalNotes ?? null };
}

/** A stored relation in the seed form, as the write helpers take it. */
export function asRelation(r: RelationModel): Relation & { id: string } {
  return { ...(RelationSchema.parse({ ...relationToSeed(r), id: r.id }) as Relation), id: r.id, version: r.version };
}
