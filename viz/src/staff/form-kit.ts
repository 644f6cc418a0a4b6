/**
 * Small builders the staff forms share: labelled inputs (every field has a visible <label>),
 * alerts that screen readers hear at once, and the sentence for a failed request.
 */
import { ApiAnswerError, ApiUnreachableError } from '../api.js';
import { type Child, h, uniqueId } from '../dom.js';
import type { StaffTranslate } from './strings.js';

/** The values of a form, by field name, as text ('' for an empty field). */
export type Values = Record<string, string>;

export interface FieldSpec {
  name: string;
  label: string;
  /** 'text' by default; 'textarea' for long text, 'select' with `options`. */
  control?: 'text' | 'textarea' | 'select' | 'number';
  options?: readonly { value: string; label: string }[];
  required?: boolean;
  /** Extra words under the field (aria-describedby). */
  hint?: string;
}

/** A form's Save and Cancel buttons, in the order every staff form shows them. */
export function saveOrCancel(save: HTMLElement, cancel: () => void, s: StaffTranslate): HTMLElement {
  return h('div', { class: 'staff-actions' }, save, h('button', { type: 'button', onclick: cancel }, s('cancel')));
}

/** A labelled control for `spec`, holding `value`; its element is named `spec.name` in the form. */
export function field(spec: FieldSpec, value: string): HTMLElement {
  const id = uniqueId(`staff-${spec.name}`);
  const hintId = spec.hint ? `${id}-hint` : undefined;
  const common = { id, name: spec.name, required: spec.required, 'aria-describedby': hintId };
  let control: HTMLElement;
  if (spec.control === 'textarea') {
    const area = h('textarea', { ...common, rows: 3 });
    area.value = value;
    control = area;
  } else if (spec.control === 'select') {
    const select = h(
      'select',
      common,
      (spec.options ?? []).map((o) => h('option', { value: o.value }, o.label)),
    );
    select.value = value;
    control = select;
  } else {
    const input = h('input', {
      ...common,
      type: spec.control === 'number' ? 'number' : 'text',
      step: spec.control === 'number' ? 'any' : undefined,
    });
    input.value = value;
    control = input;
  }
  return h(
    'div',
    { class: 'staff-field', 'data-field': spec.name },
    h('label', { for: id }, spec.label),
    control,
    spec.hint && h('p', { class: 'staff-hint', id: hintId }, spec.hint),
  );
}

/** The form's current values for the named fields. */
export function readValues(form: HTMLFormElement, names: readonly string[]): Values {
  const values: Values = {};
  for (const name of names) {
    const control = form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | null;
    values[name] = control ? control.value.trim() : '';
  }
  return values;
}

/** The fields whose value differs from `base`. */
export function changedFields(base: Values, values: Values): string[] {
  return Object.keys(values).filter((name) => (base[name] ?? '') !== values[name]);
}

/** A message box: `alert` for failures (read out at once), `status` for news that can wait. */
export function message(kind: 'alert' | 'status', ...children: Child[]): HTMLElement {
  return h('p', { class: kind === 'alert' ? 'staff-alert error' : 'staff-status', role: kind }, ...children);
}

/** Shows `box` in `slot` (replacing what was there) and, for an alert, moves the focus to it. */
export function show(slot: HTMLElement, box: HTMLElement | null): void {
  slot.replaceChildren(...(box ? [box] : []));
  if (box?.getAttribute('role') === 'alert') {
    box.tabIndex = -1;
    box.focus();
  }
}

/** The sentence for a failed request. */
export function failureText(error: unknown, s: StaffTranslate): string {
  if (error instanceof ApiUnreachableError) return s('unreachable');
  return s('failed', { message: error instanceof Error ? error.message : String(error) });
}

export function isConflict(error: unknown): boolean {
  return error instanceof ApiAnswerError && error.code === 'CONFLICT';
}

/** '' → null (a cleared field), else the text. */
export const orNull = (value: string | undefined): string | null => (value ? value : null);
