/**
 * Redraw guards. A panel keeps the inputs it was last drawn from and redraws only when one of
 * the inputs it names changed: redrawing on every `apply` would throw away the keyboard focus,
 * the scroll position and half-typed filters, and make screen readers repeat themselves.
 */

/**
 * Equal by value: primitives by `Object.is`, arrays and maps item by item, plain objects key by
 * key. The same object is equal at once, so an unchanged graph costs nothing to compare.
 */
export function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => same(item, b[i]));
  }
  if (a instanceof Map || b instanceof Map) {
    return (
      a instanceof Map &&
      b instanceof Map &&
      a.size === b.size &&
      [...a].every(([key, value]) => b.has(key) && same(value, b.get(key)))
    );
  }
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => key in b && same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

/**
 * Whether any of `keys` differs between what was last drawn (`null`: nothing yet) and what
 * would be drawn now.
 *
 * Usage: `if (!changed(this.drawn, inputs, ['lang', 'focus'])) return;`
 */
export function changed<T extends object>(previous: T | null, next: T, keys: readonly (keyof T)[]): boolean {
  return previous === null || keys.some((key) => !same(previous[key], next[key]));
}
