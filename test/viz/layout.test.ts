import { describe, expect, it } from 'vitest';
import { layoutOptions, seededRandom, withRandom } from '../../viz/src/layout.js';

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

  it('runs fcose to completion, without animation or fitting (the map fits around Framasoft)', () => {
    expect(layoutOptions()).toMatchObject({ name: 'fcose', quality: 'default', animate: false, fit: false });
  });
});
