/**
 * Relation, Source, RelationConnection, and the `relations` and `path` queries.
 */

import { apiError, invalidArgument, notFound, orNull } from '../../api/core/errors.js';
import { MAX_PATH_LENGTH, shortestPaths } from '../../api/db/graph-views.js';
import { findRelations, softwareExists, unknownSlugs } from '../../api/db/relations.js';
import type { RelationKey, RelationModel } from '../../model/models.js';
import { RELATION_TYPE_NAMES, type RelationType } from '../../model/vocabulary.js';
import {
  ACTIVE_IN_DESCRIPTION,
  AFTER_DESCRIPTION,
  arg,
  ENDED_IN_DESCRIPTION,
  intBetween,
  PAGE_SIZE_DESCRIPTION,
  SlugArg,
  STARTED_IN_DESCRIPTION,
  TextArg,
  toConnection,
} from '../args.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { planFromInfo, primeEntities, primeFromResult } from '../read-ahead/index.js';
import { EntityRef, RelationRef } from './refs.js';
import { RELATION_FIELD_DESCRIPTIONS, relationTableFields, SOURCE_FIELDS } from './relation-fields.js';
import { RelationOrderInput, RelationTypeEnum } from './scalars-and-enums.js';

/**
 * What a relation's fields mean, on `Relation` and on the mutation inputs that set them: its type,
 * then the relation table's fields. What a given type puts in them is in its RelationType
 * description (model/vocabulary.ts).
 */
export const RELATION_FIELDS = {
  type: 'What the relation means, read from `from` to `to` (FUNDING: `from` funds `to`).',
  ...RELATION_FIELD_DESCRIPTIONS,
};
export { SOURCE_FIELDS };

/** The local part of a Relation's global id: `TYPE:dataset-id`, so the type picks the index. */
function parseRelationKey(id: string): RelationKey {
  const separator = id.indexOf(':');
  const type = id.slice(0, separator) as RelationType;
  if (separator < 0 || !RELATION_TYPE_NAMES.includes(type)) throw invalidArgument('id', 'not a Relation id');
  return { type, id: id.slice(separator + 1) };
}

const MaxLengthArg = intBetween(1, MAX_PATH_LENGTH);
const PathCountArg = intBetween(1, 20);

const PathRef = builder.objectRef<{ relations: RelationModel[] }>('Path').implement({
  description: 'A chain of relations from one entity to another, in order.',
  fields: (t) => ({
    length: t.int({ description: 'Number of relations in the chain.', resolve: (p) => p.relations.length }),
    relations: t.field({
      type: [RelationRef],
      description: 'The steps, from the first entity to the second.',
      resolve: (p) => p.relations,
    }),
  }),
});
const DEFAULT_PATH_LENGTH = 4;

/** The arguments `path` and `paths` share. */
function pathArgs(t: Parameters<Parameters<typeof builder.queryFields>[0]>[0]) {
  return {
    from: t.arg.string({ required: true, description: 'Slug of the first entity.' }),
    to: t.arg.string({ required: true, description: 'Slug of the second entity.' }),
    maxLength: t.arg.int({
      defaultValue: DEFAULT_PATH_LENGTH,
      description: `Longest chain to look for, 1 to ${MAX_PATH_LENGTH} relations.`,
    }),
    avoid: t.arg.stringList({
      description:
        'Slugs of entities the chain must not pass through, e.g. ["framasoft"] to see how partners relate without the hub.',
    }),
  };
}

/** Validates the path arguments and reads the chains; NOT_FOUND names the slugs that match no entity. */
async function findPaths(
  ctx: Context,
  args: {
    from: string;
    to: string;
    maxLength?: number | null;
    avoid?: readonly string[] | null;
    first?: number | null;
  },
) {
  const from = arg('from', SlugArg, args.from)!;
  const to = arg('to', SlugArg, args.to)!;
  const maxLength = arg('maxLength', MaxLengthArg, args.maxLength) ?? DEFAULT_PATH_LENGTH;
  const avoid = (args.avoid ?? []).map((slug) => arg('avoid', SlugArg, slug)!);
  const limit = arg('first', PathCountArg, args.first) ?? 5;
  const result = await shortestPaths(ctx.db, { from, to, maxLength, avoid, limit });
  if (result.status === 'unknown') throw notFound(`Entity ${result.slugs.map((s) => `"${s}"`).join(' and ')}`);
  if (result.status === 'found') primeEntities(ctx.loaders, result.software);
  return result;
}

