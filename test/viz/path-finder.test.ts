import { describe, expect, it } from 'vitest';
import type { RelationType } from '../../model/vocabulary.js';
import { translator } from '../../viz/src/i18n.js';
import {
  avoidList,
  hubIsEnd,
  type PathAnswer,
  pathResult,
  resultView,
  shownChain,
  stepChoice,
} from '../../viz/src/path-finder.js';
import { type EntityRef, PATH, pathVariables, type RelationDetails } from '../../viz/src/queries.js';
import type { PathQuery } from '../../viz/src/url-state.js';

const NAMES: Record<string, string> = {
  framasoft: 'Framasoft',
  picasoft: 'Picasoft',
  chatons: 'CHATONS',
  'la-coalition': 'L.A. Coalition',
  'la-quadrature-du-net': 'La Quadrature du Net',
};
const ref = (slug: string): EntityRef => ({ slug, name: NAMES[slug] ?? slug, kind: 'ORGANISATION' });
const relation = (id: string, type: RelationType, from: string, to: string): RelationDetails => ({
  id,
  type,
  from: ref(from),
  to: ref(to),
  sources: [],
});
const ask = (from: string, to: string, options: Partial<PathQuery> = {}): PathQuery => ({
  from,
  to,
  maxLength: 4,
  avoid: [],
  ...options,
});
const ok = (...chains: RelationDetails[][]): PathAnswer => ({ status: 'ok', chains });
const en = translator('en');
const fr = translator('fr');

// picasoft —MEMBERSHIP→ chatons ←RHIZOME— framasoft —RHIZOME→ la-coalition, and two ways round.
const viaFramasoft = [
  relation('r1', 'MEMBERSHIP', 'picasoft', 'chatons'),
  relation('r2', 'RHIZOME', 'framasoft', 'chatons'),
  relation('r3', 'RHIZOME', 'framasoft', 'la-coalition'),
];
const viaQuadrature = [
  relation('r1', 'MEMBERSHIP', 'picasoft', 'chatons'),
  relation('r4', 'COLLABORATION', 'chatons', 'la-quadrature-du-net'),
  relation('r5', 'MEMBERSHIP', 'la-quadrature-du-net', 'la-coalition'),
];
const viaDirect = [
  relation('r6', 'HOSTING', 'picasoft', 'chatons'),
  relation('r2', 'RHIZOME', 'framasoft', 'chatons'),
  relation('r3', 'RHIZOME', 'framasoft', 'la-coalition'),
];

