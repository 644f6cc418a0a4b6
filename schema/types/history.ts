/**
 * What only staff read: the change history (`Change`, the `history` query) and the staff fields of
 * entities and relations (`internalNotes`), plus the public `version` that updates are based on.
 * Every rule is a scope on the field: a public caller gets UNAUTHENTICATED and no data.
 */

import { invalidArgument } from '../../api/core/errors.js';
import type { ChangeModel } from '../../api/db/history.js';
import { historyOf } from '../../api/db/history.js';
import type { CHANGE_ACTIONS, CHANGE_TARGETS } from '../../model/seed-format.js';
import { AFTER_DESCRIPTION, arg, PAGE_SIZE_DESCRIPTION, paging, SlugArg, toConnection } from '../args.js';
import { builder } from '../builder.js';
import { wholeEntity } from '../whole-entity.js';
import { relationField } from '../whole-relation.js';
import { EntityRef, RelationRef } from './refs.js';

export const ChangeActionEnum = builder.enumType('ChangeAction', {
  description: 'What a staff mutation did to an entity or relation.',
  values: {
    CREATE: { description: 'Created by createEntity or createRelation.' },
    UPDATE: { description: 'Changed by updateEntity or updateRelation.' },
    DELETE: { description: 'Deleted by deleteEntity (an entity and each of its relations) or deleteRelation.' },
    MERGE: {
      description:
        'Changed by mergeEntities: the survivor, the absorbed entity (deleted), each relation moved to the survivor ' +
        'or deleted because it joined the two.',
    },
    RESTORE: { description: 'Brought back by restoreEntity (an entity and each of its relations) or restoreRelation.' },
  } satisfies Record<(typeof CHANGE_ACTIONS)[number], { description: string }>,
});

export const ChangeTargetEnum = builder.enumType('ChangeTarget', {
  description: 'What a change is about.',
  values: {
    ENTITY: { description: 'An entity: `targetId` is its slug.' },
    RELATION: { description: 'A relation: `targetId` is its `relationId`.' },
  } satisfies Record<(typeof CHANGE_TARGETS)[number], { description: string }>,
});

/** The staff fields of entities and relations, described once for both and for the mutation inputs. */
export const VERSION_DESCRIPTION = 'Incremented by every change; give it back as `expectedVersion` when updating.';
export const EXPECTED_VERSION_DESCRIPTION =
  'The `version` the change is based on; CONFLICT when it is no longer the current one.';
export const INTERNAL_NOTES_DESCRIPTION = 'Staff only: notes never shown to the public.';

export const ChangeRef = builder.objectRef<ChangeModel>('Change').implement({
  description:
    'One recorded change (staff only): who, when, and the entity or relation before and after, as JSON in the seed format.',
  authScopes: { editor: true },
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Id of this change record.' }),
    operationId: t.exposeString('operation', {
      description: 'Shared by every change one mutation made (a merge or a deletion changes several things).',
    }),
    at: t.exposeString('at', { description: 'When, as an ISO 8601 instant (UTC).' }),
    actor: t.exposeString('actor', { description: 'The staff member (name from STAFF_TOKENS).' }),
    action: t.field({ type: ChangeActionEnum, description: 'What was done.', resolve: (c) => c.action }),
    targetKind: t.field({
      type: ChangeTargetEnum,
      description: 'Whether the target is an entity or a relation.',
      resolve: (c) => c.targetKind,
    }),
    targetId: t.exposeString('targetId', { description: 'Slug of the entity, or relationId of the relation.' }),
    before: t.exposeString('before', {
      nullable: true,
      description:
        'JSON of the target before the change (seed format, with version and origin); null when it did not exist ' +
        '(CREATE, RESTORE).',
    }),
    after: t.exposeString('after', {
      nullable: true,
      description: 'JSON after the change; null when the target was deleted (DELETE, and MERGE of what it deleted).',
    }),
  }),
});

export const ChangeConnection = builder.connectionObject(
  { type: ChangeRef, name: 'ChangeConnection', description: 'A page of changes.' },
  { description: 'A change in a page, with its cursor.' },
);

builder.queryField('history', (t) =>
  t.field({
    type: ChangeConnection,
    description:
      'Staff only. The recorded changes of one entity (`slug`) or one relation (`relationId`), newest first; ' +
      'also for entities and relations that no longer exist.',
    authScopes: { editor: true },
    args: {
      slug: t.arg.string({ description: 'Slug of the entity; give either this or `relationId`.' }),
      relationId: t.arg.string({ description: '`relationId` of the relation; give either this or `slug`.' }),
      first: t.arg.int({ description: PAGE_SIZE_DESCRIPTION }),
      after: t.arg.string({ description: AFTER_DESCRIPTION }),
    },
    resolve: async (_root, args, ctx) => {
      if ((args.slug == null) === (args.relationId == null)) {
        throw invalidArgument('slug', 'give exactly one of "slug" and "relationId"');
      }
      const target = args.slug
        ? { kind: 'ENTITY' as const, id: arg('slug', SlugArg, args.slug)! }
        : { kind: 'RELATION' as const, id: args.relationId! };
      return toConnection(await historyOf(ctx.db, target, paging(args)));
    },
  }),
);

builder.interfaceFields(EntityRef, (t) => ({
  version: t.int({
    description: VERSION_DESCRIPTION,
    resolve: async (e, _args, ctx) => (await wholeEntity(e, ctx)).version,
  }),
  internalNotes: t.string({
    nullable: true,
    description: INTERNAL_NOTES_DESCRIPTION,
    authScopes: { editor: true },
    resolve: async (e, _args, ctx) => (await wholeEntity(e, ctx)).internalNotes,
  }),
}));

builder.objectFields(RelationRef, (t) => ({
  version: t.int({
    description: VERSION_DESCRIPTION,
    resolve: (r, _args, ctx) => relationField(r, 'version', ctx),
  }),
  internalNotes: t.string({
    nullable: true,
    description: INTERNAL_NOTES_DESCRIPTION,
    authScopes: { editor: true },
    resolve: (r, _args, ctx) => relationField(r, 'internalNotes', ctx),
  }),
}));
