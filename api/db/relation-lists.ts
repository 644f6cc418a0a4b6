/**
 * Relation lists read in one statement together with the lists nested in their items:
 * `entity → relations → to → relations` is one round trip instead of one per level.
 *
 * A plan says what to read at each level: the list's arguments and selection, and the lists the
 * client asked for on the items' ends (made from the query by schema/read-ahead). The statement
 * returns each nested page inside its item; the readers hand them back as `nestedPages`, keyed by
 * the entity they belong to, for the per-request loader to hold (`primeFromResult`,
 * schema/read-ahead), where the resolvers of the nested fields then find them.
 *
 * The statements are built apart from running them (`entityWithListsStatement`,
 * `listsOfEntitiesStatement`), so that test/read-ahead.test.ts pins their Cypher without a database.
 *
 * Usage: `const { entity, nestedPages } = await entityWithRelationLists(db, 'framasoft', plans)`.
 */
import type { EntityModel, ListNeeds, Page, PartialRelation, RelationModel } from '../../model/models.js';
import type { EntityKind, RelationType } from '../../model/vocabulary.js';
import {
  type Direction,
  directedEnds,
  directedPattern,
  otherEndConditions,
  type PatternVariables,
  patternPage,
  type RelationOrder,
  relationOrder,
  timeConditions,
} from './cypher-fragments.js';
import type { Database } from './database.js';
import { pageFromColumns, pagesInKeyOrder } from './pages.js';
import { ENTITY_PROJECTION, listedRelationProjection, RELATION_PROJECTION } from './records/projections.js';
import { entityFromProps, listedRelationFromValue } from './records/read.js';

/**
 * One list of an entity's relations (its filters, its page, what its client selected), and the
 * lists to read in the same statement for the ends of each of its relations.
 */
export interface RelationListPlan {
  types: readonly RelationType[] | null;
  direction: Direction;
  activeIn: number | null;
  startedIn: number | null;
  endedIn: number | null;
  /** Only relations whose other end is of these kinds / categories. */
  otherKinds: readonly EntityKind[] | null;
  otherCategories: readonly string[] | null;
  order: RelationOrder;
  offset: number;
  limit: number;
  needs: ListNeeds;
  nested: readonly NestedRelationList[];
}

export interface NestedRelationList {
  /** The end of each relation whose list this is. */
  end: 'from' | 'to';
  plan: RelationListPlan;
}

/**
 * A list read inside a statement's rows (in an entity's row, or in a list's items): the page of
 * `plan` for the entity `slug`.
 */
export interface NestedPage {
  slug: string;
  plan: RelationListPlan;
  page: Page<RelationModel | PartialRelation>;
}

/** A statement as it is sent, but for the slugs its caller adds (`$slug` or `$slugs`). */
export interface Statement {
  cypher: string;
  params: Record<string, unknown>;
}

/** The statement of `entityWithRelationLists`: the entity `$slug` and the lists `lists` of it. */
export function entityWithListsStatement(lists: readonly RelationListPlan[]): Statement {
  const params = new StatementParameters();
  const cypher = `MATCH (e:Entity {slug: $slug})
     RETURN ${ENTITY_PROJECTION('e')} AS props,
            [${lists.map((plan) => relationListExpression(plan, 'e', params)).join(', ')}] AS lists`;
  return { cypher, params: params.values };
}

/**
 * The entity `slug` with relation lists of it, in one round trip; `null` when no entity has that
 * slug. `nestedPages` holds the page of each of `lists` (in their order), then the lists nested in them.
 */
export async function entityWithRelationLists(
  db: Database,
  slug: string,
  lists: readonly RelationListPlan[],
): Promise<{ entity: EntityModel | null; nestedPages: NestedPage[] }> {
  const { cypher, params } = entityWithListsStatement(lists);
  const nestedPages: NestedPage[] = [];
  const [row] = await db.read(cypher, { ...params, slug }, (r) => ({
    entity: entityFromProps(r.get('props')),
    pages: (r.get('lists') as unknown[]).map((list, i) => readRelationList(list, lists[i]!, nestedPages)),
  }));
  if (!row) return { entity: null, nestedPages };
  return {
    entity: row.entity,
    nestedPages: [...lists.map((plan, i) => ({ slug, plan, page: row.pages[i]! })), ...nestedPages],
  };
}

/** The statement of `relationsOfEntities`: the list `plan` of each entity of `$slugs`. */
export function listsOfEntitiesStatement(plan: RelationListPlan): Statement {
  const params = new StatementParameters();
  const cypher = `UNWIND $slugs AS slug
     OPTIONAL MATCH (e:Entity {slug: slug})
     RETURN slug, ${relationListExpression(plan, 'e', params)} AS list`;
  return { cypher, params: params.values };
}

