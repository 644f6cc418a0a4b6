/**
 * Staff edits: every mutation of the graph, each one Neo4j transaction that also records what it
 * changed (`history.ts`). Inputs are validated with the seed format's zod schemas, so an edit can
 * never put into the graph what a seed file could not hold.
 *
 * Each edit first locks what it changes (a write lock taken before reading, so two editors cannot
 * both read version 3 and both write version 4), then checks `expectedVersion` (CONFLICT when
 * stale), writes, and records one Change per entity or relation touched. Any error, from Neo4j
 * or from a check made after a write, rolls the whole transaction back.
 *
 * Usage: `const { result, changes } = await updateEntity(db, 'alice', { slug, expectedVersion: 3, patch: { summary } })`.
 */
import { randomUUID } from 'node:crypto';
import { Neo4jError } from 'neo4j-driver';
import type { z } from 'zod';
import {
  deriveRelationId,
  type Entity,
  Entity as EntitySchema,
  type Relation,
  Relation as RelationSchema,
} from '../../model/seed-format.js';
import { KIND_LABELS, RELATION_TYPES, type RelationType } from '../../model/vocabulary.js';
import { apiError, invalidArgument, notFound } from '../core/errors.js';
import { relationTypePattern } from './cypher-fragments.js';
import { type Database, type Tx, toNative } from './database.js';
import {
  type ChangeAction,
  type ChangeModel,
  type ChangeTargetKind,
  changesOfOperation,
  latestChange,
  recordChanges,
} from './history.js';
import {
  entityFromProps,
  entityProperties,
  entityToSeed,
  nameKey,
  RELATION_PROJECTION,
  relationFromValue,
  relationProperties,
  relationToSeed,
  type StoredEntity,
  type StoredRelation,
} from './mapping.js';

/** Where an entry's seed lives (null for what staff created); kept so a restore puts it back. */
interface Origin {
  file: string;
  position: number;
}

interface Located<T> {
  value: T;
  origin: Origin | null;
}

/** What an edit returns: its result and the changes it recorded. */
export interface Edited<T> {
  result: T;
  changes: ChangeModel[];
}

/** A partial update: a field left out keeps its value, a `null` clears it. */
export type Patch = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Entities

/** Creates an entity (input in the seed format). CONFLICT when the slug is taken. */
export function createEntity(db: Database, actor: string, input: Record<string, unknown>) {
  const entity = validated(EntitySchema, input);
  return edit(db, actor, async (tx, op) => {
    if ((await lockEntities(tx, [entity.slug])).size > 0) {
      throw apiError('CONFLICT', `An entity with slug "${entity.slug}" already exists`, { slug: entity.slug });
    }
    const created = await insertEntity(tx, { ...entity, version: 1 }, null);
    op.record('CREATE', 'ENTITY', entity.slug, null, entitySnapshot(created));
    return created.value;
  });
}

/** Changes an entity's fields (not its slug or kind). CONFLICT when `expectedVersion` is stale. */
export function updateEntity(
  db: Database,
  actor: string,
  input: { slug: string; expectedVersion: number; patch: Patch },
) {
  return edit(db, actor, async (tx, op) => {
    const current = await lockedEntity(tx, input.slug);
    checkVersion('Entity', input.slug, current.value.version, input.expectedVersion);
    const next = validated(EntitySchema, applyPatch(entityToSeed(current.value), { ...input.patch, version: null }));
    const updated = await replaceEntity(tx, { ...next, version: current.value.version + 1 }, current.origin);
    op.record('UPDATE', 'ENTITY', input.slug, entitySnapshot(current), entitySnapshot(updated));
    return updated.value;
  });
}

/**
 * Deletes an entity and its relations, each recorded so that `restoreEntity` brings them back.
 * Refused (CONFLICT) while HOSTING relations name it as their software.
 */
