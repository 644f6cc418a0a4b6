import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { documentOf, ENTITY, GRAPH, graphiqlHref, PATH, RELATION, SEARCH } from '../../viz/src/queries.js';

describe('the operations the map sends', () => {
  // The published contract, printed from the API's code (a test keeps it in sync).
  const schema = buildSchema(readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));

  it.each([GRAPH, ENTITY, RELATION, SEARCH, PATH])('$name is valid against schema/schema.graphql', (operation) => {
    const errors = validate(schema, parse(documentOf([operation])));
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it('combine into one valid document, each fragment once', () => {
    const document = documentOf([GRAPH, ENTITY, PATH, RELATION]);
    expect(document.match(/fragment RelationFields/g)).toHaveLength(1);
    expect(validate(schema, parse(document))).toEqual([]);
  });
});

describe('graphiqlHref', () => {
  it('pre-fills GraphiQL with the operations and variables', () => {
    const href = graphiqlHref('graphql', [GRAPH, ENTITY], { activeIn: 2020, slug: 'picasoft' });
    const url = new URL(href, 'http://archipel.test/');
    expect(url.pathname).toBe('/graphql');
    expect(url.searchParams.get('query')).toBe(documentOf([GRAPH, ENTITY]));
    expect(JSON.parse(url.searchParams.get('variables') ?? '')).toEqual({ activeIn: 2020, slug: 'picasoft' });
    expect(url.searchParams.get('operationName')).toBe('ArchipelGraph');
  });

  it('leaves variables out when there are none', () => {
    expect(new URL(graphiqlHref('graphql', [GRAPH], {}), 'http://x/').searchParams.has('variables')).toBe(false);
  });
});
