/**
 * "How is X connected to Y?": two entity pickers, how long a chain may be, whether to go round
 * Framasoft, and the chains the API's `paths` returns. What is asked lives in the view state
 * (the URL); this panel shows it and sends the visitor's changes back through the handlers.
 *
 * The wording of each answer is a pure function of the result (`resultView`), tested without a
 * browser; the DOM part only lays it out.
 */
import { h, replaceChildren, uniqueId } from './dom.js';
import type { Lang, Translate } from './i18n.js';
import { orderPath, type PathStep, type StepWords, stepWords } from './path.js';
import { type EntityRef, PATH_LONGEST, PATH_MAX_LENGTH, type RelationDetails } from './queries.js';
import { searchBox } from './search-box.js';
import type { PathQuery } from './url-state.js';

/**
 * The hub every partner is tied to: through it, most chains are two steps long and say little
 * about how partners relate to each other, hence the option to go round it.
 */
export const HUB = 'framasoft';

export interface PathFinderHandlers {
  search(text: string, signal: AbortSignal): Promise<EntityRef[]>;
  onFind(query: PathQuery): void;
  onClear(): void;
  onEntity(slug: string): void;
  onRelation(id: string): void;
  /** Another of the equally short chains was picked (its index in the answer). */
  onChoice(index: number): void;
}

/** The answer to the current question, as far as it has arrived. */
export type PathAnswer =
  | { status: 'loading' }
  | { status: 'ok'; chains: RelationDetails[][] }
  | { status: 'error'; message: string };

export type PathResult =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'same'; entity: EntityRef }
  | { kind: 'none'; maxLength: number; avoiding: readonly string[] }
  | { kind: 'found'; from: string; chains: RelationDetails[][]; index: number };

/**
 * What the panel shows for a question. Both ends the same entity is answered at once, whatever
 * answer for an earlier question is still at hand.
 */
export function pathResult(
  query: PathQuery | null,
  answer: PathAnswer | null,
  choice: number,
  refOf: (slug: string) => EntityRef,
): PathResult {
  if (!query) return { kind: 'idle' };
  if (query.from === query.to) return { kind: 'same', entity: refOf(query.from) };
  if (!answer || answer.status === 'loading') return { kind: 'loading' };
  if (answer.status === 'error') return { kind: 'error', message: answer.message };
  if (answer.chains.length === 0) return { kind: 'none', maxLength: query.maxLength, avoiding: query.avoid };
  const index = Math.min(Math.max(choice, 0), answer.chains.length - 1);
  return { kind: 'found', from: query.from, chains: answer.chains, index };
}

/** The relations of the chain on screen (none unless a chain was found). */
export function shownChain(result: PathResult): RelationDetails[] {
  return result.kind === 'found' ? (result.chains[result.index] ?? []) : [];
}

/** Previous/next through the tied chains, round from the last to the first. */
export function stepChoice(index: number, count: number, delta: -1 | 1): number {
  return count > 0 ? (index + delta + count) % count : 0;
}

/** Going round the hub means nothing when the hub is an end of the chain. */
export function hubIsEnd(from: string | null | undefined, to: string | null | undefined): boolean {
  return from === HUB || to === HUB;
}

export function avoidList(avoidHub: boolean, from: string, to: string): string[] {
  return avoidHub && !hubIsEnd(from, to) ? [HUB] : [];
}

export interface PathView {
  /** The one sentence that answers the question. */
  message: string;
  error: boolean;
  /** Further sentences (e.g. that Framasoft was left out). */
  notes: string[];
  /** "1 of 3" when several chains are equally short. */
  choice: { text: string; label: string } | null;
  steps: { step: PathStep; words: StepWords }[];
}

export function resultView(result: PathResult, lang: Lang, t: Translate): PathView {
  const view: PathView = { message: '', error: false, notes: [], choice: null, steps: [] };
  switch (result.kind) {
    case 'idle':
      return view;
    case 'loading':
      return { ...view, message: t('loadingDetails') };
    case 'error':
      return { ...view, message: result.message, error: true };
    case 'same':
      return { ...view, message: t('pathSame', { name: result.entity.name }) };
    case 'none':
      return {
        ...view,
        message: t('pathNone', { count: result.maxLength }),
        notes: result.avoiding.includes(HUB) ? [t('pathNoneAvoiding')] : [],
      };
    case 'found': {
      const steps = orderPath(result.from, shownChain(result));
      const count = result.chains.length;
      return {
        ...view,
        message: t('pathFound', { count: steps.length }),
        choice:
          count > 1
            ? { text: t('pathChoice', { index: result.index + 1, count }), label: t('pathTies', { count }) }
            : null,
        steps: steps.map((step) => ({ step, words: stepWords(step, lang) })),
      };
    }
  }
}

export interface PathFinder {
  root: HTMLElement;
  /** Shows the question of the view state; the visitor's half-made choices survive redraws of the same question. */
  sync(query: PathQuery | null, ends: { from: EntityRef; to: EntityRef } | null): void;
  setFrom(entity: EntityRef): void;
  showResult(result: PathResult): void;
}

