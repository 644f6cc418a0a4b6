/**
 * The Entity interface, its four kinds, EntityConnection, and the `entity` and `search` queries.
 */
import type { Context } from '../../api/context.js';
import { entityWithRelationLists, searchEntities } from '../../api/data/entities.js';
import type { RelationListPlan } from '../../api/data/relation-lists.js';
import { orNull } from '../../api/errors.js';
import { primeRelationLists, relationsKey } from '../../api/loaders.js';
import type { EntityRefModel } from '../../api/model/models.js';
import type { EntityKind } from '../../api/model/vocabulary.js';
import { arg, paging, SlugArg, TextArg, toConnection } from '../args.js';
import { builder } from '../builder.js';
import { relationListPlan, relationListsSelectedOn } from '../relation-plan.js';
import { listNeeds, selectionTree } from '../selection.js';
import { entityField } from '../whole-entity.js';
import { EntityRef, EventRef, KIND_TYPENAMES, OrganisationRef, PersonRef, ProjectRef } from './refs.js';
import { RelationConnection } from './relation.js';
import { DateScalar, DirectionEnum, EntityKindEnum, RelationTypeEnum } from './scalars-and-enums.js';

export const EntityConnection = builder.connectionObject({ type: EntityRef, name: 'EntityConnection' });

EntityRef.implement({
  description: 'An organisation, project, person or event of the archipelago.',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (entity) => KIND_TYPENAMES[entity.kind],
  fields: (t) => ({
    id: t.globalID({ resolve: (e) => ({ type: KIND_TYPENAMES[e.kind], id: e.slug }) }),
    slug: t.exposeString('slug', { description: 'Stable identifier, e.g. "wikimedia-france".' }),
    name: t.exposeString('name', { description: 'Name as the report writes it.' }),
    kind: t.field({ type: EntityKindEnum, resolve: (e) => e.kind }),
    aliases: t.stringList({
      description: 'Other spellings the report uses.',
      resolve: (e, _args, ctx) => entityField(e, 'aliases', ctx),
    }),
    summary: t.string({ nullable: true, resolve: (e, _args, ctx) => entityField(e, 'summary', ctx) }),
    url: t.string({ nullable: true, resolve: (e, _args, ctx) => entityField(e, 'url', ctx) }),
    relations: t.field({
      type: RelationConnection,
      args: {
        types: t.arg({ type: [RelationTypeEnum] }),
        direction: t.arg({ type: DirectionEnum, defaultValue: 'BOTH' }),
        activeIn: t.arg.int(),
        first: t.arg.int(),
        after: t.arg.string(),
      },
      // The arguments are read from the selection, as the list around this one read them ahead.
      resolve: async (e, _args, ctx, info) =>
        toConnection(await ctx.loaders.relationsOf.load(relationsKey(e.slug, relationListPlan(info)))),
    }),
    neighbours: t.field({
      type: EntityConnection,
      description: 'Distinct entities related to this one, by name.',
      args: { types: t.arg({ type: [RelationTypeEnum] }), first: t.arg.int(), after: t.arg.string() },
      resolve: async (e, args, ctx, info) =>
        toConnection(
          await ctx.loaders.neighboursOf.load({
            slug: e.slug,
            types: args.types ?? null,
            ...paging(args),
            withTotal: listNeeds(info).totalCount,
          }),
        ),
    }),
  }),
});

/**
 * The entity and the relation lists selected on it, with their nested lists, in one round trip;
 * the lists are handed to the loader that their fields ask.
 */
async function readEntityWithLists(ctx: Context, slug: string, lists: RelationListPlan[]) {
  const { entity, pages, nestedPages } = await entityWithRelationLists(ctx.db, slug, lists);
  if (!entity) return null;
  ctx.loaders.entity.prime(slug, entity);
  primeRelationLists(ctx.loaders, [...lists.map((plan, i) => ({ slug, plan, page: pages[i]! })), ...nestedPages]);
  return entity;
}

/** What the four kind-specific types share: each is a Relay node whose local id is the slug. */
function kindNode(kind: EntityKind) {
  return {
    interfaces: [EntityRef],
    isTypeOf: (value: unknown) => (value as EntityRefModel).kind === kind,
    id: { resolve: (e: EntityRefModel) => e.slug },
    loadMany: async (slugs: string[], ctx: Context) =>
      (await ctx.loaders.entity.loadMany(slugs)).map(orNull).map((e) => (e?.kind === kind ? e : null)),
  };
}

builder.node(OrganisationRef, {
  ...kindNode('ORGANISATION'),
  description: 'An association, collective, company, foundation, public body, university, media…',
  fields: (t) => ({
    category: t.string({
      nullable: true,
      description: 'association, collective, company, foundation, public-body, university, media, …',
      resolve: (e, _args, ctx) => entityField(e, 'category', ctx),
    }),
    location: t.string({
      nullable: true,
      description: 'Where the report places it (e.g. Québec, Belgique).',
      resolve: (e, _args, ctx) => entityField(e, 'location', ctx),
    }),
  }),
});
builder.node(ProjectRef, {
  ...kindNode('PROJECT'),
  description: 'A software, online service, book, guide, course, campaign…',
  fields: (t) => ({
    category: t.string({
      nullable: true,
      description: 'software, online-service, book, guide, course, campaign, …',
      resolve: (e, _args, ctx) => entityField(e, 'category', ctx),
    }),
  }),
});
builder.node(PersonRef, {
  ...kindNode('PERSON'),
  description: 'A person named in the report (staff, volunteer, contractor, author, speaker…).',
  fields: () => ({}),
});
builder.node(EventRef, {
  ...kindNode('EVENT'),
  description: 'A public intervention or gathering.',
  fields: (t) => ({
    date: t.field({
      type: DateScalar,
      resolve: (e, _args, ctx) => {
        const date = entityField(e, 'date', ctx);
        return date instanceof Promise ? date.then((d) => d ?? '') : (date ?? '');
      },
    }),
    place: t.string({ nullable: true, resolve: (e, _args, ctx) => entityField(e, 'place', ctx) }),
    format: t.string({
      nullable: true,
      description: 'As the report says: conférence, table ronde, atelier, …',
      resolve: (e, _args, ctx) => entityField(e, 'format', ctx),
    }),
  }),
});

builder.queryFields((t) => ({
  entity: t.field({
    type: EntityRef,
    nullable: true,
    description: 'The entity with this slug, or null.',
    args: { slug: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx, info) => {
      const slug = arg('slug', SlugArg, args.slug)!;
      const lists = relationListsSelectedOn(selectionTree(info));
      if (lists.length > 0) return readEntityWithLists(ctx, slug, lists);
      const [entity] = await ctx.loaders.entity.loadMany([slug]);
      return entity === undefined ? null : orNull(entity);
    },
  }),
  search: t.field({
    type: EntityConnection,
    description:
      'Full-text search on names, aliases and summaries; case- and accent-insensitive, prefix-matching, exact names first.',
    args: {
      text: t.arg.string({ required: true }),
      kinds: t.arg({ type: [EntityKindEnum] }),
      first: t.arg.int(),
      after: t.arg.string(),
    },
    resolve: async (_root, args, ctx, info) => {
      const text = arg('text', TextArg, args.text)!;
      const page = await searchEntities(ctx.db, {
        text,
        kinds: args.kinds ?? null,
        ...paging(args),
        withTotal: listNeeds(info).totalCount,
      });
      return toConnection(page);
    },
  }),
}));
