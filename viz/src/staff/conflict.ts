/**
 * When a save meets CONFLICT (someone changed the entry since it was read), nothing is
 * overwritten: both versions are shown field by field, and the user either reapplies their change
 * on the current version or keeps the current one.
 */
import { h } from '../dom.js';
import { failureText, isConflict, message, show, type Values } from './form-kit.js';
import type { StaffTranslate } from './strings.js';

/** An entry's values at a version. */
export interface Versioned {
  version: number;
  values: Values;
}

export interface ConflictFlow {
  s: StaffTranslate;
  /** The fields, in the form's order, with their labels. */
  fields: readonly { name: string; label: string }[];
  /** The version the user's edit started from. */
  baseVersion: number;
  /** What the user would save (every field). */
  mine: Values;
  /** The fields the user changed: what "reapply" writes over the current version. */
  changed: readonly string[];
  readCurrent(): Promise<Versioned>;
  /** Writes the user's change at `version` (throws CONFLICT when that is stale again). */
  submit(version: number): Promise<void>;
  /** The change is saved. */
  onSaved(): void;
  /** The user kept the current version: the form reopens on it. */
  onKeepCurrent(current: Versioned): void;
}

/** Reads the current version and shows the comparison in `container`. */
export async function showConflict(container: HTMLElement, flow: ConflictFlow): Promise<void> {
  const { s } = flow;
  const slot = h('div');
  container.replaceChildren(h('p', { 'aria-busy': 'true' }, s('loading')));
  let current: Versioned;
  try {
    current = await flow.readCurrent();
  } catch (error) {
    container.replaceChildren(message('alert', failureText(error, s)));
    return;
  }
  const rows = flow.fields.map(({ name, label }) => {
    const mine = flow.mine[name] ?? '';
    const now = current.values[name] ?? '';
    const differs = mine !== now;
    return h(
      'tr',
      { class: differs ? 'differs' : '', 'data-field': name },
      h('th', { scope: 'row' }, label, differs && h('span', { class: 'staff-differs' }, ` (${s('differs')})`)),
      h('td', { class: 'mine', 'data-changed': flow.changed.includes(name) ? 'true' : null }, mine),
      h('td', { class: 'current' }, now),
    );
  });
  const reapply = h('button', { type: 'button', class: 'staff-primary' }, s('reapply'));
  const keep = h('button', { type: 'button' }, s('keepCurrent'));
  const title = h('h3', { tabindex: -1 }, s('conflictTitle'));
  container.replaceChildren(
    h(
      'section',
      { class: 'staff-conflict' },
      title,
      message('alert', s('conflictHelp', { current: current.version, base: flow.baseVersion })),
      h(
        'div',
        { class: 'staff-table-wrap' },
        h(
          'table',
          { class: 'staff-compare' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, s('field')),
              h('th', { scope: 'col' }, s('yourVersion')),
              h('th', { scope: 'col' }, `${s('currentVersion')} (v${current.version})`),
            ),
          ),
          h('tbody', {}, rows),
        ),
      ),
      h('div', { class: 'staff-actions' }, reapply, keep),
      slot,
    ),
  );
  title.focus();
  reapply.addEventListener('click', async () => {
    reapply.disabled = true;
    try {
      await flow.submit(current.version);
      flow.onSaved();
    } catch (error) {
      if (isConflict(error)) {
        // Changed again meanwhile: compare with the newer version.
        await showConflict(container, { ...flow, baseVersion: current.version });
        return;
      }
      reapply.disabled = false;
      show(slot, message('alert', failureText(error, s)));
    }
  });
  keep.addEventListener('click', () => flow.onKeepCurrent(current));
}