export function deleteEntity(db: Database, actor: string, input: { slug: string; expectedVersion: number }) {
  return edit(db, actor, async (tx, op) => {
    const current = await lockedEntity(tx, input.slug);
    checkVersion('Entity', input.slug, current.value.version, input.expectedVersion);
    const hosting = await hostingRelationsOfSoftware(tx, input.slug);
    if (hosting.length > 0) {
      throw apiError(
        'CONFLICT',
        `"${input.slug}" is the hosted software of ${hosting.length} HOSTING relation(s) ` +
          `(${hosting.map((r) => r.value.id).join(', ')}); change or delete them first, or merge it into another project`,
      );
    }
    const relations = await relationsOfEntity(tx, input.slug);
    await deleteRelations(tx, relations);
    // A plain DELETE fails if a relation appeared meanwhile: nothing is ever removed unrecorded.
    await tx.run('MATCH (e:Entity {slug: $slug}) DELETE e', { slug: input.slug }, () => null);
    for (const relation of relations) {
      op.record('DELETE', 'RELATION', relation.value.id, relationSnapshot(relation), null);
    }
    op.record('DELETE', 'ENTITY', input.slug, entitySnapshot(current), null);
    return { slug: input.slug, relations: relations.map((r) => r.value) };
  });
}

/**
 * Merges `absorbed` into `survivor`: the absorbed entity's relations move to the survivor
 * (relations between the two, which would join the survivor to itself, are deleted), HOSTING
 * relations naming it as software name the survivor, its name and aliases become the survivor's
 * aliases, its summary, url and internal notes fill the survivor's empty ones, and it is deleted.
 * Every step is recorded: the absorbed entity can be restored from history.
 *
 * A moved relation that the vocabulary does not allow at its new end (e.g. WORKS_FOR from an
 * organisation) is found once the relations have moved, and rolls the whole merge back.
 */
export function mergeEntities(
  db: Database,
  actor: string,
  input: { survivor: string; absorbed: string; survivorVersion: number; absorbedVersion: number },
) {
  if (input.survivor === input.absorbed) {
    throw invalidArgument('input.absorbed', 'an entity cannot be merged into itself');
  }
  return edit(db, actor, async (tx, op) => {
    const locked = await lockEntities(tx, [input.survivor, input.absorbed]);
    const survivor = locked.get(input.survivor) ?? notFoundError('Entity', input.survivor);
    const absorbed = locked.get(input.absorbed) ?? notFoundError('Entity', input.absorbed);
    checkVersion('Entity', input.survivor, survivor.value.version, input.survivorVersion);
    checkVersion('Entity', input.absorbed, absorbed.value.version, input.absorbedVersion);
    const s = input.survivor;
    const a = input.absorbed;

    const relations = await relationsOfEntity(tx, a);
    const between = relations.filter((r) => r.value.from === s || r.value.to === s);
    const moving = relations.filter((r) => !between.includes(r));
    const movingIds = new Set(moving.map((r) => r.value.id));
    const hosting = (await hostingRelationsOfSoftware(tx, a)).filter((r) => !movingIds.has(r.value.id));
    // The ends it was read with name the absorbed entity: a moved relation is re-read after the move.
    const renamed = ({ ends: _stale, ...r }: StoredRelation): StoredRelation => ({
      ...r,
      from: r.from === a ? s : r.from,
      to: r.to === a ? s : r.to,
      software: r.software === a ? s : r.software,
      version: r.version + 1,
    });

    await deleteRelations(tx, between);
    const moved = await moveRelations(
      tx,
      moving.map((r) => ({ ...r, value: renamed(r.value) })),
    );
    // Checked on the moved relations themselves, after the move: a failure undoes everything.
    for (const { relation, fromKind, toKind } of moved) {
      const spec = RELATION_TYPES[relation.value.type];
      for (const [end, kind] of [
        ['from', fromKind],
        ['to', toKind],
      ] as const) {
        if (!(spec[end] as readonly string[]).includes(kind)) {
          throw invalidArgument(
            'input.absorbed',
            `merging "${a}" into "${s}" would make relation "${relation.value.id}" invalid: ${relation.value.type} ` +
              `expects ${end} to be ${spec[end].join(' or ')}, but "${s}" is ${kind}; change or delete that relation first`,
          );
        }
      }
    }
    if (hosting.length > 0 || moved.some((m) => m.relation.value.software === s)) {
      if (survivor.value.kind !== 'PROJECT') {
        throw invalidArgument(
          'input.survivor',
          `"${a}" is the hosted software of HOSTING relations, so it can only be merged into a PROJECT, and "${s}" is ${survivor.value.kind}`,
        );
      }
    }
    const rehosted = await replaceRelations(
      tx,
      hosting.map((r) => ({ ...r, value: renamed(r.value) })),
    );

    const taken = new Set([nameKey(survivor.value.name)]);
    const aliases: string[] = [];
    for (const name of [...survivor.value.aliases, absorbed.value.name, ...absorbed.value.aliases]) {
      if (taken.has(nameKey(name))) continue;
      taken.add(nameKey(name));
      aliases.push(name);
    }
    const filled = validated(EntitySchema, {
      ...entityToSeed(survivor.value),
      aliases,
      summary: survivor.value.summary ?? absorbed.value.summary ?? undefined,
      url: survivor.value.url ?? absorbed.value.url ?? undefined,
      internalNotes: survivor.value.internalNotes ?? absorbed.value.internalNotes ?? undefined,
    });
    const merged = await replaceEntity(tx, { ...filled, version: survivor.value.version + 1 }, survivor.origin);
    // Plain DELETE: had any relation been left behind, Neo4j refuses and the merge rolls back.
    await tx.run('MATCH (e:Entity {slug: $slug}) DELETE e', { slug: a }, () => null);

    for (const r of between) op.record('MERGE', 'RELATION', r.value.id, relationSnapshot(r), null);
    moving.forEach((r, i) => {
      op.record('MERGE', 'RELATION', r.value.id, relationSnapshot(r), relationSnapshot(moved[i]!.relation));
    });
    hosting.forEach((r, i) => {
      op.record('MERGE', 'RELATION', r.value.id, relationSnapshot(r), relationSnapshot(rehosted[i]!));
    });
    op.record('MERGE', 'ENTITY', s, entitySnapshot(survivor), entitySnapshot(merged));
    op.record('MERGE', 'ENTITY', a, entitySnapshot(absorbed), null);
    return merged.value;
  });
}

