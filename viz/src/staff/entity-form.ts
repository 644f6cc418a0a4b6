/**
 * Edits an entity's fields where it is read: name, aliases, summary, website, the fields of its
 * kind, and the internal notes. Only the fields changed are sent (`updateEntity`, at the version
 * read); a CONFLICT shows both versions (conflict.ts).
 */
import { type EntityKind, ORGANISATION_CATEGORIES, PROJECT_CATEGORIES } from '../../../model/vocabulary.js';
import { request } from '../api.js';
import { h } from '../dom.js';
import { categoryLabel } from '../i18n.js';
import { showConflict, type Versioned } from './conflict.js';
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
import { STAFF_ENTITY, type StaffEntity, UPDATE_ENTITY } from './operations.js';

/** The entity's fields as form text (aliases one per line). */
export function entityValues(entity: StaffEntity): Values {
  return {
    name: entity.name,
    aliases: entity.aliases.join('\n'),
    summary: entity.summary ?? '',
    url: entity.url ?? '',
    category: entity.category ?? '',
    location: entity.location ?? '',
    date: entity.date ?? '',
    place: entity.place ?? '',
    format: entity.format ?? '',
    internalNotes: entity.internalNotes ?? '',
  };
}

/** The fields an entity of `kind` has, in the form's order. */
export function entityFields(kind: EntityKind, ctx: StaffContext): FieldSpec[] {
  const { s, lang } = ctx;
  const categories = (list: readonly string[]) => [
    { value: '', label: s('noCategory') },
    ...list.map((c) => ({ value: c, label: categoryLabel(c, lang) })),
  ];
  return [
    { name: 'name', label: s('name'), required: true },
    { name: 'aliases', label: s('aliases'), control: 'textarea' },
    { name: 'summary', label: s('summary'), control: 'textarea' },
    { name: 'url', label: s('url') },
    ...((kind === 'ORGANISATION'
      ? [
          { name: 'category', label: s('category'), control: 'select', options: categories(ORGANISATION_CATEGORIES) },
          { name: 'location', label: s('location') },
        ]
      : kind === 'PROJECT'
        ? [{ name: 'category', label: s('category'), control: 'select', options: categories(PROJECT_CATEGORIES) }]
        : kind === 'EVENT'
          ? [
              { name: 'date', label: s('date'), required: true },
              { name: 'place', label: s('place') },
              { name: 'format', label: s('format') },
            ]
          : []) as FieldSpec[]),
    { name: 'internalNotes', label: s('internalNotes'), control: 'textarea' },
  ];
}

/** The `updateEntity` fields for the changed values: a cleared field is `null`. */
export function entityPatch(values: Values, changed: readonly string[]): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const name of changed) {
    patch[name] =
      name === 'aliases'
        ? values
            .aliases!.split('\n')
            .map((a) => a.trim())
            .filter(Boolean)
        : orNull(values[name]);
  }
  return patch;
}

export async function readEntity(slug: string): Promise<StaffEntity | null> {
  return (await request<{ entity: StaffEntity | null }>(STAFF_ENTITY, { slug })).entity;
}

/**
 * The edit form of `entity`, in `container`. `onDone(saved)` when it closes: saved, or cancelled.
 */
export function openEntityForm(
  container: HTMLElement,
  entity: StaffEntity,
  ctx: StaffContext,
  onDone: (saved: boolean) => void,
): void {
  const { s } = ctx;
  const specs = entityFields(entity.kind, ctx);
  const names = specs.map((f) => f.name);
  const base = entityValues(entity);
  const slot = h('div', { class: 'staff-messages' });
  const save = h('button', { type: 'submit', class: 'staff-primary' }, s('save'));
  const title = h('h3', { tabindex: -1 }, s('editEntityTitle', { name: entity.name }));
  const form = h(
    'form',
    {
      class: 'staff-form entity-form',
      'data-slug': entity.slug,
      'data-version': String(entity.version),
      novalidate: true,
    },
    title,
    specs.map((spec) => field(spec, base[spec.name] ?? '')),
    slot,
    saveOrCancel(save, () => onDone(false), s),
  );
  container.replaceChildren(form);
  form.querySelector<HTMLElement>('input, textarea')?.focus();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const mine = readValues(form, names);
    const changed = changedFields(base, mine);
    if (changed.length === 0) {
      onDone(false);
      return;
    }
    const patch = entityPatch(mine, changed);
    const submit = async (version: number) => {
      await request(UPDATE_ENTITY, { input: { slug: entity.slug, expectedVersion: version, ...patch } });
    };
    save.disabled = true;
    save.textContent = s('saving');
    try {
      await submit(entity.version);
      onDone(true);
    } catch (error) {
      save.disabled = false;
      save.textContent = s('save');
      if (!isConflict(error)) {
        show(slot, message('alert', failureText(error, s)));
        return;
      }
      await showConflict(container, {
        s,
        fields: specs,
        baseVersion: entity.version,
        mine,
        changed,
        readCurrent: async (): Promise<Versioned> => {
          const current = await readEntity(entity.slug);
          if (!current) throw new Error(entity.slug);
          return { version: current.version, values: entityValues(current) };
        },
        submit,
        onSaved: () => onDone(true),
        onKeepCurrent: () =>
          void readEntity(entity.slug).then((current) =>
            current ? openEntityForm(container, current, ctx, onDone) : onDone(true),
          ),
      });
    }
  });
}
