/**
 * Adds a relation from an entity's panel, or edits one from its own panel: type, other end
 * (chosen by search), dates, role, software or resource, amount and currency, description, notes,
 * and its sources (sources-editor.ts). Creation is `createRelation`; a change sends only the
 * fields changed (`updateRelation`, at the version read) and meets a CONFLICT with conflict.ts.
 */
import { CURRENCIES, RELATION_TYPE_NAMES, RELATION_TYPES, type RelationType } from '../../../model/vocabulary.js';
import { request } from '../api.js';
import { h, uniqueId } from '../dom.js';
import { relationLabel } from '../i18n.js';
import type { EntityRef } from '../queries.js';
import { searchBox } from '../search-box.js';
import { showConflict } from './conflict.js';
import type { StaffContext } from './context.js';
import {
  changedFields,
  type FieldSpec,
  failureText,
  field,
  isConflict,
  message,
  orNull,
  readValues,
  saveOrCancel,
  show,
  type Values,
} from './form-kit.js';
import {
  CREATE_RELATION,
  STAFF_RELATION,
  type StaffEntity,
  type StaffRelation,
  type StaffSource,
  UPDATE_RELATION,
} from './operations.js';
import { sourcesEditor, sourcesText } from './sources-editor.js';

const PERIODS = ['ONE_OFF', 'PER_YEAR', 'TOTAL'] as const;

/** A relation's own fields as form text. */
export function relationValues(relation: StaffRelation): Values {
  return {
    since: relation.since ?? '',
    until: relation.until ?? '',
    role: relation.role ?? '',
    software: relation.software?.slug ?? '',
    resource: relation.resource ?? '',
    amount: relation.amount === null ? '' : String(relation.amount),
    currency: relation.currency ?? '',
    period: relation.period ?? '',
    description: relation.description ?? '',
    note: relation.note ?? '',
    internalNotes: relation.internalNotes ?? '',
    sources: sourcesText(relation.sources),
  };
}

function relationFields(ctx: StaffContext): FieldSpec[] {
  const { s } = ctx;
  return [
    { name: 'since', label: s('since') },
    { name: 'until', label: s('until') },
    { name: 'role', label: s('role') },
    { name: 'software', label: s('software') },
    { name: 'resource', label: s('resource') },
    { name: 'amount', label: s('amount'), control: 'number' },
    {
      name: 'currency',
      label: s('currency'),
      control: 'select',
      options: [{ value: '', label: '—' }, ...CURRENCIES.map((c) => ({ value: c, label: c }))],
    },
    {
      name: 'period',
      label: s('period'),
      control: 'select',
      options: [{ value: '', label: s('periodNONE') }, ...PERIODS.map((p) => ({ value: p, label: s(`period${p}`) }))],
    },
    { name: 'description', label: s('description'), control: 'textarea' },
    { name: 'note', label: s('note'), control: 'textarea' },
    { name: 'internalNotes', label: s('internalNotes'), control: 'textarea' },
  ];
}

/** The mutation fields for `names` of the form's values ('' → null, amount as a number). */
function relationInput(values: Values, names: readonly string[]): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const name of names) {
    if (name === 'sources') continue;
    const value = values[name];
    input[name] = name === 'amount' ? (value ? Number(value) : null) : orNull(value);
  }
  return input;
}

export async function readRelation(id: string): Promise<StaffRelation | null> {
  const { node } = await request<{ node: StaffRelation | null }>(STAFF_RELATION, { id });
  return node && 'relationId' in node ? node : null;
}

/** Told the relation's global id once saved; null when cancelled. */
export type RelationFormDone = (savedId: string | null) => void;