/**
 * Brings back an entity that is gone (deleted, merged away, or removed by a seed load) as its
 * history last recorded it, with the relations deleted together with it whose ends still exist.
 */
export function restoreEntity(db: Database, actor: string, input: { slug: string }) {
  return edit(db, actor, async (tx, op) => {
    if ((await lockEntities(tx, [input.slug])).size > 0) {
      throw apiError('CONFLICT', `Entity "${input.slug}" exists: there is nothing to restore`);
    }
    const latest = await latestChange(tx, { kind: 'ENTITY', id: input.slug });
    if (!latest) throw apiError('NOT_FOUND', `No recorded change of entity "${input.slug}": nothing to restore from`);
    const snapshot = fromSnapshot(EntitySchema, (latest.after ?? latest.before)!);
    const restored = await insertEntity(
      tx,
      { ...snapshot.value, version: (snapshot.value.version ?? 1) + 1 },
      snapshot.origin,
    );
    op.record('RESTORE', 'ENTITY', input.slug, null, entitySnapshot(restored));

    const relations: StoredRelation[] = [];
    if (latest.after === null) {
      for (const change of await changesOfOperation(tx, latest.operation)) {
        if (change.targetKind !== 'RELATION' || change.after !== null || change.before === null) continue;
        // Only if nothing happened to the relation since (it was not restored and deleted again).
        if ((await latestChange(tx, { kind: 'RELATION', id: change.targetId }))?.id !== change.id) continue;
        if (await relationExists(tx, change.targetId)) continue;
        const relation = fromSnapshot(RelationSchema, change.before);
        const back = await insertRelation(
          tx,
          { ...relation.value, id: change.targetId, version: (relation.value.version ?? 1) + 1 },
          relation.origin,
        );
        if (!back) continue;
        op.record('RESTORE', 'RELATION', change.targetId, null, relationSnapshot(back));
        relations.push(back.value);
      }
    }
    return { entity: restored.value, relations };
  });
}

// ---------------------------------------------------------------------------------------------
// Relations

/** Creates a relation (input in the seed format; `id` derived when omitted). */
export function createRelation(db: Database, actor: string, input: Record<string, unknown>) {
  const relation = validated(RelationSchema, input);
  const id = relation.id ?? deriveRelationId(relation);
  return edit(db, actor, async (tx, op) => {
    if (await relationExists(tx, id)) {
      throw apiError('CONFLICT', `A relation with id "${id}" already exists; give this one another "id"`, { id });
    }
    const created = await insertRelation(tx, { ...relation, id, version: 1 }, null);
    if (!created) throw await rejection(tx, relation);
    op.record('CREATE', 'RELATION', id, null, relationSnapshot(created));
    return created.value;
  });
}

