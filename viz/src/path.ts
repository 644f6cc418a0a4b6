/**
 * The `path` query's relations → a readable chain from the first entity to the second.
 * Relations keep their own direction ("A hosts B"), so a step may be walked backwards.
 */
import type { EntityRef, RelationDetails } from './queries.js';

export interface PathStep {
  relation: RelationDetails;
  /** The entity the step leaves from, walking the path from its start. */
  from: EntityRef;
  to: EntityRef;
  /** False when the relation points against the walk (the step's `to` is the relation's `from`). */
  forward: boolean;
}

export function orderPath(start: string, relations: readonly RelationDetails[]): PathStep[] {
  const remaining = [...relations];
  const steps: PathStep[] = [];
  let current = start;
  while (remaining.length > 0) {
    const index = remaining.findIndex((r) => r.from.slug === current || r.to.slug === current);
    if (index < 0) break;
    const [relation] = remaining.splice(index, 1);
    if (!relation) break;
    const forward = relation.from.slug === current;
    steps.push({
      relation,
      from: forward ? relation.from : relation.to,
      to: forward ? relation.to : relation.from,
      forward,
    });
    current = forward ? relation.to.slug : relation.from.slug;
  }
  return steps;
}
