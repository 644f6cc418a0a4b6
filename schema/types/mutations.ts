/**
 * Staff mutations (Relay style: one `input`, one payload). Each needs a staff bearer token; the
 * role is a scope on the field (`editor` for everyday edits, `admin` to merge). Each is one Neo4j
 * transaction that also records its changes (`api/data/edits.ts`); every payload returns them.
 * Inputs are checked by the seed format's zod schemas: an INVALID_ARGUMENT names the input field.
 */
import type { Context } from '../../api/context.js';
import {
  createEntity,
  createRelation,
  deleteEntity,
  deleteRelation,
  mergeEntities,
  restoreEntity,
  restoreRelation,
  updateEntity,
  updateRelation,
} from '../../api/data/edits.js';
import { arg, SlugArg } from '../args.js';
import { builder } from '../builder.js';
import { ChangeRef } from './history.js';
import { EntityRef, RelationRef } from './refs.js';
import { DateScalar, EntityKindEnum, RelationTypeEnum } from './scalars-and-enums.js';

const SourceInput = builder.inputType('SourceInput', {
  description: 'A section of the 2020 activity report and a verbatim quote (at most 250 characters).',
  fields: (t) => ({
    section: t.string({ required: true }),
    quote: t.string({ required: true }),
  }),
});

/** The caller's name: scope-auth has refused anonymous callers before any resolver runs. */
const actor = (ctx: Context) => ctx.viewer!.name;

/** After a write, this request's loaders may hold what the graph no longer says. */
function afterWrite<T>(ctx: Context, payload: T): T {
  for (const loader of Object.values(ctx.loaders)) loader.clearAll();
  return payload;
}

/** For a creation: fields left out or null are simply absent. */
const present = (input: object) =>
  Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined));

/** For an update: everything but the keys naming the target; left out keeps, null clears. */
const patchOf = (input: object, keys: readonly string[]) =>
  Object.fromEntries(Object.entries(input).filter(([k]) => !keys.includes(k)));

const CHANGES_DESCRIPTION = 'The changes this mutation recorded in the history.';

// ---------------------------------------------------------------------------------------------
// Entities

builder.relayMutationField(
  'createEntity',
  {
    description: 'A new entity, in the seed format. Fields that its kind does not have are refused.',
    inputFields: (t) => ({
      kind: t.field({ type: EntityKindEnum, required: true }),
      slug: t.string({ required: true, description: 'Lowercase ASCII words joined by "-", e.g. "wikimedia-france".' }),
      name: t.string({ required: true }),
      aliases: t.stringList(),
      summary: t.string(),
      url: t.string(),
      category: t.string({ description: 'ORGANISATION and PROJECT: a category of the vocabulary.' }),
      location: t.string({ description: 'ORGANISATION only.' }),
      date: t.field({ type: DateScalar, description: 'EVENT only, required there.' }),
      place: t.string({ description: 'EVENT only.' }),
      format: t.string({ description: 'EVENT only.' }),
      internalNotes: t.string({ description: 'Staff only.' }),
    }),
  },
  {
    description: 'Staff (editor): creates an entity.',
    authScopes: { editor: true },
    resolve: async (_root, { input }, ctx) => afterWrite(ctx, await createEntity(ctx.db, actor(ctx), present(input))),
  },
  {
    outputFields: (t) => ({
      entity: t.field({ type: EntityRef, resolve: (p) => p.result }),
      changes: t.field({ type: [ChangeRef], description: CHANGES_DESCRIPTION, resolve: (p) => p.changes }),
    }),
  },
);

builder.relayMutationField(
  'updateEntity',
  {
    description:
      'Fields to change: a field left out keeps its value, null clears it. The slug and kind do not change ' +
      '(merge or delete and create instead).',
    inputFields: (t) => ({
      slug: t.string({ required: true }),
      expectedVersion: t.int({ required: true, description: 'The `version` the change is based on.' }),
      name: t.string(),
      aliases: t.stringList(),
      summary: t.string(),
      url: t.string(),
      category: t.string(),
      location: t.string(),
      date: t.field({ type: DateScalar }),
      place: t.string(),
      format: t.string(),
      internalNotes: t.string(),
    }),
  },
  {
    description: 'Staff (editor): changes an entity. CONFLICT when `expectedVersion` is not its current version.',
    authScopes: { editor: true },
    resolve: async (_root, { input }, ctx) =>
      afterWrite(
        ctx,
        await updateEntity(ctx.db, actor(ctx), {
          slug: arg('input.slug', SlugArg, input.slug)!,
          expectedVersion: input.expectedVersion,
          patch: patchOf(input, ['slug', 'expectedVersion']),
        }),
      ),
  },
  {
    outputFields: (t) => ({
      entity: t.field({ type: EntityRef, resolve: (p) => p.result }),
      changes: t.field({ type: [ChangeRef], description: CHANGES_DESCRIPTION, resolve: (p) => p.changes }),
    }),
  },
);

