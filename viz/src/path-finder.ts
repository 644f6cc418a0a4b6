/**
 * "How is X connected to Y?": two entity pickers and the chain the API's `path` returns.
 */
import { h, replaceChildren } from './dom.js';
import { type Lang, relationLabel, type Translate } from './i18n.js';
import { orderPath } from './path.js';
import { type EntityRef, PATH_MAX_LENGTH, type RelationDetails } from './queries.js';
import { searchBox } from './search-box.js';

export interface PathFinderHandlers {
  search(text: string, signal: AbortSignal): Promise<EntityRef[]>;
  onFind(from: string, to: string): void;
  onClear(): void;
  onEntity(slug: string): void;
  onRelation(id: string): void;
}

export type PathResult =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'found'; from: string; relations: RelationDetails[] }
  | { kind: 'none'; from: EntityRef; to: EntityRef };

export interface PathFinder {
  root: HTMLElement;
  setEnds(from: EntityRef | null, to: EntityRef | null): void;
  setFrom(entity: EntityRef): void;
  showResult(result: PathResult): void;
}

export function pathFinder(lang: Lang, t: Translate, on: PathFinderHandlers): PathFinder {
  let from: EntityRef | null = null;
  let to: EntityRef | null = null;
  const output = h('div', { class: 'path-result', 'aria-live': 'polite' });

  const tryFind = () => {
    if (from && to && from.slug !== to.slug) on.onFind(from.slug, to.slug);
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

  const form = h(
    'form',
    {
      class: 'path-form',
      onsubmit: ((event: Event) => {
        event.preventDefault();
        if (from && to) tryFind();
        else replaceChildren(output, h('p', {}, t('pathPickBoth')));
      }) as EventListener,
    },
    fromBox.root,
    toBox.root,
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
    h('button', { type: 'button', class: 'entity-link', onclick: () => on.onEntity(entity.slug) }, entity.name);

  return {
    root,
    setEnds(newFrom, newTo) {
      from = newFrom;
      to = newTo;
      fromBox.setValue(newFrom?.name ?? '');
      toBox.setValue(newTo?.name ?? '');
    },
    setFrom(entity) {
      from = entity;
      fromBox.setValue(entity.name);
      toBox.input.focus();
    },
    showResult(result) {
      switch (result.kind) {
        case 'idle':
          replaceChildren(output);
          return;
        case 'loading':
          replaceChildren(output, h('p', {}, t('loadingDetails')));
          return;
        case 'error':
          replaceChildren(output, h('p', { class: 'error' }, result.message));
          return;
        case 'none':
          replaceChildren(
            output,
            h('p', {}, t('pathNone', { max: PATH_MAX_LENGTH, from: result.from.name, to: result.to.name })),
          );
          return;
        case 'found': {
          const steps = orderPath(result.from, result.relations);
          const first = steps[0];
          replaceChildren(
            output,
            h('p', {}, t('pathFound', { count: steps.length })),
            h(
              'ol',
              { class: 'path-steps' },
              first && h('li', {}, entityButton(first.from)),
              steps.map((step) =>
                h(
                  'li',
                  {},
                  h(
                    'button',
                    { type: 'button', class: 'relation-link', onclick: () => on.onRelation(step.relation.id) },
                    `${step.forward ? '↓' : '↑'} ${relationLabel(step.relation.type, lang)}`,
                  ),
                  ' ',
                  entityButton(step.to),
                ),
              ),
            ),
          );
        }
      }
    },
  };
}
