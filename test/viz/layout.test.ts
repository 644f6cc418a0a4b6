import { describe, expect, it } from 'vitest';
import { DRAFT_ABOVE, layoutOptions, seededRandom, withRandom } from '../../viz/src/layout.js';

describe('repeatable layout', () => {
  it('draws the same numbers from the same seed', () => {
    const a = seededRandom(2020);
    const b = seededRandom(2020);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(1)()).not.toBe(first[0]);
  });

  it('lends Math.random for the duration of a run only, even if it throws', () => {
    const original = Math.random;
    expect(
      withRandom(
        () => 0.25,
        () => Math.random(),
      ),
    ).toBe(0.25);
    expect(Math.random).toBe(original);
    expect(() =>
      withRandom(
        () => 0,
        () => {
          throw new Error('boom');
        },
      ),
    ).toThrow('boom');
    expect(Math.random).toBe(original);
  });

  it('uses the spectral draft only for big graphs', () => {
    expect(layoutOptions(300)).toMatchObject({ name: 'fcose', quality: 'default', animate: false });
    expect(layoutOptions(DRAFT_ABOVE + 1)).toMatchObject({ quality: 'draft' });
  });
});