/** The form for a new relation of `entity`, in `container`. */
export function openNewRelationForm(
  container: HTMLElement,
  entity: StaffEntity,
  ctx: StaffContext,
  onDone: RelationFormDone,
): void {
  const { s, lang } = ctx;
  const typeId = uniqueId('relation-type');
  const type = h(
    'select',
    { id: typeId, name: 'type' },
    RELATION_TYPE_NAMES.map((name) => h('option', { value: name }, relationLabel(name, lang))),
  );
  const dirName = uniqueId('direction');
  const radio = (value: 'from' | 'to', label: string) => {
    const id = `${dirName}-${value}`;
    const input = h('input', { type: 'radio', name: dirName, id, value, checked: value === 'from' });
    return h('span', { class: 'staff-radio' }, input, h('label', { for: id }, label));
  };
  let other: EntityRef | null = null;
  const chosen = h('p', { class: 'staff-hint other-end-chosen', 'aria-live': 'polite' });
  const picker = searchBox({
    label: s('otherEnd'),
    placeholder: s('otherEndPlaceholder'),
    noMatch: '—',
    failed: '—',
    lang,
    className: 'staff-other-end',
    search: ctx.host.search,
    onChoose: (picked) => {
      other = picked;
      chosen.textContent = s('otherEndChosen', { name: picked.name, slug: picked.slug });
    },
  });
  const specs = relationFields(ctx);
  const sources = sourcesEditor([], ctx);
  const slot = h('div', { class: 'staff-messages' });
  const save = h('button', { type: 'submit', class: 'staff-primary' }, s('save'));
  const title = h('h3', { tabindex: -1 }, s('newRelationTitle', { name: entity.name }));
  const form = h(
    'form',
    { class: 'staff-form relation-form', novalidate: true },
    title,
    h('div', { class: 'staff-field' }, h('label', { for: typeId }, s('type')), type),
    h('fieldset', { class: 'staff-direction' }, h('legend', {}, s('direction')), [
      radio('from', s('thisIsFrom', { name: entity.name })),
      radio('to', s('thisIsTo', { name: entity.name })),
    ]),
    picker.root,
    chosen,
    specs.map((spec) => field(spec, '')),
    sources.root,
    slot,
    saveOrCancel(save, () => onDone(null), s),
  );
  container.replaceChildren(form);
  title.focus();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!other) {
      show(slot, message('alert', s('otherEndMissing')));
      return;
    }
    const list = sources.read();
    if (list.length === 0) {
      show(slot, message('alert', s('needSource')));
      return;
    }
    const values = readValues(
      form,
      specs.map((f) => f.name),
    );
    const outgoing = (form.elements.namedItem(dirName) as RadioNodeList).value !== 'to';
    const relationType = type.value as RelationType;
    const input = {
      type: relationType,
      from: outgoing ? entity.slug : other.slug,
      to: outgoing ? other.slug : entity.slug,
      ...Object.fromEntries(Object.entries(relationInput(values, Object.keys(values))).filter(([, v]) => v !== null)),
      sources: list,
    };
    save.disabled = true;
    save.textContent = s('saving');
    try {
      const { createRelation } = await request<{ createRelation: { relation: { id: string } } }>(CREATE_RELATION, {
        input,
      });
      onDone(createRelation.relation.id);
    } catch (error) {
      save.disabled = false;
      save.textContent = s('save');
      show(slot, message('alert', failureText(error, s)));
    }
  });
  // Kinds the type allows at each end, as a hint under the type.
  const hint = h('p', { class: 'staff-hint' });
  const describe = () => {
    const spec = RELATION_TYPES[type.value as RelationType];
    hint.textContent = spec.description;
  };
  type.after(hint);
  type.addEventListener('change', describe);
  describe();
}

/** The form changing `relation`, in `container`. */
export function openRelationForm(
  container: HTMLElement,
  relation: StaffRelation,
  ctx: StaffContext,
  onDone: RelationFormDone,
): void {
  const { s, lang } = ctx;
  const specs = relationFields(ctx);
  const base = relationValues(relation);
  const sources = sourcesEditor(relation.sources, ctx);
  const slot = h('div', { class: 'staff-messages' });
  const save = h('button', { type: 'submit', class: 'staff-primary' }, s('save'));
  const title = h('h3', { tabindex: -1 }, s('editRelationTitle'));
  const form = h(
    'form',
    {
      class: 'staff-form relation-form',
      'data-relation-id': relation.relationId,
      'data-version': String(relation.version),
      novalidate: true,
    },
    title,
    h(
      'p',
      { class: 'staff-hint' },
      `${relation.from.name} — ${relationLabel(relation.type, lang)} → ${relation.to.name}`,
    ),
    specs.map((spec) => field(spec, base[spec.name] ?? '')),
    sources.root,
    slot,
    saveOrCancel(save, () => onDone(null), s),
  );
  container.replaceChildren(form);
  title.focus();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const list: StaffSource[] = sources.read();
    if (list.length === 0) {
      show(slot, message('alert', s('needSource')));
      return;
    }
    const mine = {
      ...readValues(
        form,
        specs.map((f) => f.name),
      ),
      sources: sourcesText(list),
    };
    const changed = changedFields(base, mine);
    if (changed.length === 0) {
      onDone(null);
      return;
    }
    const patch = {
      ...relationInput(mine, changed),
      ...(changed.includes('sources') ? { sources: list } : {}),
    };
    const submit = async (version: number) => {
      await request(UPDATE_RELATION, {
        input: { relationId: relation.relationId, expectedVersion: version, ...patch },
      });
    };
    save.disabled = true;
    save.textContent = s('saving');
    try {
      await submit(relation.version);
      onDone(relation.id);
    } catch (error) {
      save.disabled = false;
      save.textContent = s('save');
      if (!isConflict(error)) {
        show(slot, message('alert', failureText(error, s)));
        return;
      }
      await showConflict(container, {
        s,
        fields: [...specs, { name: 'sources', label: s('sources') }],
        baseVersion: relation.version,
        mine,
        changed,
        readCurrent: async () => {
          const current = await readRelation(relation.id);
          if (!current) throw new Error(relation.relationId);
          return { version: current.version, values: relationValues(current) };
        },
        submit,
        onSaved: () => onDone(relation.id),
        onKeepCurrent: () =>
          void readRelation(relation.id).then((current) =>
            current ? openRelationForm(container, current, ctx, onDone) : onDone(null),
          ),
      });
    }
  });
}
