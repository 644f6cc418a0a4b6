/**
 * The Pothos builder: context, scalars, auth scopes and plugins. It defines no types; each type
 * lives in its own file under `schema/types/`.
 *
 * Auth scopes: reads are `public`; staff fields and mutations declare `editor` (any staff member)
 * or `admin` on the field itself, and scope-auth refuses them before their resolver runs.
 */
import SchemaBuilder from '@pothos/core';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { invalidArgument } from '../api/core/errors.js';
import { KIND_LABELS } from '../model/vocabulary.js';
import { authorizationError } from './auth.js';
import type { Context } from './context.js';

/** The types whose objects have global ids: the four kinds of entity (named as their labels) and relations. */
const NODE_TYPENAMES = new Set<string>([...Object.values(KIND_LABELS), 'Relation']);

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: {
    Date: { Input: string; Output: string };
    ID: { Input: string; Output: string };
  };
  // null when the client did not select totalCount: the list was then not counted.
  Connection: { totalCount: number | null };
  AuthScopes: { public: boolean; editor: boolean; admin: boolean };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  // Fields are non-null unless they say otherwise, as in the published contract.
  defaultFieldNullability: false,
  // Scope-auth first, so that no other plugin's wrapper runs before a refused field is refused.
  plugins: [ScopeAuthPlugin, RelayPlugin],
  scopeAuth: {
    authScopes: (ctx) => ({
      public: true,
      editor: ctx.viewer !== null,
      admin: ctx.viewer?.role === 'admin',
    }),
    unauthorizedError: (_parent, ctx, info, result) => authorizationError(ctx.viewer, info, result.failure),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Descriptions of the types and fields the plugin generates (Node, PageInfo, edges, node(s)).
    nodeTypeOptions: {
      description: 'An object that can be read again from its global `id` alone, with `node(id:)` (Relay).',
    },
    idFieldOptions: {
      description: 'Global id (Relay): opaque, stable, unique across types. Read the object again with `node(id:)`.',
    },
    nodeQueryOptions: {
      description:
        'The object with this global id, whatever its type, or null when none has it (any more). ' +
        'E.g. `node(id: $id) { ... on Relation { type from { name } } }`.',
      args: { id: { description: 'A global `id` returned by this API (INVALID_ARGUMENT when malformed).' } },
    },
    nodesQueryOptions: {
      description: 'The objects with these global ids, in the same order; null in the place of an id none has.',
      args: { ids: { description: 'Global `id`s returned by this API.' } },
    },
    pageInfoTypeOptions: { description: 'Where a page sits in its list, and the cursors to read on.' },
    hasNextPageFieldOptions: { description: 'True when items follow: read them with `after: endCursor`.' },
    hasPreviousPageFieldOptions: { description: 'True when items come before this page (it was read with `after`).' },
    startCursorFieldOptions: { description: "The page's first cursor; null when the page is empty." },
    endCursorFieldOptions: {
      description: "The page's last cursor, to give as `after` for the next page; null when the page is empty.",
    },
    pageInfoFieldOptions: { description: 'Whether more items follow, and the cursor to read them.' },
    edgesFieldOptions: { nullable: false, description: 'The items of this page, in order, each with its cursor.' },
    nodeFieldOptions: { nullable: false, description: 'The item.' },
    cursorFieldOptions: { description: "The item's place in its list: give it as `after` to read the items after it." },
    mutationInputArgOptions: { description: 'Everything the mutation needs, in one object.' },
    // A malformed id, or one naming a type that has no ids, is the client's mistake: INVALID_ARGUMENT
    // with the id, like every bad argument (the plugin would fail on an unknown type as an internal error).
    decodeGlobalID: (globalID) => {
      const refused = () =>
        invalidArgument('id', `not an id returned by this API (got ${JSON.stringify(globalID.slice(0, 100))})`);
      let decoded: { typename: string; id: string };
      try {
        decoded = decodeGlobalID(globalID);
      } catch {
        throw refused();
      }
      if (!NODE_TYPENAMES.has(decoded.typename)) throw refused();
      return decoded;
    },
  },
});

builder.queryType({ description: "Read access to Framasoft's archipelago (public)." });
builder.mutationType({ description: 'Staff editing: every mutation needs a staff bearer token and is recorded.' });
