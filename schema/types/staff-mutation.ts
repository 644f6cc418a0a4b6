/**
 * The one way a staff mutation is declared (Relay style: one `input`, one payload). The helper
 * puts the role on the field as a scope (scope-auth refuses other callers before the resolver
 * runs), passes the edit the database and the caller's name, clears this request's loaders after
 * the write, and ends every payload with the `changes` the edit recorded.
 *
 * Usage:
 *   staffMutation('deleteRelation', 'editor', {
 *     does: 'deletes a relation.', input: 'The relation to delete.',
 *     inputFields: (t) => ({ relationId: t.string({ required: true }), expectedVersion: t.int({ required: true }) }),
 *     run: (db, actor, input) => deleteRelation(db, actor, input),
 *     payload: (t) => ({ deletedRelation: t.expose('result', { type: RelationRef }) }),
 *   });
 */
import type { FieldMap, InputFieldMap, InputShapeFromFields } from '@pothos/core';
import type { Database } from '../../api/db/database.js';
import type { Edited } from '../../api/db/edits/transaction.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { ChangeRef } from './history.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
/** The `t` of an input's fields, for helpers that build fields several inputs share. */
export type InputFieldBuilder = PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>;

export interface StaffMutationOptions<Fields extends InputFieldMap, Result> {
  /** What the mutation does, after "Staff (role): " in its description. */
  does: string;
  /** Description of its input type. */
  input: string;
  inputFields: (t: InputFieldBuilder) => Fields;
  /**
   * The edit (`api/db/edits/`), one transaction that returns its result and recorded changes;
   * `ctx` gives what else the edit checks against (the report).
   */
  run: (db: Database, actor: string, input: InputShapeFromFields<Fields>, ctx: Context) => Promise<Edited<Result>>;
  /** The payload's fields before `changes`; `p.result` is what the edit returned. */
  payload: (t: PothosSchemaTypes.ObjectFieldBuilder<Types, Edited<Result>>) => FieldMap;
}

/**
 * Registers `name` on Mutation, with its `<Name>Input` and `<Name>Payload` types, for callers with
 * the `scope` role: `editor` (any staff member) or `admin`.
 */
export function staffMutation<Fields extends InputFieldMap, Result>(
  name: string,
  scope: 'editor' | 'admin',
  { does, input, inputFields, run, payload }: StaffMutationOptions<Fields, Result>,
) {
  builder.relayMutationField(
    name,
    { description: input, inputFields },
    {
      description: `Staff (${scope}): ${does}`,
      authScopes: scope === 'admin' ? { admin: true } : { editor: true },
      resolve: async (_root, args, ctx) => {
        // The plugin's argument type does not resolve while `Fields` is generic; this is its `input`.
        const { input } = args as unknown as { input: InputShapeFromFields<Fields> };
        return afterWrite(ctx, await run(ctx.db, actor(ctx), input, ctx));
      },
    },
    {
      description: `What ${name} did.`,
      outputFields: (t) => ({
        ...payload(t),
        changes: t.field({
          type: [ChangeRef],
          description: 'The changes this mutation recorded in the history.',
          resolve: (p) => p.changes,
        }),
      }),
    },
  );
}

/** The caller's name: scope-auth has refused anonymous callers before any resolver runs. */
const actor = (ctx: Context) => ctx.viewer!.name;

/** After a write, this request's loaders may hold what the graph no longer says. */
function afterWrite<T>(ctx: Context, payload: T): T {
  for (const loader of Object.values(ctx.loaders)) loader.clearAll();
  return payload;
}
