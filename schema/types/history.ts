/**
 * What only staff read: the change history (`Change`, the `history` query) and the staff fields of
 * entities and relations (`internalNotes`), plus the public `version` that updates are based on.
 * Every rule is a scope on the field: a public caller gets UNAUTHENTICATED and no data.
 */

import type { ChangeModel } from '../../api/data/history.js';
import { historyOf } from '../../api/data/history.js';
import { staffFieldsOf } from '../../api/data/mapping.js';
import { invalidArgument } from '../../api/errors.js';
import { CHANGE_ACTIONS, CHANGE_TARGETS } from '../../api/model/seed-format.js';
import { arg, paging, SlugArg, toConnection } from '../args.js';
import { builder } from '../builder.js';
import { wholeEntity } from '../whole-entity.js';
import { relationField } from '../whole-relation.js';
import { EntityRef, RelationRef } from './refs.js';

export const ChangeActionEnum = builder.enumType('ChangeAction', {
  description: 'What a staff mutation did to an entity or relation.',
  values: CHANGE_ACTIONS,
});

export const ChangeTargetEnum = builder.enumType('ChangeTarget', {
  values: CHANGE_TARGETS,
});

export const ChangeRef = builder.objectRef<ChangeModel>('Change').implement({
  description:
    'One recorded change (staff only): who, when, and the entity or relation before and after, as JSON in the seed format.',
  authScopes: { editor: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    operationId: t.exposeString('operation', {
      description: 'Shared by every change one mutation made (a merge or a deletion changes several things).',
    }),
    at: t.exposeString('at', { description: 'When, as an ISO 8601 instant (UTC).' }),
    actor: t.exposeString('actor', { description: 'The staff member (name from STAFF_TOKENS).' }),
    action: t.field({ type: ChangeActionEnum, resolve: (c) => c.action }),
    targetKind: t.field({ type: ChangeTargetEnum, resolve: (c) => c.targetKind }),
    targetId: t.exposeString('targetId', { description: 'Slug of the entity, or id of the relation.' }),
    before: t.exposeString('before', {
      nullable: true,
      description: 'JSON of the target before the change (seed format, with version and origin); null for a creation.',
    }),
    after: t.exposeString('after', { nullable: true, description: 'JSON after the change; null for a deletion.' }),
  }),
});

export const ChangeConnection = builder.connectionObject({ type: ChangeRef, name: 'ChangeConnection' });

builder.queryField('history', (t) =>
  t.field({
    type: ChangeConnection,
    description:
      'Staff only. The recorded changes of one entity (`slug`) or one relation (`relationId`), newest first; ' +
      'also for entities and relations that no longer exist.',
    authScopes: { editor: true },
    args: {
      slug: t.arg.string(),
      relationId: t.arg.string(),
      first: t.arg.int(),
      after: t.arg.string(),
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
    description: 'Incremented by every change; give it back as `expectedVersion` when updating.',
    resolve: async (e, _args, ctx) => staffFieldsOf(await wholeEntity(e, ctx)).version,
  }),
  internalNotes: t.string({
    nullable: true,
    description: 'Staff only: notes never shown to the public.',
    authScopes: { editor: true },
    resolve: async (e, _args, ctx) => staffFieldsOf(await wholeEntity(e, ctx)).internalNotes,
  }),
}));

builder.objectFields(RelationRef, (t) => ({
  version: t.int({
    description: 'Incremented by every change; give it back as `expectedVersion` when updating.',
    resolve: (r, _args, ctx) => relationField(r, 'version', ctx),
  }),
  internalNotes: t.string({
    nullable: true,
    description: 'Staff only: notes never shown to the public.',
    authScopes: { editor: true },
    resolve: (r, _args, ctx) => relationField(r, 'internalNotes', ctx),
  }),
}));
