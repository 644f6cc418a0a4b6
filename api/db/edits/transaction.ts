/**
 * The transaction every staff edit runs in, and the record of what it changed (`../history.ts`).
 *
 * Each edit first locks what it changes (a write lock taken before reading, so two editors cannot
 * both read version 3 and both write version 4), then checks `expectedVersion` (CONFLICT when
 * stale), writes, and records one Change per entity or relation touched. Any error, from Neo4j
 * or from a check made after a write, rolls the whole transaction back.
 *
 * Usage: `return edit(db, actor, async (tx, op) => { …; op.record('UPDATE', 'ENTITY', slug, before, after); return result; })`.
 */
import { randomUUID } from 'node:crypto';
import { Neo4jError } from 'neo4j-driver';
import { apiError } from '../../core/errors.js';
import type { Database, Tx } from '../database.js';
import {
  type ChangeAction,
  type ChangeModel,
  type ChangeTargetKind,
  changesOfOperation,
  recordChanges,
} from '../history.js';

/** What an edit returns: its result and the changes it recorded. */
export interface Edited<T> {
  result: T;
  changes: ChangeModel[];
}

/** ISO instants that never repeat nor go backwards within this process, so history orders well. */
let lastInstant = 0;
function nextInstant(): string {
  lastInstant = Math.max(Date.now(), lastInstant + 1);
  return new Date(lastInstant).toISOString();
}

/** The changes one mutation makes, written at the end of its transaction. */
export class Operation {
  readonly at = nextInstant();
  readonly changes: ChangeModel[] = [];
  constructor(
    readonly actor: string,
    readonly id: string = randomUUID(),
  ) {}

  record(
    action: ChangeAction,
    targetKind: ChangeTargetKind,
    targetId: string,
    before: object | null,
    after: object | null,
  ) {
    this.changes.push({
      id: randomUUID(),
      operation: this.id,
      seq: this.changes.length,
      at: this.at,
      actor: this.actor,
      action,
      targetKind,
      targetId,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
    });
  }
}

const CONSTRAINT_FAILED = 'Neo.ClientError.Schema.ConstraintValidationFailed';
/**
 * What Neo4j answers when a statement found a node, then waited for its lock while a concurrent
 * edit deleted it (e.g. a relation created to an entity being deleted). Neo4j does not count it
 * as transient, but it is: run again, the edit reads the graph as it now is, where the missing
 * entry gets its own coded answer (NOT_FOUND).
 */
const DELETED_MEANWHILE = 'Neo.ClientError.Statement.EntityNotFound';
const ATTEMPTS = 3;

/**
 * Runs `work` and records its changes in one write transaction. A retried attempt (deadlock,
 * leader switch, an entry deleted under it) starts afresh. A uniqueness constraint hit by a
 * concurrent edit becomes CONFLICT.
 *
 * The driver also runs the transaction again when the connection drops during COMMIT, and that
 * commit may have happened: run again, a create would find its own entry and answer CONFLICT for
 * a write that succeeded. Every attempt of one edit records its changes under the same operation
 * id, so an attempt that finds them already stored knows an earlier one committed, and answers
 * what that one computed.
 */
export async function edit<T>(
  db: Database,
  actor: string,
  work: (tx: Tx, op: Operation) => Promise<T>,
): Promise<Edited<T>> {
  const operationId = randomUUID();
  let lastAttempt: Edited<T> | null = null;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        if (lastAttempt && lastAttempt.changes.length > 0 && (await changesOfOperation(tx, operationId)).length > 0) {
          return lastAttempt;
        }
        const op = new Operation(actor, operationId);
        const result = await work(tx, op);
        await recordChanges(tx, op.changes);
        lastAttempt = { result, changes: op.changes };
        return lastAttempt;
      });
    } catch (error) {
      if (!(error instanceof Neo4jError)) throw error;
      if (error.code === DELETED_MEANWHILE && attempt < ATTEMPTS) continue;
      if (error.code === DELETED_MEANWHILE) {
        throw apiError('CONFLICT', 'Concurrent edits kept deleting what this edit reads; reload and try again');
      }
      if (error.code === CONSTRAINT_FAILED) {
        throw apiError('CONFLICT', 'A concurrent edit took the same slug or relation id; reload and try again');
      }
      throw error;
    }
  }
}
