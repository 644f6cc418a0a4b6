/**
 * The map's one-request view: `graph` returns the entities and relations to draw.
 */

import { apiError, notFound } from '../../api/core/errors.js';
import { graphView } from '../../api/db/graph-views.js';
import type { EntityModel, PartialEntity, PartialRelation, RelationModel } from '../../model/models.js';
import {
  ACTIVE_IN_DESCRIPTION,
  arg,
  ENDED_IN_DESCRIPTION,
  intBetween,
  SlugArg,
  STARTED_IN_DESCRIPTION,
  YearArg,
} from '../args.js';
import { builder } from '../builder.js';
import { primeEntities } from '../read-ahead/index.js';
import { fieldsSelectedAt } from '../read-ahead/selection.js';
import { EntityRef, RelationRef } from './refs.js';
import { EntityKindEnum, RelationTypeEnum } from './scalars-and-enums.js';

const GraphRef = builder
  .objectRef<{ nodes: (EntityModel | PartialEntity)[]; edges: (RelationModel | PartialRelation)[] }>('Graph')
  .implement({
    description: 'Entities and the relations among them, ready to draw.',
    fields: (t) => ({
      nodes: t.field({
        type: [EntityRef],
        description:
          'The entities to draw, each once: the ends of `edges`, the software their HOSTING relations name, and with ' +
          '`focus` every entity within `depth` hops of it.',
        resolve: (g) => g.nodes,
      }),
      edges: t.field({
        type: [RelationRef],
        description: 'The relations to draw; both ends of each are in `nodes`.',
        resolve: (g) => g.edges,
      }),
    }),
  });

const DepthArg = intBetween(1, 3);

builder.queryField('graph', (t) =>
  t.field({
    type: GraphRef,
    description:
      'Everything the map needs in one request. Without focus: every relation matching the filters, with its ends. ' +
      'With focus: the entities within depth hops of it (default 2, at most 3) and the relations among them.',
    args: {
      types: t.arg({ type: [RelationTypeEnum], description: 'Only relations of these types.' }),
      kinds: t.arg({
        type: [EntityKindEnum],
        description: 'Only relations with at least one end of these kinds (the other end is drawn too).',
      }),
      activeIn: t.arg.int({ description: ACTIVE_IN_DESCRIPTION }),
      startedIn: t.arg.int({ description: STARTED_IN_DESCRIPTION }),
      endedIn: t.arg.int({ description: ENDED_IN_DESCRIPTION }),
      focus: t.arg.string({ description: 'Slug of the entity to centre the view on.' }),
      depth: t.arg.int({ description: 'With focus: how many hops around it, 1 to 3 (default 2).' }),
    },
    resolve: async (_root, args, ctx, info) => {
      const focus = arg('focus', SlugArg, args.focus);
      const depth = arg('depth', DepthArg, args.depth) ?? 2;
      const result = await graphView(ctx.db, {
        types: args.types ?? null,
        kinds: args.kinds ?? null,
        activeIn: arg('activeIn', YearArg, args.activeIn),
        startedIn: arg('startedIn', YearArg, args.startedIn),
        endedIn: arg('endedIn', YearArg, args.endedIn),
        focus,
        depth,
        maxNodes: ctx.maxGraphNodes,
        maxRelations: ctx.maxGraphRelations,
        // Only what the client selected of the relations, their sources included (else each edge
        // would load its whole relation again for them).
        edgeSelection: {
          fields: fieldsSelectedAt(info, ['edges']),
          sectionsOnly: fieldsSelectedAt(info, ['edges', 'sources']).every((name) => name === 'section'),
        },
      });
      if (result.status === 'unknown-focus') throw notFound(`Entity "${focus}"`);
      if (result.status === 'too-large') {
        const [limit, max, what] =
          result.limit === 'nodes'
            ? ['maxGraphNodes', ctx.maxGraphNodes, 'entities']
            : ['maxGraphRelations', ctx.maxGraphRelations, 'relations'];
        // Counting stops at the bound (counting 100,000 entities only to refuse them is the cost avoided).
        throw apiError(
          'GRAPH_TOO_LARGE',
          `This view has more than ${max} ${what}, the most one request may return: ` +
            'narrow it with focus (and depth), types, kinds or activeIn.',
          { limit, max },
        );
      }
      primeEntities(ctx.loaders, result.software);
      return result;
    },
  }),
);