/** Changes a relation's fields (not its type or ends). CONFLICT when `expectedVersion` is stale. */
export function updateRelation(
  db: Database,
  actor: string,
  input: { relationId: string; expectedVersion: number; patch: Patch },
) {
  return edit(db, actor, async (tx, op) => {
    const current = await lockedRelation(tx, input.relationId);
    checkVersion('Relation', input.relationId, current.value.version, input.expectedVersion);
    const seed = { ...relationToSeed(current.value), id: current.value.id };
    const next = validated(RelationSchema, applyPatch(seed, { ...input.patch, version: null }));
    if (next.software && next.software !== current.value.software) {
      const problem = await whyRejected(tx, next, ['software']);
      if (problem) throw problem;
    }
    const [updated] = await replaceRelations(tx, [
      { value: { ...current.value, ...modelFields(next), version: current.value.version + 1 }, origin: current.origin },
    ]);
    op.record('UPDATE', 'RELATION', input.relationId, relationSnapshot(current), relationSnapshot(updated!));
    return updated!.value;
  });
}

/** Deletes a relation; `restoreRelation` brings it back. */
export function deleteRelation(db: Database, actor: string, input: { relationId: string; expectedVersion: number }) {
  return edit(db, actor, async (tx, op) => {
    const current = await lockedRelation(tx, input.relationId);
    checkVersion('Relation', input.relationId, current.value.version, input.expectedVersion);
    await deleteRelations(tx, [current]);
    op.record('DELETE', 'RELATION', input.relationId, relationSnapshot(current), null);
    return current.value;
  });
}

/** Brings back a relation that is gone, as its history last recorded it. Its ends must exist. */
export function restoreRelation(db: Database, actor: string, input: { relationId: string }) {
  return edit(db, actor, async (tx, op) => {
    if (await relationExists(tx, input.relationId)) {
      throw apiError('CONFLICT', `Relation "${input.relationId}" exists: there is nothing to restore`);
    }
    const latest = await latestChange(tx, { kind: 'RELATION', id: input.relationId });
    if (!latest) {
      throw apiError('NOT_FOUND', `No recorded change of relation "${input.relationId}": nothing to restore from`);
    }
    const snapshot = fromSnapshot(RelationSchema, (latest.after ?? latest.before)!);
    const relation = { ...snapshot.value, id: input.relationId, version: (snapshot.value.version ?? 1) + 1 };
    const restored = await insertRelation(tx, relation, snapshot.origin);
    if (!restored) throw await rejection(tx, relation);
    op.record('RESTORE', 'RELATION', input.relationId, null, relationSnapshot(restored));
    return restored.value;
  });
}

// ---------------------------------------------------------------------------------------------
// The transaction and its record

/** ISO instants that never repeat nor go backwards within this process, so history orders well. */
let lastInstant = 0;
function nextInstant(): string {
  lastInstant = Math.max(Date.now(), lastInstant + 1);
  return new Date(lastInstant).toISOString();
}

/** The changes one mutation makes, written at the end of its transaction. */
class Operation {
  readonly id = randomUUID();
  readonly at = nextInstant();
  readonly changes: ChangeModel[] = [];
  constructor(readonly actor: string) {}

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
 * Runs `work` and records its changes in one write transaction. A retried attempt (deadlock,
 * leader switch) starts a fresh operation. A uniqueness constraint hit by a concurrent edit
 * becomes CONFLICT.
 */
async function edit<T>(db: Database, actor: string, work: (tx: Tx, op: Operation) => Promise<T>): Promise<Edited<T>> {
  try {
    return await db.transaction(async (tx) => {
      const op = new Operation(actor);
      const result = await work(tx, op);
      await recordChanges(tx, op.changes);
      return { result, changes: op.changes };
    });
  } catch (error) {
    if (error instanceof Neo4jError && error.code === CONSTRAINT_FAILED) {
      throw apiError('CONFLICT', 'A concurrent edit took the same slug or relation id; reload and try again');
    }
    throw error;
  }
}

function checkVersion(what: string, id: string, current: number, expected: number) {
  if (current !== expected) {
    throw apiError(
      'CONFLICT',
      `${what} "${id}" is at version ${current}, not ${expected}: someone changed it since you read it. ` +
        'Read it again and reapply your change.',
      { currentVersion: current },
    );
  }
}

const notFoundError = (what: string, id: string): never => {
  throw notFound(`${what} "${id}"`);
};

/** Parses with a seed schema; the first problem becomes INVALID_ARGUMENT naming the input field. */
function validated<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    throw invalidArgument(`input.${issue.keys[0]}`, `not a field of this kind of entry (${issue.keys.join(', ')})`);
  }
  const field = issue.path.map(String).join('.');
  throw invalidArgument(field ? `input.${field}` : 'input', issue.message);
}

