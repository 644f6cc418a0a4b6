/**
 * Type-ahead entity picker following the ARIA combobox pattern (arrow keys, Enter, Escape,
 * screen-reader announcements). Matching is the API's `search`: accent- and case-insensitive,
 * aliases included, ranked.
 */
import { isAbort } from './api.js';
import { h, replaceChildren, uniqueId } from './dom.js';
import { kindLabel, type Lang } from './i18n.js';
import type { EntityRef } from './queries.js';

export interface SearchBoxOptions {
  label: string;
  placeholder: string;
  noMatch: string;
  failed: string;
  lang: Lang;
  /** Shown in the field initially (the current choice). */
  value?: string;
  search(text: string, signal: AbortSignal): Promise<EntityRef[]>;
  onChoose(entity: EntityRef): void;
  /** Hides the label visually (it stays for screen readers). */
  compactLabel?: boolean;
  className?: string;
}

export interface SearchBox {
  root: HTMLElement;
  input: HTMLInputElement;
  setValue(text: string): void;
  /**
   * Shows what the view stands for (the focused entity's name, or nothing) whenever that
   * changes: after Back, or a click on the map, the field must not keep the previous choice.
   * Redraws that change nothing leave what the visitor is typing alone.
   */
  follow(text: string): void;
}

/** The text `follow` writes into the field, or null to leave the field as it is. */
export function followedText(followed: string | null, text: string): string | null {
  return text === followed ? null : text;
}

/**
 * What the toolbar's field shows for the focused entity: its name once the graph is loaded,
 * nothing before (a slug flashing by would read as a typo), and the slug of an entity the graph
 * does not hold, which is what the visitor asked for (the details panel says it is unknown).
 */
export function focusedName(focus: string | null, nodes: readonly { slug: string; name: string }[] | null): string {
  if (!focus || !nodes) return '';
  return nodes.find((node) => node.slug === focus)?.name ?? focus;
}

const DEBOUNCE_MS = 150;

export function searchBox(options: SearchBoxOptions): SearchBox {
  const inputId = uniqueId('search');
  const listId = `${inputId}-list`;
  const input = h('input', {
    id: inputId,
    type: 'search',
    role: 'combobox',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    placeholder: options.placeholder,
  });
  input.value = options.value ?? '';
  const list = h('ul', {
    id: listId,
    role: 'listbox',
    class: 'search-results',
    'aria-label': options.label,
    hidden: true,
  });
  const live = h('span', { class: 'visually-hidden', 'aria-live': 'polite' });
  const root = h(
    'div',
    { class: `search-box ${options.className ?? ''}` },
    h('label', { for: inputId, class: options.compactLabel ? 'visually-hidden' : '' }, options.label),
    input,
    list,
    live,
  );

  let results: EntityRef[] = [];
  /** The text `results` answer; Enter typed faster than the debounce must not pick a stale answer. */
  let resultsFor: string | null = null;
  let chooseOnArrival = false;
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inflight: AbortController | undefined;

  const close = () => {
    results = [];
    resultsFor = null;
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const setActive = (index: number) => {
    active = index;
    list.querySelectorAll('[role="option"]').forEach((option, i) => {
      option.setAttribute('aria-selected', String(i === index));
      if (i === index) {
        input.setAttribute('aria-activedescendant', option.id);
        option.scrollIntoView?.({ block: 'nearest' });
      }
    });
  };

  const choose = (entity: EntityRef) => {
    input.value = entity.name;
    close();
    options.onChoose(entity);
  };

  const show = (found: EntityRef[], forText: string, message?: string) => {
    results = found;
    resultsFor = forText;
    active = -1;
    replaceChildren(
      list,
      found.length === 0
        ? h('li', { class: 'search-empty', role: 'presentation' }, message ?? options.noMatch)
        : found.map((entity, i) =>
            h(
              'li',
              {
                id: `${listId}-${i}`,
                role: 'option',
                'aria-selected': 'false',
                'data-slug': entity.slug,
                // mousedown, not click: it fires before the input's blur closes the list.
                onmousedown: ((event: MouseEvent) => {
                  event.preventDefault();
                  choose(entity);
                }) as EventListener,
              },
              h('span', { class: 'search-name' }, entity.name),
              h('span', { class: 'search-kind' }, kindLabel(entity.kind, options.lang)),
            ),
          ),
    );
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    live.textContent = message ?? (found.length === 0 ? options.noMatch : `${found.length}`);
  };

  const query = () => {
    const text = input.value.trim();
    inflight?.abort();
    if (text.length === 0) {
      close();
      return;
    }
    const controller = new AbortController();
    inflight = controller;
    options.search(text, controller.signal).then(
      (found) => {
        if (inflight !== controller) return;
        const first = found[0];
        if (chooseOnArrival && first) choose(first);
        else show(found, text);
        chooseOnArrival = false;
      },
      (error: unknown) => {
        if (!isAbort(error) && inflight === controller) show([], text, options.failed);
      },
    );
  };

  input.addEventListener('input', () => {
    chooseOnArrival = false;
    clearTimeout(timer);
    timer = setTimeout(query, DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (list.hidden) {
        query();
        return;
      }
      if (results.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + results.length) % results.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (input.value.trim() !== resultsFor) {
        clearTimeout(timer);
        chooseOnArrival = true;
        query();
        return;
      }
      const picked = results[active] ?? results[0];
      if (picked) choose(picked);
    } else if (event.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', close);

  let followed: string | null = null;
  return {
    root,
    input,
    setValue(text: string) {
      input.value = text;
    },
    follow(text: string) {
      const next = followedText(followed, text);
      if (next === null) return;
      followed = next;
      clearTimeout(timer);
      inflight?.abort();
      inflight = undefined;
      chooseOnArrival = false;
      input.value = next;
      close();
    },
  };
}