export function pathFinder(lang: Lang, t: Translate, on: PathFinderHandlers): PathFinder {
  let from: EntityRef | null = null;
  let to: EntityRef | null = null;
  let choice = { index: 0, count: 0 };
  let synced: string | null = null;

  const maxLengthId = uniqueId('path-max');
  const maxLength = h(
    'select',
    { id: maxLengthId, class: 'path-max', onchange: () => tryFind() },
    Array.from({ length: PATH_LONGEST }, (_, i) => h('option', { value: i + 1 }, i + 1)),
  );
  maxLength.value = String(PATH_MAX_LENGTH);
  const avoidHub = h('input', { type: 'checkbox', class: 'path-avoid', onchange: () => tryFind() });
  const syncAvoid = () => {
    avoidHub.disabled = hubIsEnd(from?.slug, to?.slug);
  };

  const tryFind = () => {
    syncAvoid();
    if (!from || !to) return;
    on.onFind({
      from: from.slug,
      to: to.slug,
      maxLength: Number(maxLength.value),
      avoid: avoidList(avoidHub.checked, from.slug, to.slug),
    });
  };
  const common = { noMatch: t('searchNoMatch'), failed: t('searchFailed'), lang, search: on.search };
  const fromBox = searchBox({
    ...common,
    label: t('pathFrom'),
    placeholder: t('searchPlaceholder'),
    className: 'path-from',
    onChoose: (entity) => {
      from = entity;
      tryFind();
    },
  });
  const toBox = searchBox({
    ...common,
    label: t('pathTo'),
    placeholder: t('searchPlaceholder'),
    className: 'path-to',
    onChoose: (entity) => {
      to = entity;
      tryFind();
    },
  });

  const summary = h('p', {});
  const notes = h('div', {});
  const choiceText = h('span', { class: 'path-choice-text' });
  const pick = (delta: -1 | 1) => on.onChoice(stepChoice(choice.index, choice.count, delta));
  // Kept across answers, not redrawn: a keyboard user stepping through chains keeps the focus.
  const choiceGroup = h(
    'div',
    { class: 'path-choice', role: 'group', hidden: true },
    h(
      'button',
      { type: 'button', class: 'path-previous', title: t('pathPrevious'), 'aria-label': t('pathPrevious') },
      '‹',
    ),
    choiceText,
    h('button', { type: 'button', class: 'path-next', title: t('pathNext'), 'aria-label': t('pathNext') }, '›'),
  );
  choiceGroup.querySelector('.path-previous')?.addEventListener('click', () => pick(-1));
  choiceGroup.querySelector('.path-next')?.addEventListener('click', () => pick(1));
  const steps = h('ol', { class: 'path-steps', hidden: true });
  const output = h('div', { class: 'path-result', 'aria-live': 'polite' }, summary, choiceGroup, notes, steps);

  const form = h(
    'form',
    {
      class: 'path-form',
      onsubmit: ((event: Event) => {
        event.preventDefault();
        if (from && to) tryFind();
        else replaceChildren(summary, t('pathPickBoth'));
      }) as EventListener,
    },
    fromBox.root,
    toBox.root,
    h(
      'div',
      { class: 'path-options' },
      h('span', {}, h('label', { for: maxLengthId }, t('pathMaxLength')), ' ', maxLength),
      h('label', {}, avoidHub, ' ', t('pathAvoidHub')),
    ),
    h(
      'div',
      { class: 'path-buttons' },
      h('button', { type: 'submit' }, t('pathFind')),
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            from = null;
            to = null;
            fromBox.setValue('');
            toBox.setValue('');
            syncAvoid();
            on.onClear();
          },
        },
        t('pathClear'),
      ),
    ),
  );

  const root = h(
    'section',
    { class: 'path-finder', 'aria-labelledby': 'path-finder-title' },
    h('h2', { id: 'path-finder-title' }, t('pathFinder')),
    form,
    output,
  );

  const entityButton = (entity: EntityRef) =>
    h(
      'button',
      { type: 'button', class: 'entity-link', 'data-slug': entity.slug, onclick: () => on.onEntity(entity.slug) },
      entity.name,
    );

  return {
    root,
    sync(query, ends) {
      const key = JSON.stringify([query, ends?.from.name, ends?.to.name]);
      if (key === synced) return;
      synced = key;
      from = ends?.from ?? null;
      to = ends?.to ?? null;
      fromBox.setValue(from?.name ?? '');
      toBox.setValue(to?.name ?? '');
      // Without a question the options stay as the visitor left them, for the next one.
      if (query) {
        maxLength.value = String(query.maxLength);
        avoidHub.checked = query.avoid.includes(HUB);
      }
      syncAvoid();
    },
    setFrom(entity) {
      from = entity;
      fromBox.setValue(entity.name);
      syncAvoid();
      toBox.input.focus();
    },
    showResult(result) {
      const view = resultView(result, lang, t);
      summary.textContent = view.message;
      summary.hidden = view.message === '';
      summary.classList.toggle('error', view.error);
      replaceChildren(
        notes,
        view.notes.map((note) => h('p', {}, note)),
      );
      choice = result.kind === 'found' ? { index: result.index, count: result.chains.length } : { index: 0, count: 0 };
      choiceGroup.hidden = !view.choice;
      choiceGroup.setAttribute('aria-label', view.choice?.label ?? '');
      choiceText.textContent = view.choice?.text ?? '';
      const first = view.steps[0]?.step.from;
      steps.hidden = view.steps.length === 0;
      replaceChildren(
        steps,
        first && h('li', {}, entityButton(first)),
        view.steps.map(({ step, words }) =>
          h(
            'li',
            {},
            h('span', { class: 'visually-hidden' }, `${words.sentence}.`),
            h('span', { class: 'path-arrow', 'aria-hidden': 'true' }, words.arrow),
            ' ',
            // The step's words, not the legend's noun: the chain reads down the list as sentences.
            h(
              'button',
              {
                type: 'button',
                class: 'relation-link',
                title: words.label,
                'data-relation': step.relation.id,
                'data-type': step.relation.type,
                onclick: () => on.onRelation(step.relation.id),
              },
              words.phrase,
            ),
            ' ',
            entityButton(step.to),
          ),
        ),
      );
    },
  };
}
