import { describe, expect, it } from 'vitest';
import {
  INITIAL_STATE,
  neighbourhoodOf,
  parseState,
  sameNeighbourhood,
  stateToSearch,
  type ViewState,
} from '../../viz/src/url-state.js';

describe('URL state', () => {
  it('gives the initial view a bare URL', () => {
    expect(stateToSearch(INITIAL_STATE)).toBe('');
    expect(parseState('')).toEqual(INITIAL_STATE);
  });

  it('round-trips every field', () => {
    const state: ViewState = {
      types: ['HOSTING', 'MEMBERSHIP'],
      kinds: ['ORGANISATION'],
      year: 2019,
      yearMode: 'changes',
      focus: 'picasoft',
      depth: 2,
      relation: 'UmVsYXRpb246SE9TVElORzp4',
      path: { from: 'picasoft', to: 'la-coalition', maxLength: 5, avoid: ['framasoft'] },
      view: 'list',
      lang: 'en',
      embed: true,
    };
    const search = stateToSearch(state);
    expect(search).toBe(
      '?focus=picasoft&depth=2&rel=UmVsYXRpb246SE9TVElORzp4&types=HOSTING,MEMBERSHIP&kinds=ORGANISATION&year=2019&yearMode=changes&from=picasoft&to=la-coalition&pathMax=5&avoid=framasoft&view=list&lang=en&embed=1',
    );
    expect(parseState(search)).toEqual(state);
  });

  it('tells "no type filter" (absent) from "no type shown" (empty)', () => {
    expect(parseState('?types=').types).toEqual([]);
    expect(stateToSearch({ ...INITIAL_STATE, types: [] })).toBe('?types=');
    expect(parseState('?kinds=ORGANISATION,PROJECT,PERSON,EVENT').kinds).toBeNull();
  });

  it('opens the closest valid view from a hand-edited link', () => {
    const state = parseState(
      '?types=hosting,NOPE&kinds=person&year=twenty&focus=Not A Slug&depth=9&view=grid&lang=de&embed=yes',
    );
    expect(state).toEqual({ ...INITIAL_STATE, types: ['HOSTING'], kinds: ['PERSON'] });
    expect(parseState('?depth=1').depth).toBeNull();
    expect(parseState('?from=a').path).toBeNull();
  });

  it('keeps the year mode only with a year, where it means something', () => {
    expect(parseState('?year=2019&yearMode=changes').yearMode).toBe('changes');
    expect(parseState('?year=2019&yearMode=nonsense').yearMode).toBe('active');
    expect(parseState('?yearMode=changes')).toEqual(INITIAL_STATE);
    expect(stateToSearch({ ...INITIAL_STATE, year: 2019 })).toBe('?year=2019');
    expect(stateToSearch({ ...INITIAL_STATE, yearMode: 'changes' })).toBe('');
  });

  it('keeps a path question with its options, which the URL holds only when they differ from the defaults', () => {
    expect(parseState('?from=picasoft&to=la-coalition').path).toEqual({
      from: 'picasoft',
      to: 'la-coalition',
      maxLength: 4,
      avoid: [],
    });
    // The same entity at both ends is a fair question: its answer is "the same entity".
    expect(parseState('?from=picasoft&to=picasoft').path).toMatchObject({ from: 'picasoft', to: 'picasoft' });
    // Out of range lengths fall back to the default; an end is never avoided.
    expect(parseState('?from=a&to=b&pathMax=9&avoid=a,framasoft,framasoft,Bad Slug').path).toEqual({
      from: 'a',
      to: 'b',
      maxLength: 4,
      avoid: ['framasoft'],
    });
    expect(stateToSearch({ ...INITIAL_STATE, path: { from: 'a', to: 'b', maxLength: 4, avoid: [] } })).toBe(
      '?from=a&to=b',
    );
  });

  it('refetches only when the neighbourhood changes', () => {
    const whole = parseState('?focus=framasoft');
    const hood = parseState('?focus=framasoft&depth=1');
    expect(neighbourhoodOf(whole)).toBeNull();
    expect(neighbourhoodOf(hood)).toEqual({ focus: 'framasoft', depth: 1 });
    expect(sameNeighbourhood(whole, parseState('?focus=chatons&year=2020'))).toBe(true);
    expect(sameNeighbourhood(hood, parseState('?focus=chatons&depth=1'))).toBe(false);
  });
});
