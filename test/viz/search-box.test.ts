import { describe, expect, it } from 'vitest';
import { focusedName, followedText } from '../../viz/src/search-box.js';
import { parseState, type ViewState } from '../../viz/src/url-state.js';
import { GRAPH } from './fixtures.js';

/** The toolbar's field through a series of view states, as `follow` drives it; `typed` is what the visitor types in between. */
function fieldThrough(steps: ({ state: ViewState } | { typed: string })[]): string[] {
  let field = '';
  let followed: string | null = null;
  const seen: string[] = [];
  for (const step of steps) {
    if ('typed' in step) field = step.typed;
    else {
      const next = followedText(followed, focusedName(step.state.focus, GRAPH.nodes));
      if (next !== null) {
        followed = next;
        field = next;
      }
    }
    seen.push(field);
  }
  return seen;
}

describe('the toolbar search box', () => {
  it('shows the focused entity’s name after a state change (Back, a click on the map)', () => {
    expect(
      fieldThrough([
        { state: parseState('?focus=picasoft') },
        // A click on CHATONS on the map.
        { state: parseState('?focus=chatons') },
        // Back.
        { state: parseState('?focus=picasoft') },
        // Back to the overview: nothing is focused.
        { state: parseState('') },
      ]),
    ).toEqual(['Picasoft', 'CHATONS', 'Picasoft', '']);
  });

  it('leaves what the visitor is typing alone while the view stays the same', () => {
    expect(
      fieldThrough([
        { state: parseState('?focus=picasoft') },
        { typed: 'chat' },
        // The details arrive, a filter changes: the focus is the same.
        { state: parseState('?focus=picasoft') },
        { state: parseState('?focus=picasoft&year=2019') },
        { state: parseState('?focus=peertube') },
      ]),
    ).toEqual(['Picasoft', 'chat', 'chat', 'chat', 'PeerTube']);
  });

  it('names the focus once the graph is there, and keeps a slug the graph does not hold', () => {
    expect(focusedName('picasoft', null)).toBe('');
    expect(focusedName(null, GRAPH.nodes)).toBe('');
    expect(focusedName('pouhiou', GRAPH.nodes)).toBe('Pouhiou');
    expect(focusedName('no-such-entity', GRAPH.nodes)).toBe('no-such-entity');
  });
});