builder.relayMutationField(
  'deleteEntity',
  {
    inputFields: (t) => ({
      slug: t.string({ required: true }),
      expectedVersion: t.int({ required: true }),
    }),
  },
  {
    description:
      'Staff (editor): deletes an entity and its relations, all recorded; `restoreEntity` brings them back. ' +
      'Refused while HOSTING relations name it as their software.',
    authScopes: { editor: true },
    resolve: async (_root, { input }, ctx) =>
      afterWrite(
        ctx,
        await deleteEntity(ctx.db, actor(ctx), {
          slug: arg('input.slug', SlugArg, input.slug)!,
          expectedVersion: input.expectedVersion,
        }),
      ),
  },
  {
    outputFields: (t) => ({
      slug: t.string({ resolve: (p) => p.result.slug }),
      deletedRelations: t.field({
        type: [RelationRef],
        description: 'The relations deleted with it, as they were.',
        resolve: (p) => p.result.relations,
      }),
      changes: t.field({ type: [ChangeRef], description: CHANGES_DESCRIPTION, resolve: (p) => p.changes }),
    }),
  },
);

builder.relayMutationField(
  'mergeEntities',
  {
    description: 'Two entities that turn out to be the same; both versions are checked.',
    inputFields: (t) => ({
      survivor: t.string({ required: true, description: 'Slug of the entity that remains.' }),
      absorbed: t.string({ required: true, description: 'Slug of the entity merged into it, then deleted.' }),
      survivorVersion: t.int({ required: true }),
      absorbedVersion: t.int({ required: true }),
    }),
  },
  {
    description:
      "Staff (admin): merges `absorbed` into `survivor`. The absorbed entity's relations move to the survivor, its " +
      "name and aliases become the survivor's aliases, its summary, url and notes fill the survivor's empty ones. " +
      'Relations between the two are deleted. All recorded: `restoreEntity` can bring the absorbed entity back.',
    authScopes: { admin: true },
    resolve: async (_root, { input }, ctx) =>
      afterWrite(
        ctx,
        await mergeEntities(ctx.db, actor(ctx), {
          survivor: arg('input.survivor', SlugArg, input.survivor)!,
          absorbed: arg('input.absorbed', SlugArg, input.absorbed)!,
          survivorVersion: input.survivorVersion,
          absorbedVersion: input.absorbedVersion,
        }),
      ),
  },
  {
    outputFields: (t) => ({
      survivor: t.field({ type: EntityRef, resolve: (p) => p.result }),
      changes: t.field({ type: [ChangeRef], description: CHANGES_DESCRIPTION, resolve: (p) => p.changes }),
    }),
  },
);

builder.relayMutationField(
  'restoreEntity',
  { inputFields: (t) => ({ slug: t.string({ required: true }) }) },
  {
    description:
      'Staff (editor): brings back an entity that no longer exists (deleted, merged away or removed by a seed load) ' +
      'as its history last recorded it, with the relations deleted together with it whose ends still exist.',
    authScopes: { editor: true },
    resolve: async (_root, { input }, ctx) =>
      afterWrite(ctx, await restoreEntity(ctx.db, actor(ctx), { slug: arg('input.slug', SlugArg, input.slug)! })),
  },
  {
    outputFields: (t) => ({
      entity: t.field({ type: EntityRef, resolve: (p) => p.result.entity }),
      restoredRelations: t.field({ type: [RelationRef], resolve: (p) => p.result.relations }),
      changes: t.field({ type: [ChangeRef], description: CHANGES_DESCRIPTION, resolve: (p) => p.changes }),
    }),
  },
);

// ---------------------------------------------------------------------------------------------
// Relations

