import { describe, expect, it } from 'vitest';
import { orderPath } from '../../viz/src/path.js';
import type { RelationDetails } from '../../viz/src/queries.js';

const entity = (slug: string) => ({ slug, name: slug.toUpperCase(), kind: 'ORGANISATION' as const });
const relation = (id: string, from: string, to: string): RelationDetails => ({
  id,
  type: 'COLLABORATION',
  from: entity(from),
  to: entity(to),
  sources: [],
});

describe('orderPath', () => {
  it('walks the relations from the start, whatever their direction', () => {
    // picasoft ← framasoft → la-coalition, listed out of order.
    const steps = orderPath('picasoft', [
      relation('b', 'framasoft', 'la-coalition'),
      relation('a', 'framasoft', 'picasoft'),
    ]);
    expect(steps.map((s) => [s.from.slug, s.to.slug, s.forward, s.relation.id])).toEqual([
      ['picasoft', 'framasoft', false, 'a'],
      ['framasoft', 'la-coalition', true, 'b'],
    ]);
  });

  it('is empty for an empty path', () => {
    expect(orderPath('x', [])).toEqual([]);
  });
});
