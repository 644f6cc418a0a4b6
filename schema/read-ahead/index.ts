/**
 * The nested-list read-ahead: `entity(slug) { relations { … to { relations { … } } } }` is read in
 * one statement instead of one per level. One pipeline, in this order:
 *
 * 1. `planFromInfo(info, args)` (plan.ts): the plan of the field being resolved, from its
 *    arguments and the client's selection, with the lists selected below it nested in it;
 * 2. api/db/relation-lists.ts: the plan's Cypher, run, and its rows read back as pages, the
 *    nested lists' pages apart (test/read-ahead.test.ts pins that Cypher, plan by plan);
 * 3. `primeFromResult(loaders, result)` (prime.ts): the nested pages go to the per-request
 *    loader `relationsOf`, each under the key (`planKey`, key.ts) that the nested list's own
 *    resolver asks with, its plan made by `planFromInfo` from its own arguments and `info`.
 *
 * Resolvers use these two functions only; schema/loaders.ts uses `planKey` and the primer.
 */
export type { RelationListKey } from './key.js';
export { planKey } from './key.js';
export type { RelationListArgs } from './plan.js';
export { planFromInfo } from './plan.js';
export type { PrimedLoaders, ReadAheadResult } from './prime.js';
export { primeEntities, primeFromResult } from './prime.js';