builder.relayMutationField(
  'createRelation',
  {
    description: 'A new relation, in the seed format: at least one source from the report is required.',
    inputFields: (t) => ({
      type: t.field({ type: RelationTypeEnum, required: true }),
      from: t.string({ required: true, description: 'Slug of the source entity.' }),
      to: t.string({ required: true, description: 'Slug of the target entity.' }),
      id: t.string({ description: 'Stable id; derived from type, ends and software when left out.' }),
      role: t.string(),
      software: t.string({ description: 'HOSTING: slug of the hosted software project.' }),
      resource: t.string({ description: 'HOSTING: a hosted resource other than software.' }),
      since: t.field({ type: DateScalar }),
      until: t.field({ type: DateScalar }),
      amount: t.float(),
      currency: t.string(),
      description: t.string(),
      sources: t.field({ type: [SourceInput], required: true }),
      internalNotes: t.string({ description: 'Staff only.' }),
    }),
  },
  {
    description:
      'Staff (editor): creates a relation. NOT_FOUND when an end does not exist, INVALID_ARGUMENT when its type ' +
      'does not allow an end of that kind.',
    authScopes: { editor: true },
    resolve: async (_root, { input }, ctx) => afterWrite(ctx, await createRelation(ctx.db, actor(ctx), present(input))),
  },
  {
    outputFields: (t) => ({
      relation: t.field({ type: RelationRef, resolve: (p) => p.result }),
      changes: t.field({ type: [ChangeRef], description: CHANGES_DESCRIPTION, resolve: (p) => p.changes }),
    }),
  },
);

builder.relayMutationField(
  'updateRelation',
  {
    description:
      'Fields to change: a field left out keeps its value, null clears it. The type and ends do not change ' +
      '(delete and create instead).',
    inputFields: (t) => ({
      relationId: t.string({ required: true }),
      expectedVersion: t.int({ required: true, description: 'The `version` the change is based on.' }),
      role: t.string(),
      software: t.string(),
      resource: t.string(),
      since: t.field({ type: DateScalar }),
      until: t.field({ type: DateScalar }),
      amount: t.float(),
      currency: t.string(),
      description: t.string(),
      sources: t.field({ type: [SourceInput] }),
      internalNotes: t.string(),
    }),
  },
  {
    description: 'Staff (editor): changes a relation. CONFLICT when `expectedVersion` is not its current version.',
    authScopes: { editor: true },
    resolve: async (_root, { input }, ctx) =>
      afterWrite(
        ctx,
        await updateRelation(ctx.db, actor(ctx), {
          relationId: input.relationId,
          expectedVersion: input.expectedVersion,
          patch: patchOf(input, ['relationId', 'expectedVersion']),
        }),
      ),
  },
  {
    outputFields: (t) => ({
      relation: t.field({ type: RelationRef, resolve: (p) => p.result }),
      changes: t.field({ type: [ChangeRef], description: CHANGES_DESCRIPTION, resolve: (p) => p.changes }),
    }),
  },
);

builder.relayMutationField(
  'deleteRelation',
  {
    inputFields: (t) => ({
      relationId: t.string({ required: true }),
      expectedVersion: t.int({ required: true }),
    }),
  },
  {
    description: 'Staff (editor): deletes a relation, recorded; `restoreRelation` brings it back.',
    authScopes: { editor: true },
    resolve: async (_root, { input }, ctx) => afterWrite(ctx, await deleteRelation(ctx.db, actor(ctx), input)),
  },
  {
    outputFields: (t) => ({
      deletedRelation: t.field({ type: RelationRef, description: 'The relation as it was.', resolve: (p) => p.result }),
      changes: t.field({ type: [ChangeRef], description: CHANGES_DESCRIPTION, resolve: (p) => p.changes }),
    }),
  },
);

builder.relayMutationField(
  'restoreRelation',
  { inputFields: (t) => ({ relationId: t.string({ required: true }) }) },
  {
    description:
      'Staff (editor): brings back a relation that no longer exists, as its history last recorded it. Its ends must exist.',
    authScopes: { editor: true },
    resolve: async (_root, { input }, ctx) => afterWrite(ctx, await restoreRelation(ctx.db, actor(ctx), input)),
  },
  {
    outputFields: (t) => ({
      relation: t.field({ type: RelationRef, resolve: (p) => p.result }),
      changes: t.field({ type: [ChangeRef], description: CHANGES_DESCRIPTION, resolve: (p) => p.changes }),
    }),
  },
);