describe('the path finder', () => {
  it('says plainly when there is no chain within N steps', () => {
    const none = (maxLength: number, avoid: string[] = []) =>
      pathResult(ask('picasoft', 'la-coalition', { maxLength, avoid }), ok(), 0, ref);
    expect(resultView(none(1), 'en', en).message).toBe('No chain within 1 step.');
    expect(resultView(none(3), 'en', en).message).toBe('No chain within 3 steps.');
    expect(resultView(none(3), 'fr', fr).message).toBe('Aucune chaîne en 3 étapes ou moins.');
    expect(resultView(none(1), 'fr', fr).message).toBe('Aucune chaîne en 1 étape ou moins.');
    expect(resultView(none(1), 'en', en)).toMatchObject({ error: false, notes: [], steps: [], choice: null });
    expect(resultView(none(2, ['framasoft']), 'en', en).notes).toEqual(['Chains through Framasoft were left out.']);
  });

  it('clears the previous result when both ends are the same entity', () => {
    const before = pathResult(ask('picasoft', 'la-coalition'), ok(viaFramasoft), 0, ref);
    expect(shownChain(before).map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);

    // The answer to the earlier question is still at hand: it must not be shown for this one.
    const same = pathResult(ask('picasoft', 'picasoft'), ok(viaFramasoft), 0, ref);
    expect(same).toEqual({ kind: 'same', entity: ref('picasoft') });
    expect(shownChain(same)).toEqual([]);
    expect(resultView(same, 'en', en)).toEqual({
      message: 'Both ends are the same entity: Picasoft.',
      error: false,
      notes: [],
      choice: null,
      steps: [],
    });
    expect(resultView(same, 'fr', fr).message).toBe('Les deux bouts sont la même entité : Picasoft.');
  });

  it('steps through equally short chains, "1 of K"', () => {
    const chains = [viaFramasoft, viaQuadrature, viaDirect];
    const at = (index: number) => pathResult(ask('picasoft', 'la-coalition'), ok(...chains), index, ref);
    const first = resultView(at(0), 'en', en);
    expect(first.message).toBe('A chain of 3 relations links them:');
    expect(first.choice).toEqual({ text: '1 of 3', label: '3 equally short chains' });
    expect(resultView(at(0), 'fr', fr).choice?.text).toBe('1 sur 3');

    expect(stepChoice(0, 3, 1)).toBe(1);
    expect(stepChoice(2, 3, 1)).toBe(0);
    expect(stepChoice(0, 3, -1)).toBe(2);
    const second = resultView(at(stepChoice(0, 3, 1)), 'en', en);
    expect(second.choice?.text).toBe('2 of 3');
    expect(second.steps.map((s) => s.step.relation.id)).toEqual(['r1', 'r4', 'r5']);
    // The map highlights the chain on screen.
    expect(shownChain(at(2)).map((r) => r.id)).toEqual(['r6', 'r2', 'r3']);
    // A choice left over from a longer answer falls back to the last chain.
    expect(resultView(at(7), 'en', en).choice?.text).toBe('3 of 3');

    expect(resultView(pathResult(ask('picasoft', 'la-coalition'), ok(viaFramasoft), 0, ref), 'en', en).choice).toBe(
      null,
    );
  });

  it('writes each step out in words, in the relation’s own direction', () => {
    const view = resultView(pathResult(ask('picasoft', 'la-coalition'), ok(viaFramasoft), 0, ref), 'en', en);
    expect(view.steps.map((s) => [s.words.arrow, s.words.label, s.words.sentence])).toEqual([
      ['↓', 'Membership', 'Picasoft is a member of CHATONS'],
      ['↑', 'Rhizome (co-created)', 'Framasoft co-created CHATONS'],
      ['↓', 'Rhizome (co-created)', 'Framasoft co-created L.A. Coalition'],
    ]);
    const french = resultView(pathResult(ask('picasoft', 'chatons'), ok([viaDirect[0]!]), 0, ref), 'fr', fr);
    expect(french.steps.map((s) => s.words.sentence)).toEqual(['Picasoft héberge CHATONS']);
    expect(french.message).toBe('Une relation les relie :');
  });

  it('waits, and reports the API’s errors as errors', () => {
    expect(resultView(pathResult(ask('a', 'b'), { status: 'loading' }, 0, ref), 'en', en).message).toBe('Loading…');
    expect(resultView(pathResult(ask('a', 'b'), null, 0, ref), 'en', en).message).toBe('Loading…');
    const error = pathResult(ask('a', 'b'), { status: 'error', message: 'There is no entity “b”.' }, 0, ref);
    expect(resultView(error, 'en', en)).toMatchObject({ message: 'There is no entity “b”.', error: true });
    expect(resultView(pathResult(null, ok(viaFramasoft), 0, ref), 'en', en).message).toBe('');
  });

  it('avoids Framasoft only when it is not an end of the chain', () => {
    expect(avoidList(true, 'picasoft', 'la-coalition')).toEqual(['framasoft']);
    expect(avoidList(false, 'picasoft', 'la-coalition')).toEqual([]);
    expect(avoidList(true, 'framasoft', 'la-coalition')).toEqual([]);
    expect(hubIsEnd('picasoft', 'framasoft')).toBe(true);
    expect(hubIsEnd('picasoft', null)).toBe(false);
  });

  it('asks the API with the options of the question', () => {
    expect(pathVariables(ask('picasoft', 'la-coalition'))).toEqual({
      from: 'picasoft',
      to: 'la-coalition',
      maxLength: 4,
    });
    expect(pathVariables(ask('picasoft', 'la-coalition', { maxLength: 6, avoid: ['framasoft'] }))).toEqual({
      from: 'picasoft',
      to: 'la-coalition',
      maxLength: 6,
      avoid: ['framasoft'],
    });
    expect(PATH.text).toContain('$maxLength: Int = 4');
    expect(PATH.text).toContain('avoid: $avoid');
  });
});
