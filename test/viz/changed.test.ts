import { describe, expect, it } from 'vitest';
import { changed, same } from '../../viz/src/changed.js';
import { parseState } from '../../viz/src/url-state.js';

describe('redraw guards', () => {
  it('compares by value: a URL read twice is the same view', () => {
    const search = '?types=HOSTING,MEMBERSHIP&from=picasoft&to=la-coalition&avoid=framasoft';
    expect(same(parseState(search), parseState(search))).toBe(true);
    expect(same(parseState(search), parseState(`${search}&year=2019`))).toBe(false);
  });

  it('compares arrays, maps and nested objects item by item', () => {
    expect(same(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(same(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(same(new Map([['e1', 'joins']]), new Map([['e1', 'joins']]))).toBe(true);
    expect(same(new Map([['e1', 'joins']]), new Map([['e1', 'leaves']]))).toBe(false);
    expect(same({ kind: 'empty', filtered: true }, { kind: 'empty', filtered: true })).toBe(true);
    expect(same({ kind: 'empty', filtered: true }, { kind: 'empty' })).toBe(false);
    expect(same(null, {})).toBe(false);
    expect(same([], {})).toBe(false);
  });

  it('redraws the first time, then only when a named input changes', () => {
    const drawn = { lang: 'en', focus: 'picasoft', view: 'map' };
    expect(changed(null, drawn, ['lang'])).toBe(true);
    expect(changed(drawn, { ...drawn, view: 'list' }, ['lang', 'focus'])).toBe(false);
    expect(changed(drawn, { ...drawn, focus: 'framasoft' }, ['lang', 'focus'])).toBe(true);
  });
});