function applyPatch(seed: Record<string, unknown>, patch: Patch): Record<string, unknown> {
  const next = { ...seed };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}

// ---------------------------------------------------------------------------------------------
// Snapshots: the seed form plus origin, which is what history stores and a restore reads back

function entitySnapshot(e: Located<StoredEntity>) {
  return { ...entityToSeed(e.value), origin: e.origin };
}

function relationSnapshot(r: Located<StoredRelation>) {
  return { id: r.value.id, ...relationToSeed(r.value), origin: r.origin };
}

function fromSnapshot<T>(schema: z.ZodType<T>, json: string): { value: T; origin: Origin | null } {
  const { origin, ...seed } = JSON.parse(json) as { origin: Origin | null } & Record<string, unknown>;
  return { value: schema.parse(seed), origin };
}

function originOf(props: Record<string, unknown>): Origin | null {
  const p = toNative(props) as Record<string, unknown>;
  return typeof p.originFile === 'string' ? { file: p.originFile, position: Number(p.originPosition) } : null;
}

/** The model fields of a validated relation (the rest of the stored model is kept). */
function modelFields(r: Relation) {
  return {
    role: r.role ?? null,
    software: r.software ?? null,
    resource: r.resource ?? null,
    since: r.since ?? null,
    until: r.until ?? null,
    amount: r.amount ?? null,
    currency: r.currency ?? null,
    description: r.description ?? null,
    sources: r.sources,
    internalNotes: r.internalNotes ?? null,
  };
}

function asRelation(r: StoredRelation): Relation & { id: string } {
  return { ...(RelationSchema.parse({ ...relationToSeed(r), id: r.id }) as Relation), id: r.id, version: r.version };
}

// ---------------------------------------------------------------------------------------------
// Cypher

const locatedEntity = (props: Record<string, unknown>): Located<StoredEntity> => ({
  value: entityFromProps(props),
  origin: originOf(props),
});

/** What edits read of a relation: all of it, with where it lives in the seed files. */
const LOCATED_RELATION = (r: string) => RELATION_PROJECTION(r, { sources: true, origin: true });

const locatedRelation = (rel: { props: Record<string, unknown> }): Located<StoredRelation> => ({
  value: relationFromValue(rel),
  origin: originOf(rel.props),
});

/** Write-locks the entities that exist among `slugs` (in slug order, against deadlocks) and reads them. */
async function lockEntities(tx: Tx, slugs: string[]): Promise<Map<string, Located<StoredEntity>>> {
  const rows = await tx.run(
    `UNWIND $slugs AS slug
     MATCH (e:Entity {slug: slug})
     SET e._lock = true REMOVE e._lock
     RETURN properties(e) AS props`,
    { slugs: [...slugs].sort() },
    (r) => locatedEntity(r.get('props')),
  );
  return new Map(rows.map((e) => [e.value.slug, e]));
}

async function lockedEntity(tx: Tx, slug: string): Promise<Located<StoredEntity>> {
  return (await lockEntities(tx, [slug])).get(slug) ?? notFoundError('Entity', slug);
}

async function insertEntity(tx: Tx, entity: Entity, origin: Origin | null): Promise<Located<StoredEntity>> {
  // The label comes from the vocabulary whitelist (the kind is a validated enum).
  const [props] = await tx.run(
    `CREATE (e:Entity:${KIND_LABELS[entity.kind]}) SET e = $props RETURN properties(e) AS props`,
    { props: entityProperties(entity, origin) },
    (r) => r.get('props') as Record<string, unknown>,
  );
  return locatedEntity(props!);
}

