/**
 * The `path` query's relations → a readable chain from the first entity to the second.
 * Relations keep their own direction ("A hosts B"), so a step may be walked backwards.
 */
import { type Lang, relationLabel } from './i18n.js';
import type { EntityRef, RelationDetails } from './queries.js';
import { relationPhrase, relationSentence } from './relation-words.js';

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

export interface StepWords {
  /** Drawn, not read: whether the walk follows the relation (↓) or goes against it (↑). */
  arrow: '↓' | '↑';
  /** The relation type's label, as the legend names it. */
  label: string;
  /**
   * What links the step's two entities, in words and in the walk's direction: "hosts" forward,
   * "is hosted by" backward, so that the chain reads down the list ("Picasoft / is hosted by
   * Framasoft / co-created CHATONS").
   */
  phrase: string;
  /**
   * What a screen reader says for the step: arrows read as "down arrow", and a chain walked
   * backwards reads wrongly ("Picasoft, Hosting, Framasoft"), so the relation is written out
   * in its own direction: "Framasoft hosts Picasoft".
   */
  sentence: string;
}

export function stepWords(step: PathStep, lang: Lang): StepWords {
  const { relation } = step;
  return {
    arrow: step.forward ? '↓' : '↑',
    label: relationLabel(relation.type, lang),
    phrase: relationPhrase(relation.type, step.forward, lang),
    sentence: relationSentence(relation.type, relation.from.name, relation.to.name, lang),
  };
}
