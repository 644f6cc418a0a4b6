/**
 * The nested-list read-ahead (schema/read-ahead), query by query, with no database: the plan that
 * `planFromInfo` makes from a field's resolver info, the key a nested list is primed and asked
 * under, and the Cypher that api/db/relation-lists.ts sends for the plan, pinned the way
 * neo4j/graphql's TCK tests pin theirs. That a nested query costs the round trips it should is
 * tested against the real database in api.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { entityWithListsStatement, listsOfEntitiesStatement, type RelationListPlan } from '../api/db/relation-lists.js';
import { planFromInfo, planKey, type RelationListArgs } from '../schema/read-ahead/index.js';
import { resolverInput } from './support/resolver-info.js';

/** The plans of the lists `entity(…)` reads with the entity. */
const entityLists = (query: string, inputs?: Record<string, unknown>) =>
  planFromInfo(resolverInput(query, ['entity'], inputs).info);

/** The plan of the relation list at `path`, as its own resolver makes it. */
function listPlan(query: string, path: readonly string[], inputs?: Record<string, unknown>): RelationListPlan {
  const { info, args } = resolverInput(query, path, inputs);
  return planFromInfo(info, args as RelationListArgs);
}

const ENTITY_PAGE = `{
  entity(slug: "framasoft") {
    relations(first: 20) { edges { node { type from { slug name } to { slug name
      relations(first: 5) { totalCount edges { node { type since from { slug } to { slug name } } } }
    } } } }
  }
}`;

describe('a nested list finds the page read ahead for it', () => {
  it('asks under the key its parent primed, from its own arguments and selection', () => {
    const [parent] = entityLists(ENTITY_PAGE);
    expect(parent?.nested.map((list) => list.end)).toEqual(['to']);
    const child = listPlan(ENTITY_PAGE, ['entity', 'relations', 'edges', 'node', 'to', 'relations']);
    expect(planKey(child)).toBe(planKey(parent!.nested[0]!.plan));
    // The entity's list is the one its own resolver asks for, too.
    expect(planKey(listPlan(ENTITY_PAGE, ['entity', 'relations']))).toBe(planKey(parent!));
  });

  it('with variables, defaults, aliases and fragments, three levels down', () => {
    const query = `query($types: [RelationType!], $n: Int = 2) {
      entity(slug: "picasoft") {
        out: relations(direction: OUTGOING, first: 3) { edges { node { to { ...Members } } } }
      }
    }
    fragment Members on Entity {
      relations(types: $types, direction: INCOMING, first: $n) { edges { node { from { slug
        ... on Organisation { relations(first: 2, orderBy: { field: SINCE }) { totalCount } }
      } } } }
    }`;
    const inputs = { types: ['MEMBERSHIP'] };
    const [out] = entityLists(query, inputs);
    const members = listPlan(query, ['entity', 'out', 'edges', 'node', 'to', 'relations'], inputs);
    expect(members).toMatchObject({ types: ['MEMBERSHIP'], direction: 'INCOMING', limit: 2 });
    expect(planKey(members)).toBe(planKey(out!.nested[0]!.plan));
    const third = listPlan(
      query,
      ['entity', 'out', 'edges', 'node', 'to', 'relations', 'edges', 'node', 'from', 'relations'],
      inputs,
    );
    expect(third).toMatchObject({ order: { field: 'SINCE', descending: false }, needs: { totalCount: true } });
    expect(planKey(third)).toBe(planKey(members.nested[0]!.plan));
  });

  it('leaves out a nested list with a bad argument, which its own resolver then reports', () => {
    const query =
      '{ entity(slug: "picasoft") { relations(first: 2) { edges { node { to { relations(first: 1000) { totalCount } } } } } } }';
    expect(entityLists(query)[0]?.nested).toEqual([]);
    expect(() => listPlan(query, ['entity', 'relations', 'edges', 'node', 'to', 'relations'])).toThrow(/first/);
  });

  it('reads two identical lists once', () => {
    const query =
      '{ entity(slug: "chatons") { a: relations(first: 2) { totalCount } b: relations(first: 2) { totalCount } } }';
    expect(entityLists(query)).toHaveLength(1);
  });
});