async function replaceEntity(tx: Tx, entity: Entity, origin: Origin | null): Promise<Located<StoredEntity>> {
  const [props] = await tx.run(
    'MATCH (e:Entity {slug: $slug}) SET e = $props RETURN properties(e) AS props',
    { slug: entity.slug, props: entityProperties(entity, origin) },
    (r) => r.get('props') as Record<string, unknown>,
  );
  return locatedEntity(props!);
}

/**
 * A relation of any type by id (ids are unique across types, by the seed rules and
 * `createRelation`). Relationship indexes are per type, so a type-less lookup scans the
 * relationships: milliseconds at this graph's size (hundreds to thousands of relations). A UNION
 * of one index seek per type was tried and costs Neo4j seconds of planning on first use.
 */
const RELATION_WITH_ID = 'MATCH (:Entity)-[r]->(:Entity) WHERE r.id = $id';

async function relationExists(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.run(`${RELATION_WITH_ID} RETURN r.id AS id LIMIT 1`, { id }, () => true);
  return rows.length > 0;
}

async function lockedRelation(tx: Tx, id: string): Promise<Located<StoredRelation>> {
  const [relation] = await tx.run(
    `${RELATION_WITH_ID}
     SET r._lock = true REMOVE r._lock
     RETURN ${LOCATED_RELATION('r')} AS rel`,
    { id },
    (r) => locatedRelation(r.get('rel')),
  );
  return relation ?? notFoundError('Relation', id);
}

/** Every relation of an entity, either direction, in a stable order. */
async function relationsOfEntity(tx: Tx, slug: string): Promise<Located<StoredRelation>[]> {
  return tx.run(
    `MATCH (:Entity {slug: $slug})-[r]-(:Entity)
     RETURN ${LOCATED_RELATION('r')} AS rel ORDER BY type(r), r.id`,
    { slug },
    (r) => locatedRelation(r.get('rel')),
  );
}

async function hostingRelationsOfSoftware(tx: Tx, slug: string): Promise<Located<StoredRelation>[]> {
  return tx.run(
    `MATCH (:Entity)-[r:HOSTING {software: $slug}]->(:Entity)
     RETURN ${LOCATED_RELATION('r')} AS rel ORDER BY r.id`,
    { slug },
    (r) => locatedRelation(r.get('rel')),
  );
}

/** Relations grouped by type: a relationship type cannot be a parameter. */
function byType<T extends { value: { type: RelationType } }>(items: readonly T[]): Map<RelationType, T[]> {
  const groups = new Map<RelationType, T[]>();
  for (const item of items) groups.set(item.value.type, [...(groups.get(item.value.type) ?? []), item]);
  return groups;
}

async function deleteRelations(tx: Tx, relations: readonly Located<StoredRelation>[]): Promise<void> {
  for (const [type, group] of byType(relations)) {
    await tx.run(
      `MATCH (:Entity)-[r${relationTypePattern([type])}]->(:Entity) WHERE r.id IN $ids DELETE r`,
      { ids: group.map((r) => r.value.id) },
      () => null,
    );
  }
}

/**
 * Creates a relation between existing entities whose kinds its type allows (and whose software
 * is a project); null, with nothing written, when that is not so (`whyRejected` says why).
 */
async function insertRelation(
  tx: Tx,
  relation: Relation & { id: string },
  origin: Origin | null,
): Promise<Located<StoredRelation> | null> {
  const spec = RELATION_TYPES[relation.type];
  const [created] = await tx.run(
    `MATCH (a:Entity {slug: $from})
     MATCH (b:Entity {slug: $to})
     WHERE a.kind IN $fromKinds AND b.kind IN $toKinds
       AND ($software IS NULL OR EXISTS { MATCH (s:Entity {slug: $software}) WHERE s.kind = 'PROJECT' })
     CREATE (a)-[r${relationTypePattern([relation.type])}]->(b)
     SET r = $props
     RETURN ${LOCATED_RELATION('r')} AS rel`,
    {
      from: relation.from,
      to: relation.to,
      fromKinds: spec.from,
      toKinds: spec.to,
      software: relation.software ?? null,
      props: relationProperties(relation, origin),
    },
    (r) => locatedRelation(r.get('rel')),
  );
  return created ?? null;
}

