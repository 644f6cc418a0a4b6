/**
 * Staff mutations (Relay style: one `input`, one payload). Each needs a staff bearer token; the
 * role is a scope on the field (`editor` for everyday edits, `admin` to merge). Each is one Neo4j
 * transaction that also records its changes (`api/db/edits.ts`); every payload returns them.
 * Inputs are checked by the seed format's zod schemas: an INVALID_ARGUMENT names the input field.
 */

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
} from '../../api/db/edits.js';
import { arg, SlugArg } from '../args.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { ENTITY_FIELDS } from './entity.js';
import { ChangeRef, EXPECTED_VERSION_DESCRIPTION, INTERNAL_NOTES_DESCRIPTION } from './history.js';
import { EntityRef, RelationRef } from './refs.js';
import { RELATION_FIELDS, SOURCE_FIELDS } from './relation.js';
import { DateScalar, EntityKindEnum, RelationTypeEnum } from './scalars-and-enums.js';

const SourceInput = builder.inputType('SourceInput', {
  description: 'A source of a relation, as in `Source`: a section of the 2020 activity report and a verbatim quote.',
  fields: (t) => ({
    section: t.string({ required: true, description: SOURCE_FIELDS.section }),
    quote: t.string({ required: true, description: SOURCE_FIELDS.quote }),
  }),
});

/** The entity fields that createEntity and updateEntity set, with the kinds that have them. */
const ENTITY_INPUT = {
  ...ENTITY_FIELDS,
  category:
    'ORGANISATION and PROJECT only: a category of the vocabulary (see `Organisation.category`, `Project.category`).',
  location: `ORGANISATION only. ${ENTITY_FIELDS.location}`,
  date: `EVENT only, and required there. ${ENTITY_FIELDS.date}`,
  place: `EVENT only. ${ENTITY_FIELDS.place}`,
  format: `EVENT only. ${ENTITY_FIELDS.format}`,
};
const SOFTWARE_INPUT = 'HOSTING: slug of the hosted software project, e.g. "peertube".';

