import { describe, expect, it } from 'vitest';
import { ENTITY_KINDS } from '../../api/model/vocabulary.js';
import {
  countByKind,
  countByType,
  graphVariables,
  isActiveIn,
  isFiltered,
  NO_FILTERS,
  normaliseSelection,
  visibleSet,
  yearBounds,
  yearOf,
} from '../../viz/src/filters.js';
import { GRAPH } from './fixtures.js';

const sorted = (set: Set<string>) => [...set].sort();

describe('yearOf and isActiveIn', () => {
  it('reads the year of partial dates', () => {
    expect(yearOf('2014')).toBe(2014);
    expect(yearOf('2019-12')).toBe(2019);
    expect(yearOf('2020-10-27')).toBe(2020);
    expect(yearOf(null)).toBeNull();
    expect(yearOf(undefined)).toBeNull();
  });

  it('keeps relations whose interval overlaps the year, open ends open', () => {
    expect(isActiveIn({ since: '2016', until: null }, 2020)).toBe(true);
    expect(isActiveIn({ since: '2016', until: null }, 2015)).toBe(false);
    expect(isActiveIn({ since: null, until: '2018-06' }, 2018)).toBe(true);
    expect(isActiveIn({ since: null, until: '2018-06' }, 2019)).toBe(false);
    expect(isActiveIn({ since: '2019-12', until: '2020-01' }, 2019)).toBe(true);
    expect(isActiveIn({ since: '2019-12', until: '2020-01' }, 2020)).toBe(true);
    expect(isActiveIn({}, 1990)).toBe(true);
  });
});

describe('visibleSet', () => {
  it('shows every relation and its ends when nothing is filtered, leaving out entities with no tie', () => {
    const visible = visibleSet(GRAPH, NO_FILTERS);
    expect(sorted(visible.edges)).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(sorted(visible.nodes)).toEqual(['chatons', 'framasoft', 'peertube', 'picasoft', 'pouhiou']);
  });

  it('filters by relation type, dropping entities left without a relation', () => {
    const visible = visibleSet(GRAPH, { ...NO_FILTERS, types: ['RHIZOME', 'MEMBERSHIP'] });
    expect(sorted(visible.edges)).toEqual(['r1', 'r2']);
    expect(sorted(visible.nodes)).toEqual(['chatons', 'framasoft', 'picasoft']);
  });

  it('filters by kind at both ends of a relation', () => {
    const visible = visibleSet(GRAPH, { ...NO_FILTERS, kinds: ['ORGANISATION', 'PROJECT'] });
    expect(sorted(visible.edges)).toEqual(['r1', 'r2', 'r3']);
    expect(visible.nodes.has('pouhiou')).toBe(false);
  });

  it('shows the archipelago as it was in a year', () => {
    expect(sorted(visibleSet(GRAPH, { ...NO_FILTERS, year: 2015 }).edges)).toEqual(['r4']);
    expect(sorted(visibleSet(GRAPH, { ...NO_FILTERS, year: 2017 }).edges)).toEqual(['r1', 'r3', 'r4']);
    expect(sorted(visibleSet(GRAPH, { ...NO_FILTERS, year: 2020 }).edges)).toEqual(['r1', 'r2', 'r4']);
    expect(sorted(visibleSet(GRAPH, { ...NO_FILTERS, year: 2015 }).nodes)).toEqual(['framasoft', 'pouhiou']);
  });

  it('keeps forced entities and relations (focus, path) whatever the filters', () => {
    const visible = visibleSet(
      GRAPH,
      { types: [], kinds: null, year: null },
      { nodes: ['lonely', 'unknown'], edges: ['r3'] },
    );
    expect(sorted(visible.nodes)).toEqual(['framasoft', 'lonely', 'peertube']);
    expect(sorted(visible.edges)).toEqual(['r3']);
  });

  it('ignores relations whose ends are missing', () => {
    const graph = {
      ...GRAPH,
      edges: [...GRAPH.edges, { id: 'x', type: 'USES' as const, from: { slug: 'ghost' }, to: { slug: 'framasoft' } }],
    };
    expect(visibleSet(graph, NO_FILTERS).edges.has('x')).toBe(false);
  });
});

describe('legend counts', () => {
  it('counts each type as if it were switched on, under the other filters', () => {
    const counts = countByType(GRAPH, { types: ['RHIZOME'], kinds: null, year: 2020 });
    expect(Object.fromEntries(counts)).toEqual({ RHIZOME: 1, MEMBERSHIP: 1, WORKS_FOR: 1 });
  });

  it('counts entities per kind as if every kind were shown', () => {
    const counts = countByKind(GRAPH, { types: null, kinds: ['PERSON'], year: null });
    expect(Object.fromEntries(counts)).toEqual({ ORGANISATION: 3, PROJECT: 1, PERSON: 1 });
  });
});

describe('graphVariables', () => {
  it('leaves unset filters out, so the link shows only what matters', () => {
    expect(graphVariables(NO_FILTERS, null)).toEqual({});
    expect(
      graphVariables({ types: ['HOSTING'], kinds: ['PERSON'], year: 2019 }, { focus: 'framasoft', depth: 1 }),
    ).toEqual({
      types: ['HOSTING'],
      kinds: ['PERSON'],
      activeIn: 2019,
      focus: 'framasoft',
      depth: 1,
    });
  });

  it('knows when a filter is on', () => {
    expect(isFiltered(NO_FILTERS)).toBe(false);
    expect(isFiltered({ ...NO_FILTERS, year: 2020 })).toBe(true);
  });
});

describe('yearBounds', () => {
  it('spans at least 2014–2021', () => {
    expect(yearBounds({ nodes: [], edges: [] })).toEqual({ min: 2014, max: 2021 });
  });

  it('widens to later dates but clamps a far-off past', () => {
    const graph = {
      nodes: [],
      edges: [
        { id: 'a', type: 'USES' as const, since: '2008', until: '2023-05', from: { slug: 'x' }, to: { slug: 'y' } },
      ],
    };
    expect(yearBounds(graph)).toEqual({ min: 2014, max: 2023 });
    expect(yearBounds(graph, 2000)).toEqual({ min: 2008, max: 2023 });
  });
});

describe('normaliseSelection', () => {
  it('is null when everything is selected, else the selection in vocabulary order', () => {
    expect(normaliseSelection([...ENTITY_KINDS].reverse(), ENTITY_KINDS)).toBeNull();
    expect(normaliseSelection(['EVENT', 'PERSON', 'EVENT'], ENTITY_KINDS)).toEqual(['PERSON', 'EVENT']);
    expect(normaliseSelection([], ENTITY_KINDS)).toEqual([]);
  });
});
