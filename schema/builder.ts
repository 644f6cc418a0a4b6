/**
 * The Pothos builder: context, scalars, auth scopes and plugins. It defines no types; each type
 * lives in its own file under `schema/types/`.
 *
 * Auth scopes: reads are `public`; staff fields and mutations declare `editor` (any staff member)
 * or `admin` on the field itself, and scope-auth refuses them before their resolver runs.
 */
import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { authorizationError } from '../api/auth.js';
import type { Context } from '../api/context.js';

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
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
  },
});

builder.queryType({ description: "Read access to Framasoft's archipelago (public)." });
builder.mutationType({ description: 'Staff editing: every mutation needs a staff bearer token and is recorded.' });
