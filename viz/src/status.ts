/**
 * What the stage says when it has no map to show: loading, nothing matching, or an API that
 * cannot be reached. Never a blank page.
 */
import { h, replaceChildren } from './dom.js';
import type { Translate } from './i18n.js';

export type Status =
  | { kind: 'loading' }
  | { kind: 'arranging'; count: number }
  | { kind: 'ready' }
  | { kind: 'empty'; filtered: boolean }
  | { kind: 'unreachable' }
  | { kind: 'failed'; message: string };

export interface StatusActions {
  retry(): void;
  resetFilters(): void;
}

export function renderStatus(box: HTMLElement, status: Status, t: Translate, actions: StatusActions): void {
  box.hidden = status.kind === 'ready';
  // An alert interrupts a screen reader; only failures deserve that.
  box.setAttribute('role', status.kind === 'unreachable' || status.kind === 'failed' ? 'alert' : 'status');
  const retry = h('button', { type: 'button', class: 'retry', onclick: () => actions.retry() }, t('retry'));
  switch (status.kind) {
    case 'ready':
      replaceChildren(box);
      return;
    case 'loading':
      replaceChildren(box, h('div', { class: 'spinner', 'aria-hidden': 'true' }), h('p', {}, t('loading')));
      return;
    case 'arranging':
      replaceChildren(
        box,
        h('div', { class: 'spinner', 'aria-hidden': 'true' }),
        h('p', {}, t('arranging', { count: status.count })),
      );
      return;
    case 'empty':
      replaceChildren(
        box,
        h('p', {}, status.filtered ? t('empty') : t('emptyGraph')),
        status.filtered &&
          h('button', { type: 'button', class: 'reset', onclick: () => actions.resetFilters() }, t('resetFilters')),
      );
      return;
    case 'unreachable':
      replaceChildren(box, h('p', { class: 'error' }, t('apiDown')), h('p', {}, t('apiDownHint')), retry);
      return;
    case 'failed':
      replaceChildren(box, h('p', { class: 'error' }, t('apiError', { message: status.message })), retry);
  }
}