builder.node(RelationRef, {
  description: 'A typed, directed, dated relation between two entities, with its sources in the report.',
  id: { resolve: (r) => `${r.type}:${r.id}`, parse: (id) => id },
  loadMany: async (ids, ctx) => (await ctx.loaders.relation.loadMany(ids.map(parseRelationKey))).map(orNull),
  fields: (t) => ({
    relationId: t.exposeString('id', { description: 'Stable id of the relation in the dataset (seed files).' }),
    type: t.field({ type: RelationTypeEnum, description: RELATION_FIELDS.type, resolve: (r) => r.type }),
    from: t.field({
      type: EntityRef,
      description: 'The source entity: the one that funds, hosts, works for, …',
      resolve: (r, _args, ctx) => r.ends?.from ?? ctx.loaders.entity.load(r.from),
    }),
    to: t.field({
      type: EntityRef,
      description: 'The target entity.',
      resolve: (r, _args, ctx) => r.ends?.to ?? ctx.loaders.entity.load(r.to),
    }),
    ...relationTableFields(t),
  }),
});

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    nullable: false,
    description: 'Number of items across all pages.',
    resolve: (parent) => {
      // Lists count only when totalCount is selected (schema/read-ahead/selection.ts), so this cannot be null.
      if (parent.totalCount === null) throw new Error('totalCount was selected but the list was not counted');
      return parent.totalCount;
    },
  }),
);

export const RelationConnection = builder.connectionObject(
  { type: RelationRef, name: 'RelationConnection', description: 'A page of relations.' },
  { description: 'A relation in a page, with its cursor.' },
);

builder.queryFields((t) => ({
  relations: t.field({
    type: RelationConnection,
    description:
      'Relations matching every given filter. "Who do we host a PeerTube instance for?": `relations(types: [HOSTING], from: "framasoft", software: "peertube")`.',
    args: {
      types: t.arg({ type: [RelationTypeEnum], description: 'Only relations of these types.' }),
      from: t.arg.string({ description: 'Slug of the source entity.' }),
      to: t.arg.string({ description: 'Slug of the target entity.' }),
      software: t.arg.string({ description: 'HOSTING: slug or name of the hosted software.' }),
      activeIn: t.arg.int({ description: ACTIVE_IN_DESCRIPTION }),
      startedIn: t.arg.int({ description: STARTED_IN_DESCRIPTION }),
      endedIn: t.arg.int({ description: ENDED_IN_DESCRIPTION }),
      orderBy: t.arg({ type: RelationOrderInput, description: 'Sort order (default: by type, then start date).' }),
      first: t.arg.int({ description: PAGE_SIZE_DESCRIPTION }),
      after: t.arg.string({ description: AFTER_DESCRIPTION }),
    },
    resolve: async (_root, args, ctx, info) => {
      const from = arg('from', SlugArg, args.from);
      const to = arg('to', SlugArg, args.to);
      const software = arg('software', TextArg, args.software);
      // The other arguments as a relation list's, with the lists selected on the relations' ends.
      const plan = planFromInfo(info, args);
      const filter = {
        types: plan.types,
        from,
        to,
        software,
        activeIn: plan.activeIn,
        startedIn: plan.startedIn,
        endedIn: plan.endedIn,
        order: plan.order,
        offset: plan.offset,
        limit: plan.limit,
        needs: plan.needs,
        nested: plan.nested,
      };
      const result = await findRelations(ctx.db, filter);
      primeFromResult(ctx.loaders, result);
      const { page } = result;
      if (page.items.length === 0 && !page.totalCount) await explainEmpty(ctx.db, filter);
      return toConnection(page);
    },
  }),
  path: t.field({
    type: [RelationRef],
    nullable: true,
    description:
      'How two entities are connected: the shortest chain of relations between them, in either direction. ' +
      'null (not an error) when no chain exists within maxLength; [] when from and to are the same entity. ' +
      'When several chains tie, the first of `paths` is returned. ' +
      'Example: `path(from: "picasoft", to: "wikimedia-france", avoid: ["framasoft"])`.',
    args: pathArgs(t),
    resolve: async (_root, args, ctx) => {
      const result = await findPaths(ctx, { ...args, first: 1 });
      return result.status === 'found' ? (result.paths[0] ?? null) : null;
    },
  }),
  paths: t.field({
    type: [PathRef],
    description:
      'Every shortest chain of relations between two entities when several tie (at most `first`, default 5, up to 20), ' +
      'in a stable order; [] when no chain exists within maxLength, one chain of length 0 for the same entity.',
    args: { ...pathArgs(t), first: t.arg.int({ defaultValue: 5, description: 'How many tied chains, 1 to 20.' }) },
    resolve: async (_root, args, ctx) => {
      const result = await findPaths(ctx, args);
      return result.status === 'found' ? result.paths.map((relations) => ({ relations })) : [];
    },
  }),
}));

/** An empty answer because of a typo deserves an error that says so, not a silent empty list. */
async function explainEmpty(
  db: Parameters<typeof findRelations>[0],
  filter: { from: string | null; to: string | null; software: string | null },
) {
  const slugs = [filter.from, filter.to].filter((s): s is string => s !== null);
  const unknown = slugs.length ? await unknownSlugs(db, slugs) : [];
  if (unknown.length) throw notFound(`Entity ${unknown.map((s) => `"${s}"`).join(' and ')}`);
  if (filter.software && !(await softwareExists(db, filter.software))) {
    throw apiError(
      'NOT_FOUND',
      `Software "${filter.software}" was not found (give a project slug such as "peertube" or its name)`,
    );
  }
}
