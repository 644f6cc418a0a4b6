import { describe, expect, it } from 'vitest';
import { ENTITY_KINDS } from '../../model/vocabulary.js';
import {
  countByKind,
  countByType,
  countChanges,
  type FilterState,
  graphVariables,
  isFiltered,
  NO_FILTERS,
  normaliseSelection,
  visibleSet,
  yearBounds,
} from '../../viz/src/filters.js';
import { GRAPH, TIMED } from './fixtures.js';

const sorted = (set: Iterable<string>) => [...set].sort();
const inYear = (year: number): FilterState => ({ ...NO_FILTERS, year });
const changedIn = (year: number): FilterState => ({ ...NO_FILTERS, year, yearMode: 'changes' });

describe('visibleSet', () => {
  it('shows every relation and its ends when nothing is filtered, leaving out entities with no tie', () => {
    const visible = visibleSet(GRAPH, NO_FILTERS);
    expect(sorted(visible.edges)).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(sorted(visible.nodes)).toEqual(['chatons', 'framasoft', 'peertube', 'picasoft', 'pouhiou']);
    expect(visible.changed.size).toBe(0);
  });

  it('filters by relation type, dropping entities left without a relation', () => {
    const visible = visibleSet(GRAPH, { ...NO_FILTERS, types: ['RHIZOME', 'MEMBERSHIP'] });
    expect(sorted(visible.edges)).toEqual(['r1', 'r2']);
    expect(sorted(visible.nodes)).toEqual(['chatons', 'framasoft', 'picasoft']);
  });

  it('keeps forced entities and relations (focus, path) whatever the filters', () => {
    const visible = visibleSet(GRAPH, { ...NO_FILTERS, types: [] }, { nodes: ['lonely', 'unknown'], edges: ['r3'] });
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

describe('the year control, active in a year', () => {
  it('does not show an undated relation in 2014, only in the report’s year', () => {
    expect(visibleSet(TIMED, inYear(2014)).edges.has('pouhiou-works')).toBe(false);
    expect(visibleSet(TIMED, inYear(2019)).edges.has('pouhiou-works')).toBe(false);
    expect(visibleSet(TIMED, inYear(2020)).edges.has('pouhiou-works')).toBe(true);
  });

  it('shows a relation to an event in the event’s year only', () => {
    const speaks = (year: number) => visibleSet(TIMED, inYear(year)).edges.has('pouhiou-speaks');
    expect([2018, 2019, 2020].map(speaks)).toEqual([false, true, false]);
  });

  it('keeps a dated relation with no end open: still active in 2025', () => {
    expect(visibleSet(TIMED, inYear(2016)).edges.has('develops')).toBe(false);
    expect(visibleSet(TIMED, inYear(2025)).edges.has('develops')).toBe(true);
  });

  it('shows the archipelago as it was in a year, entities with it', () => {
    const in2014 = visibleSet(TIMED, inYear(2014));
    expect(sorted(in2014.edges)).toEqual([
      'pad-sesamath',
      'pad-sesamath~software',
      'pad-wikimedia',
      'pad-wikimedia~software',
    ]);
    expect(sorted(in2014.nodes)).toEqual(['etherpad', 'framasoft', 'sesamath', 'wikimedia-france']);
    expect(sorted(visibleSet(GRAPH, inYear(2017)).edges)).toEqual(['r1', 'r3']);
    expect(sorted(visibleSet(GRAPH, inYear(2020)).edges)).toEqual(['r1', 'r2', 'r4']);
    expect(sorted(visibleSet(GRAPH, inYear(2015)).nodes)).toEqual([]);
  });
});

describe('the year control, what changed in a year', () => {
  it('shows the relations that started or ended that year, and says which', () => {
    const in2014 = visibleSet(TIMED, changedIn(2014));
    expect(Object.fromEntries(in2014.changed)).toEqual({ 'pad-sesamath': 'started', 'pad-wikimedia': 'started' });
    const in2019 = visibleSet(TIMED, changedIn(2019));
    expect(sorted(in2019.edges)).toEqual(['pad-wikimedia', 'pad-wikimedia~software']);
    expect(sorted(in2019.nodes)).toEqual(['etherpad', 'framasoft', 'wikimedia-france']);
    expect(Object.fromEntries(in2019.changed)).toEqual({ 'pad-wikimedia': 'ended' });
  });

  it('goes by the relation’s own dates: an event or the report’s year bounds a relation but starts nothing', () => {
    const in2020 = visibleSet(TIMED, changedIn(2020));
    expect(Object.fromEntries(in2020.changed)).toEqual({ 'theo-works': 'both' });
    expect(sorted(visibleSet(TIMED, changedIn(2017)).edges)).toEqual(['develops']);
    expect(visibleSet(TIMED, changedIn(2018)).edges.size).toBe(0);
  });

  it('counts how many started and how many ended, a relation that did both in each', () => {
    expect(countChanges(visibleSet(TIMED, changedIn(2014)))).toEqual({ started: 2, ended: 0, both: 0 });
    expect(countChanges(visibleSet(TIMED, changedIn(2019)))).toEqual({ started: 0, ended: 1, both: 0 });
    expect(countChanges(visibleSet(TIMED, changedIn(2020)))).toEqual({ started: 1, ended: 1, both: 1 });
    expect(countChanges(visibleSet(TIMED, inYear(2020)))).toEqual({ started: 0, ended: 0, both: 0 });
  });
});

describe('the kind filter, either end', () => {
  it('with only Person ticked, shows each relation with a person at one end, and its other end', () => {
    const visible = visibleSet(TIMED, { ...NO_FILTERS, kinds: ['PERSON'] });
    expect(sorted(visible.edges)).toEqual(['pouhiou-speaks', 'pouhiou-works', 'theo-works']);
    expect(sorted(visible.nodes)).toEqual(['framasoft', 'jdll', 'pouhiou', 'theo']);
  });

  it('shows no relation whose ends are both of unticked kinds', () => {
    const visible = visibleSet(GRAPH, { ...NO_FILTERS, kinds: ['PROJECT'] });
    expect(sorted(visible.edges)).toEqual(['r3']);
    expect(sorted(visible.nodes)).toEqual(['framasoft', 'peertube']);
  });

  it('counts, per kind, the entities of that kind that ticking it would show', () => {
    // Now: Pouhiou and Théo, with Framasoft and JDLL as their other ends. Ticking Project would add
    // PeerTube (through Framasoft's DEVELOPS) but not Etherpad, which comes only with a HOSTING shown.
    const counts = countByKind(TIMED, { ...NO_FILTERS, kinds: ['PERSON'] });
    expect(Object.fromEntries(counts)).toEqual({ ORGANISATION: 3, PROJECT: 1, PERSON: 2, EVENT: 1 });
    expect(Object.fromEntries(countByKind(TIMED, inYear(2014)))).toEqual({ ORGANISATION: 3, PROJECT: 1 });
  });
});

describe('software on the map', () => {
  it('shows the software edge of a HOSTING relation with it, and the software with its edge', () => {
    const visible = visibleSet(TIMED, { ...NO_FILTERS, types: ['HOSTING'] });
    expect(sorted(visible.edges)).toEqual([
      'pad-sesamath',
      'pad-sesamath~software',
      'pad-wikimedia',
      'pad-wikimedia~software',
    ]);
    expect(sorted(visible.nodes)).toEqual(['etherpad', 'framasoft', 'sesamath', 'wikimedia-france']);
  });

  it('hides it with its relation', () => {
    const in2020 = visibleSet(TIMED, inYear(2020));
    expect(in2020.edges.has('pad-wikimedia')).toBe(false);
    expect(in2020.edges.has('pad-wikimedia~software')).toBe(false);
    expect(in2020.edges.has('pad-sesamath~software')).toBe(true);
    const noHosting = visibleSet(TIMED, { ...NO_FILTERS, types: ['DEVELOPS', 'WORKS_FOR'] });
    expect(sorted(noHosting.edges)).toEqual(['develops', 'pouhiou-works', 'theo-works']);
    expect(noHosting.nodes.has('etherpad')).toBe(false);
  });

  it('follows a HOSTING relation forced into view (a step of a path)', () => {
    const visible = visibleSet(TIMED, { ...NO_FILTERS, types: [] }, { edges: ['pad-sesamath'] });
    expect(sorted(visible.edges)).toEqual(['pad-sesamath', 'pad-sesamath~software']);
    expect(sorted(visible.nodes)).toEqual(['etherpad', 'framasoft', 'sesamath']);
  });
});

describe('legend counts by type', () => {
  it('counts each type as if it were switched on, under the other filters, software edges aside', () => {
    const counts = countByType(GRAPH, { ...NO_FILTERS, types: ['RHIZOME'], year: 2020 });
    expect(Object.fromEntries(counts)).toEqual({ RHIZOME: 1, MEMBERSHIP: 1, WORKS_FOR: 1 });
    expect(Object.fromEntries(countByType(TIMED, inYear(2014)))).toEqual({ HOSTING: 2 });
  });
});

describe('graphVariables', () => {
  it('leaves unset filters out, so the link shows only what matters', () => {
    expect(graphVariables(NO_FILTERS, null)).toEqual({});
    expect(
      graphVariables(
        { ...NO_FILTERS, types: ['HOSTING'], kinds: ['PERSON'], year: 2019 },
        { focus: 'framasoft', depth: 1 },
      ),
    ).toEqual({
      types: ['HOSTING'],
      kinds: ['PERSON'],
      activeIn: 2019,
      focus: 'framasoft',
      depth: 1,
    });
  });

  it('has no argument for "changed in a year", which `graph` cannot say in one', () => {
    expect(graphVariables(changedIn(2019), null)).toEqual({});
  });

  it('knows when a filter is on', () => {
    expect(isFiltered(NO_FILTERS)).toBe(false);
    expect(isFiltered(inYear(2020))).toBe(true);
  });
});

describe('yearBounds', () => {
  it('spans at least 2014–2021', () => {
    expect(yearBounds({ nodes: [], edges: [] })).toEqual({ min: 2014, max: 2021 });
  });

  it('widens to later dates, events’ too, but clamps a far-off past', () => {
    const graph = {
      nodes: [{ id: 'E', slug: 'fest', name: 'Fest', kind: 'EVENT' as const, date: '2024-05-01' }],
      edges: [
        { id: 'a', type: 'USES' as const, since: '2008', until: '2023-05', from: { slug: 'x' }, to: { slug: 'y' } },
      ],
    };
    expect(yearBounds(graph)).toEqual({ min: 2014, max: 2024 });
    expect(yearBounds(graph, 2000)).toEqual({ min: 2008, max: 2024 });
  });
});

describe('normaliseSelection', () => {
  it('is null when everything is selected, else the selection in vocabulary order', () => {
    expect(normaliseSelection([...ENTITY_KINDS].reverse(), ENTITY_KINDS)).toBeNull();
    expect(normaliseSelection(['EVENT', 'PERSON', 'EVENT'], ENTITY_KINDS)).toEqual(['PERSON', 'EVENT']);
    expect(normaliseSelection([], ENTITY_KINDS)).toEqual([]);
  });
});
