/**
 * The Entity interface, its four kinds, EntityConnection, and the `entity` and `search` queries.
 */

import { orNull } from '../../api/core/errors.js';
import { type EntityOrderField, listEntities, searchEntities } from '../../api/db/entities.js';
import { entityWithRelationLists } from '../../api/db/relation-lists.js';
import type { RelationGroupPage } from '../../api/db/relations.js';
import type { EntityModel, PartialEntity } from '../../model/models.js';
import { type EntityKind, KIND_LABELS, ORGANISATION_CATEGORIES, PROJECT_CATEGORIES } from '../../model/vocabulary.js';
import {
  ACTIVE_IN_DESCRIPTION,
  AFTER_DESCRIPTION,
  arg,
  ENDED_IN_DESCRIPTION,
  intBetween,
  MAX_PAGE_SIZE,
  MAX_TEXT_LENGTH,
  PAGE_SIZE_DESCRIPTION,
  paging,
  SlugArg,
  STARTED_IN_DESCRIPTION,
  TextArg,
  toConnection,
  YearArg,
} from '../args.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { planFromInfo, primeFromResult } from '../read-ahead/index.js';
import { listNeeds } from '../read-ahead/selection.js';
import { entityField } from '../whole-entity.js';
import { EntityRef, EventRef, OrganisationRef, PersonRef, ProjectRef } from './refs.js';
import { RelationConnection } from './relation.js';
import {
  DateScalar,
  DirectionEnum,
  ENTITY_KIND_DESCRIPTIONS,
  EntityKindEnum,
  OrderDirectionEnum,
  RelationOrderInput,
  RelationTypeEnum,
} from './scalars-and-enums.js';

/** A resolver reading one field of an entity: from what a list fetched, or from the whole entity. */
const read =
  <K extends keyof EntityModel>(key: K) =>
  (e: EntityModel | PartialEntity, _args: object, ctx: Context) =>
    entityField(e, key, ctx);

export const EntityConnection = builder.connectionObject(
  { type: EntityRef, name: 'EntityConnection', description: 'A page of entities.' },
  { description: 'An entity in a page, with its cursor.' },
);

/** What an entity's fields mean, on the entity types and on the mutation inputs that set them. */
export const ENTITY_FIELDS = {
  slug: 'Stable identifier: lowercase ASCII words joined by "-", e.g. "wikimedia-france".',
  name: 'Name as the report writes it.',
  aliases: 'Other spellings the report uses.',
  summary: 'What it is, in a sentence or two, in French as in the report.',
  url: 'Its website, an absolute URL, e.g. "https://librecours.net/".',
  organisationCategory: `One of ${ORGANISATION_CATEGORIES.join(', ')}.`,
  projectCategory: `One of ${PROJECT_CATEGORIES.join(', ')}.`,
  location: 'Where the report places it, e.g. "Québec", "Belgique".',
  date: 'When it took place, e.g. "2020-10-27".',
  place: 'Where it took place, e.g. "Lyon", "En ligne".',
  format: 'As the report says: conférence, table ronde, atelier, …',
};

const GroupSizeArg = intBetween(1, MAX_PAGE_SIZE);

const RelationGroupRef = builder.objectRef<RelationGroupPage>('RelationGroup').implement({
  description: "One type of an entity's relations: how many there are, and the first page of them.",
  fields: (t) => ({
    type: t.field({
      type: RelationTypeEnum,
      description: 'The type of the relations in this group.',
      resolve: (g) => g.type,
    }),
    totalCount: t.int({ description: 'Relations of this type (all pages).', resolve: (g) => g.page.totalCount ?? 0 }),
    relations: t.field({
      type: RelationConnection,
      description: 'The first page; `pageInfo.hasNextPage` says whether more follow.',
      resolve: (g) => toConnection(g.page),
    }),
  }),
});

const EntityOrderInput = builder.inputType('EntityOrder', {
  description: 'How to sort entities, e.g. `{ field: RELATIONS, direction: DESC }`.',
  fields: (t) => ({
    field: t.field({
      type: builder.enumType('EntityOrderField', {
        description: 'What entities are sorted by.',
        values: {
          NAME: { description: 'Name (accents and case ignored).' },
          RELATIONS: { description: 'Number of relations, then name.' },
        } satisfies Record<EntityOrderField, { description: string }>,
      }),
      required: true,
      description: 'What to sort by.',
    }),
    direction: t.field({ type: OrderDirectionEnum, defaultValue: 'ASC', description: 'Which way.' }),
  }),
});