/** The entity fields that are optional both when creating and when changing an entity. */
function optionalEntityFields(t: InputFieldBuilder) {
  return {
    aliases: t.stringList({ description: ENTITY_INPUT.aliases }),
    summary: t.string({ description: ENTITY_INPUT.summary }),
    url: t.string({ description: ENTITY_INPUT.url }),
    category: t.string({ description: ENTITY_INPUT.category }),
    location: t.string({ description: ENTITY_INPUT.location }),
    date: t.field({ type: DateScalar, description: ENTITY_INPUT.date }),
    place: t.string({ description: ENTITY_INPUT.place }),
    format: t.string({ description: ENTITY_INPUT.format }),
    internalNotes: t.string({ description: INTERNAL_NOTES_DESCRIPTION }),
  };
}
/** The relation fields that are optional both when creating and when changing a relation. */
function optionalRelationFields(t: InputFieldBuilder) {
  return {
    role: t.string({ description: RELATION_FIELDS.role }),
    software: t.string({ description: SOFTWARE_INPUT }),
    resource: t.string({ description: RELATION_FIELDS.resource }),
    since: t.field({ type: DateScalar, description: RELATION_FIELDS.since }),
    until: t.field({ type: DateScalar, description: RELATION_FIELDS.until }),
    amount: t.float({ description: RELATION_FIELDS.amount }),
    currency: t.string({ description: RELATION_FIELDS.currency }),
    description: t.string({ description: RELATION_FIELDS.description }),
  };
}
type InputFieldBuilder = PothosSchemaTypes.InputFieldBuilder<SchemaTypesOf<typeof builder>, 'InputObject'>;
type SchemaTypesOf<B> = B extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

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
      kind: t.field({ type: EntityKindEnum, required: true, description: 'What the entity is; it never changes.' }),
      slug: t.string({ required: true, description: ENTITY_INPUT.slug }),
      name: t.string({ required: true, description: ENTITY_INPUT.name }),
      ...optionalEntityFields(t),
    }),
  },
  {
    description: 'Staff (editor): creates an entity.',
    authScopes: { editor: true },
    resolve: async (_root, { input }, ctx) => afterWrite(ctx, await createEntity(ctx.db, actor(ctx), present(input))),
  },
  {
    description: 'What createEntity did.',
    outputFields: (t) => ({
      entity: t.field({ type: EntityRef, description: 'The new entity.', resolve: (p) => p.result }),
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
      slug: t.string({ required: true, description: 'Slug of the entity to change.' }),
      expectedVersion: t.int({ required: true, description: EXPECTED_VERSION_DESCRIPTION }),
      name: t.string({ description: ENTITY_INPUT.name }),
      ...optionalEntityFields(t),
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
    description: 'What updateEntity did.',
    outputFields: (t) => ({
      entity: t.field({ type: EntityRef, description: 'The entity after the change.', resolve: (p) => p.result }),
      changes: t.field({ type: [ChangeRef], description: CHANGES_DESCRIPTION, resolve: (p) => p.changes }),
    }),
  },
);

builder.relayMutationField(
  'deleteEntity',
  {
    description: 'The entity to delete, and the version it is deleted at.',
    inputFields: (t) => ({
      slug: t.string({ required: true, description: 'Slug of the entity to delete.' }),
      expectedVersion: t.int({ required: true, description: EXPECTED_VERSION_DESCRIPTION }),
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
    description: 'What deleteEntity did.',
    outputFields: (t) => ({
      slug: t.string({ description: 'Slug of the deleted entity.', resolve: (p) => p.result.slug }),
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
      survivorVersion: t.int({ required: true, description: 'The `version` of the survivor the merge is based on.' }),
      absorbedVersion: t.int({ required: true, description: 'The `version` of the absorbed entity.' }),
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
    description: 'What mergeEntities did.',
    outputFields: (t) => ({
      survivor: t.field({ type: EntityRef, description: 'The survivor after the merge.', resolve: (p) => p.result }),
      changes: t.field({ type: [ChangeRef], description: CHANGES_DESCRIPTION, resolve: (p) => p.changes }),
    }),
  },
);

builder.relayMutationField(
  'restoreEntity',
  {
    description: 'The entity to bring back.',
    inputFields: (t) => ({ slug: t.string({ required: true, description: 'The slug it had.' }) }),
  },
  {
    description:
      'Staff (editor): brings back an entity that no longer exists (deleted, merged away or removed by a seed load) ' +
      'as its history last recorded it, with the relations deleted together with it whose ends still exist.',
    authScopes: { editor: true },
    resolve: async (_root, { input }, ctx) =>
      afterWrite(ctx, await restoreEntity(ctx.db, actor(ctx), { slug: arg('input.slug', SlugArg, input.slug)! })),
  },
  {
    description: 'What restoreEntity did.',
    outputFields: (t) => ({
      entity: t.field({ type: EntityRef, description: 'The entity as brought back.', resolve: (p) => p.result.entity }),
      restoredRelations: t.field({
        type: [RelationRef],
        description: 'The relations brought back with it.',
        resolve: (p) => p.result.relations,
      }),
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
      type: t.field({ type: RelationTypeEnum, required: true, description: RELATION_FIELDS.type }),
      from: t.string({ required: true, description: 'Slug of the source entity.' }),
      to: t.string({ required: true, description: 'Slug of the target entity.' }),
      id: t.string({ description: 'Stable id; derived from type, ends and software when left out.' }),
      ...optionalRelationFields(t),
      sources: t.field({ type: [SourceInput], required: true, description: RELATION_FIELDS.sources }),
      internalNotes: t.string({ description: INTERNAL_NOTES_DESCRIPTION }),
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
    description: 'What createRelation did.',
    outputFields: (t) => ({
      relation: t.field({ type: RelationRef, description: 'The new relation.', resolve: (p) => p.result }),
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
      relationId: t.string({ required: true, description: '`relationId` of the relation to change.' }),
      expectedVersion: t.int({ required: true, description: EXPECTED_VERSION_DESCRIPTION }),
      ...optionalRelationFields(t),
      sources: t.field({ type: [SourceInput], description: RELATION_FIELDS.sources }),
      internalNotes: t.string({ description: INTERNAL_NOTES_DESCRIPTION }),
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
    description: 'What updateRelation did.',
    outputFields: (t) => ({
      relation: t.field({ type: RelationRef, description: 'The relation after the change.', resolve: (p) => p.result }),
      changes: t.field({ type: [ChangeRef], description: CHANGES_DESCRIPTION, resolve: (p) => p.changes }),
    }),
  },
);

builder.relayMutationField(
  'deleteRelation',
  {
    description: 'The relation to delete, and the version it is deleted at.',
    inputFields: (t) => ({
      relationId: t.string({ required: true, description: '`relationId` of the relation to delete.' }),
      expectedVersion: t.int({ required: true, description: EXPECTED_VERSION_DESCRIPTION }),
    }),
  },
  {
    description: 'Staff (editor): deletes a relation, recorded; `restoreRelation` brings it back.',
    authScopes: { editor: true },
    resolve: async (_root, { input }, ctx) => afterWrite(ctx, await deleteRelation(ctx.db, actor(ctx), input)),
  },
  {
    description: 'What deleteRelation did.',
    outputFields: (t) => ({
      deletedRelation: t.field({ type: RelationRef, description: 'The relation as it was.', resolve: (p) => p.result }),
      changes: t.field({ type: [ChangeRef], description: CHANGES_DESCRIPTION, resolve: (p) => p.changes }),
    }),
  },
);

builder.relayMutationField(
  'restoreRelation',
  {
    description: 'The relation to bring back.',
    inputFields: (t) => ({ relationId: t.string({ required: true, description: 'The `relationId` it had.' }) }),
  },
  {
    description:
      'Staff (editor): brings back a relation that no longer exists, as its history last recorded it. Its ends must exist.',
    authScopes: { editor: true },
    resolve: async (_root, { input }, ctx) => afterWrite(ctx, await restoreRelation(ctx.db, actor(ctx), input)),
  },
  {
    description: 'What restoreRelation did.',
    outputFields: (t) => ({
      relation: t.field({ type: RelationRef, description: 'The relation as brought back.', resolve: (p) => p.result }),
      changes: t.field({ type: [ChangeRef], description: CHANGES_DESCRIPTION, resolve: (p) => p.changes }),
    }),
  },
);