/** Rewrites relations in place (same type and ends), e.g. a new `software` or version. */
async function replaceRelations(
  tx: Tx,
  relations: readonly Located<StoredRelation>[],
): Promise<Located<StoredRelation>[]> {
  const out = new Map<string, Located<StoredRelation>>();
  for (const [type, group] of byType(relations)) {
    const rows = await tx.run(
      `UNWIND $rows AS row
       MATCH (:Entity)-[r${relationTypePattern([type])} {id: row.id}]->(:Entity)
       SET r = row.props
       RETURN ${LOCATED_RELATION('r')} AS rel`,
      { rows: group.map((r) => ({ id: r.value.id, props: relationProperties(asRelation(r.value), r.origin) })) },
      (r) => locatedRelation(r.get('rel')),
    );
    for (const row of rows) out.set(row.value.id, row);
  }
  return relations.map((r) => out.get(r.value.id)!);
}

/**
 * Moves relations to new ends. A relationship cannot change its ends, so each is deleted and
 * created again with the same id and properties. Returns them with the kinds of their new ends.
 */
async function moveRelations(
  tx: Tx,
  relations: readonly Located<StoredRelation>[],
): Promise<{ relation: Located<StoredRelation>; fromKind: string; toKind: string }[]> {
  const out = new Map<string, { relation: Located<StoredRelation>; fromKind: string; toKind: string }>();
  for (const [type, group] of byType(relations)) {
    const pattern = relationTypePattern([type]);
    const rows = await tx.run(
      `UNWIND $rows AS row
       MATCH (:Entity)-[old${pattern} {id: row.id}]->(:Entity)
       DELETE old
       WITH row
       MATCH (a:Entity {slug: row.from})
       MATCH (b:Entity {slug: row.to})
       CREATE (a)-[r${pattern}]->(b)
       SET r = row.props
       RETURN ${LOCATED_RELATION('r')} AS rel, a.kind AS fromKind, b.kind AS toKind`,
      {
        rows: group.map((r) => ({
          id: r.value.id,
          from: r.value.from,
          to: r.value.to,
          props: relationProperties(asRelation(r.value), r.origin),
        })),
      },
      (r) => ({
        relation: locatedRelation(r.get('rel')),
        fromKind: r.get('fromKind') as string,
        toKind: r.get('toKind') as string,
      }),
    );
    for (const row of rows) out.set(row.relation.value.id, row);
  }
  return relations.map((r) => {
    const moved = out.get(r.value.id);
    if (!moved) throw new Error(`relation ${r.value.id} could not be moved`);
    return moved;
  });
}

/** The error for a relation `insertRelation` refused. */
async function rejection(tx: Tx, relation: Pick<Relation, 'type' | 'from' | 'to' | 'software'>) {
  return (
    (await whyRejected(tx, relation)) ??
    new Error(`relation ${relation.type} ${relation.from} → ${relation.to} was not created`)
  );
}

/**
 * Why `insertRelation` wrote nothing: a missing entity (NOT_FOUND) or one of the wrong kind
 * (INVALID_ARGUMENT), with the same wording as the seed validator. Only `ends` are checked.
 */
async function whyRejected(
  tx: Tx,
  relation: Pick<Relation, 'type' | 'from' | 'to' | 'software'>,
  ends: readonly ('from' | 'to' | 'software')[] = ['from', 'to', 'software'],
) {
  const wanted = ends.filter((end) => relation[end]);
  const kinds = new Map(
    await tx.run(
      'UNWIND $slugs AS slug OPTIONAL MATCH (e:Entity {slug: slug}) RETURN slug, e.kind AS kind',
      { slugs: wanted.map((end) => relation[end]) },
      (r) => [r.get('slug') as string, r.get('kind') as string | null] as const,
    ),
  );
  const spec = RELATION_TYPES[relation.type];
  for (const end of wanted) {
    const slug = relation[end]!;
    const kind = kinds.get(slug);
    if (!kind) return notFound(`${end === 'software' ? 'Software' : 'Entity'} "${slug}"`);
    const allowed: readonly string[] = end === 'software' ? ['PROJECT'] : spec[end];
    if (!allowed.includes(kind)) {
      return invalidArgument(
        `input.${end}`,
        end === 'software'
          ? `software must be a PROJECT, but "${slug}" is ${kind}`
          : `${relation.type} expects ${end} to be ${allowed.join(' or ')}, but "${slug}" is ${kind}`,
      );
    }
  }
  return null;
}