/**
 * One page of relations per entity (`pages`, in the order of `slugs`), for many entities in one
 * round trip, with the lists the plan nests in their items (`nestedPages`).
 */
export async function relationsOfEntities(
  db: Database,
  slugs: readonly string[],
  plan: RelationListPlan,
): Promise<{ pages: Page<RelationModel | PartialRelation>[]; nestedPages: NestedPage[] }> {
  const { cypher, params } = listsOfEntitiesStatement(plan);
  const nestedPages: NestedPage[] = [];
  const rows = await db.read(cypher, { ...params, slugs }, (r) => ({
    slug: r.get('slug') as string,
    page: readRelationList(r.get('list'), plan, nestedPages),
  }));
  return { pages: pagesInKeyOrder(slugs, rows, plan.offset), nestedPages };
}

/** The parameters of one statement, each list's under its own name. */
export class StatementParameters {
  readonly values: Record<string, unknown> = {};
  private count = 0;

  /** Adds a value and returns its `$name` for the Cypher text. */
  add(value: unknown): string {
    const name = `list${this.count++}`;
    this.values[name] = value;
    return `$${name}`;
  }
}

/**
 * A Cypher map `{total, page}` of the plan's list for the entity bound to `anchor`, with the
 * nested lists inside each item (`nested`, in the plan's order). `level` keeps the variables of
 * a nested list apart from those of the lists around it.
 */
export function relationListExpression(
  plan: RelationListPlan,
  anchor: string,
  params: StatementParameters,
  level = 0,
): string {
  const vars: PatternVariables = { e: anchor, r: `r${level}`, o: `o${level}` };
  let ends = directedEnds(plan.direction, vars);
  let onPage = '';
  if (!ends && plan.nested.length > 0) {
    // Either end may be the anchor: bind both, on the page's rows only, for the nested lists.
    ends = { from: `from${level}`, to: `to${level}` };
    onPage = `WITH *, startNode(${vars.r}) AS ${ends.from}, endNode(${vars.r}) AS ${ends.to}`;
  }
  const { total, page } = patternPage(
    `MATCH ${directedPattern(plan.direction, plan.types, vars)}
     WHERE ${timeConditions(vars.r, [vars.e, vars.o], plan, (key) => params.add(plan[key]))}
       AND ${otherEndConditions(vars.o, plan, (key) => params.add(plan[key]))}`,
    relationOrder(plan.order, vars.r, [vars.o]),
    relationItemExpression(vars.r, plan, ends, params, level + 1),
    { withTotal: plan.needs.totalCount, offset: params.add(plan.offset), limit: params.add(plan.limit), onPage },
  );
  return `{total: ${total}, page: ${page}}`;
}

/**
 * The Cypher map of a listed relation `r` (what `needs` selected), with its nested lists when the
 * plan has some; `ends` are the variables bound to its start and end nodes, if any.
 */
export function relationItemExpression(
  r: string,
  plan: Pick<RelationListPlan, 'needs' | 'nested'>,
  ends: { from: string; to: string } | undefined,
  params: StatementParameters,
  level: number,
): string {
  const nested =
    ends && plan.nested.length > 0
      ? `[${plan.nested.map((list) => relationListExpression(list.plan, ends[list.end], params, level)).join(', ')}]`
      : undefined;
  return RELATION_PROJECTION(r, { ...listedRelationProjection(plan.needs, ends), nested });
}

/** The page of a `relationListExpression` value; its nested pages are added to `nestedPages`. */
export function readRelationList(
  columns: unknown,
  plan: RelationListPlan,
  nestedPages: NestedPage[],
): Page<RelationModel | PartialRelation> {
  return pageFromColumns(columns as { total: unknown; page: unknown }, plan.offset, plan.limit, (value) =>
    readRelationItem(value, plan, nestedPages),
  );
}

/** A relation of a `relationItemExpression`; its nested pages are added to `nestedPages`. */
export function readRelationItem(
  value: unknown,
  plan: Pick<RelationListPlan, 'nested'>,
  nestedPages: NestedPage[],
): RelationModel | PartialRelation {
  const relation = listedRelationFromValue(value);
  const lists = (value as { nested?: unknown[] }).nested;
  if (lists) {
    plan.nested.forEach((list, i) => {
      const page = readRelationList(lists[i], list.plan, nestedPages);
      nestedPages.push({ slug: relation[list.end], plan: list.plan, page });
    });
  }
  return relation;
}