describe('the key of a plan', () => {
  const plan = listPlan(ENTITY_PAGE, ['entity', 'relations']);

  it('does not depend on the order the plan was built in', () => {
    const reversed = Object.fromEntries(Object.entries(plan).reverse()) as unknown as RelationListPlan;
    expect(planKey({ ...reversed, order: { descending: plan.order.descending, field: plan.order.field } })).toBe(
      planKey(plan),
    );
  });

  it('tells apart plans that read different lists, down to a nested list', () => {
    const nested = plan.nested[0]!;
    const variants: RelationListPlan[] = [
      { ...plan, limit: 21 },
      { ...plan, direction: 'OUTGOING' },
      { ...plan, needs: { ...plan.needs, totalCount: true } },
      { ...plan, nested: [{ ...nested, end: 'from' }] },
      { ...plan, nested: [{ ...nested, plan: { ...nested.plan, activeIn: 2020 } }] },
    ];
    const keys = new Set([plan, ...variants].map(planKey));
    expect(keys.size).toBe(variants.length + 1);
  });
});

/**
 * Each statement as sent, Cypher and parameters (but for the entities' slugs), in
 * __snapshots__/read-ahead.test.ts.snap. A change to the Cypher shows there: rewrite them with
 * `npx vitest run --config test/vitest.config.ts test/read-ahead.test.ts -u` and review the diff.
 */
describe('the Cypher of each plan', () => {
  it('a flat list', () => {
    const statement = entityWithListsStatement(
      entityLists(
        '{ entity(slug: "framasoft") { name relations(first: 5) { edges { node { type to { slug name } } } } } }',
      ),
    );
    expect(statement).toMatchSnapshot();
  });

  it('a list with a type filter, a year and an order, counted', () => {
    const statement = entityWithListsStatement(
      entityLists(`{ entity(slug: "framasoft") {
        relations(types: [FUNDING, HOSTING], direction: INCOMING, activeIn: 2020, orderBy: { field: AMOUNT, direction: DESC }, first: 3) {
          totalCount edges { node { type amount currency from { name } } }
        }
      } }`),
    );
    expect(statement).toMatchSnapshot();
  });

  it("a list filtered on the other end's kind and category, and on its start and end years", () => {
    const statement = entityWithListsStatement(
      entityLists(`{ entity(slug: "framasoft") {
        relations(otherKinds: [ORGANISATION], otherCategories: ["media"], startedIn: 2019, endedIn: 2020, orderBy: { field: NAME }) {
          edges { node { type description to { name } } }
        }
      } }`),
    );
    expect(statement).toMatchSnapshot();
  });

  it('two levels: the entity page, a list of each relation’s other end', () => {
    const statement = entityWithListsStatement(entityLists(ENTITY_PAGE));
    expect(statement).toMatchSnapshot();
  });

  it('three levels and two lists on the entity, each end bound', () => {
    const statement = entityWithListsStatement(
      entityLists(`{ entity(slug: "picasoft") {
        out: relations(direction: OUTGOING, first: 3) { edges { node { to { slug
          relations(types: [MEMBERSHIP], direction: INCOMING, first: 2) { edges { node { from { slug
            relations(first: 2) { totalCount edges { node { type } } }
          } } } }
        } } } }
        all: relations(activeIn: 2020) { totalCount edges { node { from { slug relations(first: 2) { totalCount } } } } }
      } }`),
    );
    expect(statement).toMatchSnapshot();
  });

  it("a list its loader reads for many entities, with a list nested on its relations' ends", () => {
    const query = `{ entities(kinds: [ORGANISATION], first: 10) { edges { node { slug
      relations(types: [MEMBERSHIP], first: 10) { edges { node { from { slug relations(first: 1) { totalCount } } } } }
    } } } }`;
    const statement = listsOfEntitiesStatement(listPlan(query, ['entities', 'edges', 'node', 'relations']));
    expect(statement).toMatchSnapshot();
  });
});
