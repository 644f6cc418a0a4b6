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
      focus: 'picasoft',
      depth: 2,
      relation: 'UmVsYXRpb246SE9TVElORzp4',
      path: { from: 'picasoft', to: 'la-coalition' },
      view: 'list',
      lang: 'en',
      embed: true,
    };
    const search = stateToSearch(state);
    expect(search).toBe(
      '?focus=picasoft&depth=2&rel=UmVsYXRpb246SE9TVElORzp4&types=HOSTING,MEMBERSHIP&kinds=ORGANISATION&year=2019&from=picasoft&to=la-coalition&view=list&lang=en&embed=1',
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
    expect(parseState('?from=a&to=a').path).toBeNull();
    expect(parseState('?from=a').path).toBeNull();
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