EntityRef.implement({
  description: 'An organisation, project, person or event of the archipelago.',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (entity) => KIND_LABELS[entity.kind],
  fields: (t) => ({
    id: t.globalID({
      description: 'Global id (Relay), for `node(id:)`; `slug` is the readable identifier.',
      resolve: (e) => ({ type: KIND_LABELS[e.kind], id: e.slug }),
    }),
    slug: t.exposeString('slug', { description: ENTITY_FIELDS.slug }),
    name: t.exposeString('name', { description: ENTITY_FIELDS.name }),
    kind: t.field({ type: EntityKindEnum, description: 'What the entity is.', resolve: (e) => e.kind }),
    aliases: t.stringList({ description: ENTITY_FIELDS.aliases, resolve: read('aliases') }),
    summary: t.string({ nullable: true, description: ENTITY_FIELDS.summary, resolve: read('summary') }),
    url: t.string({ nullable: true, description: ENTITY_FIELDS.url, resolve: read('url') }),
    relations: t.field({
      type: RelationConnection,
      description:
        'Relations of this entity, in either direction unless `direction` says otherwise, with every filter applied; ' +
        '`totalCount` counts them all. E.g. `relations(types: [FUNDING], direction: INCOMING, orderBy: {field: AMOUNT, direction: DESC})`.',
      args: {
        types: t.arg({ type: [RelationTypeEnum], description: 'Only relations of these types.' }),
        direction: t.arg({ type: DirectionEnum, defaultValue: 'BOTH', description: 'Which relations to follow.' }),
        activeIn: t.arg.int({ description: ACTIVE_IN_DESCRIPTION }),
        startedIn: t.arg.int({ description: STARTED_IN_DESCRIPTION }),
        endedIn: t.arg.int({ description: ENDED_IN_DESCRIPTION }),
        otherKinds: t.arg({ type: [EntityKindEnum], description: 'Only relations whose other end is of these kinds.' }),
        otherCategories: t.arg.stringList({
          description: 'Only relations whose other end has one of these categories (e.g. "media", "software").',
        }),
        orderBy: t.arg({ type: RelationOrderInput, description: 'Sort order (default: by type, then start date).' }),
        first: t.arg.int({ description: PAGE_SIZE_DESCRIPTION }),
        after: t.arg.string({ description: AFTER_DESCRIPTION }),
      },
      // A page the list around this one read ahead is found under this key (schema/read-ahead).
      resolve: async (e, args, ctx, info) =>
        toConnection(await ctx.loaders.relationsOf.load({ slug: e.slug, plan: planFromInfo(info, args) })),
    }),
    relationGroups: t.field({
      type: [RelationGroupRef],
      description:
        "An entity page's relations, grouped by type (in the vocabulary's order): every type it has, each with its " +
        'count and first page, so that no type is left out however many relations the entity has. ' +
        "A group goes on with `relations(types: [TYPE], after: <the group's endCursor>)`, which lists it in the same order.",
      args: {
        activeIn: t.arg.int({ description: ACTIVE_IN_DESCRIPTION }),
        first: t.arg.int({
          defaultValue: 10,
          description: `Relations in each group's first page, 1 to ${MAX_PAGE_SIZE}.`,
        }),
      },
      resolve: async (e, args, ctx, info) => {
        const groups = await ctx.loaders.relationGroupsOf.load({
          slug: e.slug,
          activeIn: arg('activeIn', YearArg, args.activeIn),
          first: arg('first', GroupSizeArg, args.first) ?? 10,
          fields: listNeeds(info, ['relations']).fields,
        });
        return groups;
      },
    }),
    neighbours: t.field({
      type: EntityConnection,
      description: 'Distinct entities related to this one, by name.',
      args: {
        types: t.arg({ type: [RelationTypeEnum], description: 'Only neighbours through relations of these types.' }),
        first: t.arg.int({ description: PAGE_SIZE_DESCRIPTION }),
        after: t.arg.string({ description: AFTER_DESCRIPTION }),
      },
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

/** What the four kind-specific types share: each is a Relay node whose local id is the slug. */
function kindNode(kind: EntityKind) {
  return {
    interfaces: [EntityRef],
    isTypeOf: (value: unknown) => (value as EntityModel | PartialEntity).kind === kind,
    id: { resolve: (e: EntityModel | PartialEntity) => e.slug },
    loadMany: async (slugs: string[], ctx: Context) =>
      (await ctx.loaders.entity.loadMany(slugs)).map(orNull).map((e) => (e?.kind === kind ? e : null)),
  };
}

builder.node(OrganisationRef, {
  ...kindNode('ORGANISATION'),
  description: ENTITY_KIND_DESCRIPTIONS.ORGANISATION,
  fields: (t) => ({
    category: t.string({ nullable: true, description: ENTITY_FIELDS.organisationCategory, resolve: read('category') }),
    location: t.string({ nullable: true, description: ENTITY_FIELDS.location, resolve: read('location') }),
  }),
});
builder.node(ProjectRef, {
  ...kindNode('PROJECT'),
  description: ENTITY_KIND_DESCRIPTIONS.PROJECT,
  fields: (t) => ({
    hostedInstances: t.field({
      type: RelationConnection,
      description:
        'A software: the HOSTING relations that run it, i.e. who hosts an instance of it for whom, and since when. ' +
        'Empty for other projects. "Who do we host an Etherpad for?": `entity(slug: "etherpad") { ... on Project { hostedInstances { … } } }`.',
      args: {
        activeIn: t.arg.int({ description: ACTIVE_IN_DESCRIPTION }),
        first: t.arg.int({ description: PAGE_SIZE_DESCRIPTION }),
        after: t.arg.string({ description: AFTER_DESCRIPTION }),
      },
      resolve: async (e, args, ctx, info) =>
        toConnection(
          await ctx.loaders.instancesOf.load({
            slug: e.slug,
            activeIn: arg('activeIn', YearArg, args.activeIn),
            ...paging(args),
            withTotal: listNeeds(info).totalCount,
          }),
        ),
    }),
    category: t.string({ nullable: true, description: ENTITY_FIELDS.projectCategory, resolve: read('category') }),
  }),
});
builder.node(PersonRef, {
  ...kindNode('PERSON'),
  description: ENTITY_KIND_DESCRIPTIONS.PERSON,
  fields: () => ({}),
});
builder.node(EventRef, {
  ...kindNode('EVENT'),
  description: ENTITY_KIND_DESCRIPTIONS.EVENT,
  fields: (t) => ({
    date: t.field({
      type: DateScalar,
      description: ENTITY_FIELDS.date,
      resolve: (e, _args, ctx) => {
        const date = entityField(e, 'date', ctx);
        return date instanceof Promise ? date.then((d) => d ?? '') : (date ?? '');
      },
    }),
    place: t.string({ nullable: true, description: ENTITY_FIELDS.place, resolve: read('place') }),
    format: t.string({ nullable: true, description: ENTITY_FIELDS.format, resolve: read('format') }),
  }),
});

builder.queryFields((t) => ({
  entity: t.field({
    type: EntityRef,
    nullable: true,
    description: 'The entity with this slug, or null.',
    args: { slug: t.arg.string({ required: true, description: 'Slug of the entity, e.g. "framasoft".' }) },
    resolve: async (_root, args, ctx, info) => {
      const slug = arg('slug', SlugArg, args.slug)!;
      const lists = planFromInfo(info);
      if (lists.length > 0) {
        // The entity and the lists selected on it (with theirs), in one round trip.
        const result = await entityWithRelationLists(ctx.db, slug, lists);
        primeFromResult(ctx.loaders, result);
        return result.entity;
      }
      const [entity] = await ctx.loaders.entity.loadMany([slug]);
      return entity === undefined ? null : orNull(entity);
    },
  }),
  entities: t.field({
    type: EntityConnection,
    description:
      'Every entity, by kind and category, sorted by name (default) or by number of relations. ' +
      'E.g. the media: `entities(kinds: [ORGANISATION], categories: ["media"])`; the most connected: ' +
      '`entities(orderBy: {field: RELATIONS, direction: DESC})`.',
    args: {
      kinds: t.arg({ type: [EntityKindEnum], description: 'Only entities of these kinds.' }),
      categories: t.arg.stringList({ description: 'Only entities of these categories (organisations and projects).' }),
      orderBy: t.arg({ type: EntityOrderInput, description: 'Sort order (default: by name).' }),
      first: t.arg.int({ description: PAGE_SIZE_DESCRIPTION }),
      after: t.arg.string({ description: AFTER_DESCRIPTION }),
    },
    resolve: async (_root, args, ctx, info) => {
      const page = await listEntities(ctx.db, {
        kinds: args.kinds?.length ? args.kinds : null,
        categories: args.categories?.length ? args.categories : null,
        order: { field: args.orderBy?.field ?? 'NAME', descending: args.orderBy?.direction === 'DESC' },
        ...paging(args),
        withTotal: listNeeds(info).totalCount,
      });
      return toConnection(page);
    },
  }),
  search: t.field({
    type: EntityConnection,
    description:
      'Full-text search on names, aliases and summaries; case- and accent-insensitive, prefix-matching, exact names first.',
    args: {
      text: t.arg.string({
        required: true,
        description: `What to look for, 1 to ${MAX_TEXT_LENGTH} characters, e.g. \`search(text: "cemea")\`.`,
      }),
      kinds: t.arg({ type: [EntityKindEnum], description: 'Only entities of these kinds.' }),
      first: t.arg.int({ description: PAGE_SIZE_DESCRIPTION }),
      after: t.arg.string({ description: AFTER_DESCRIPTION }),
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
