/**
 * The staff workspace, loaded only once someone signs in (index.ts imports it on demand): the bar
 * saying who is signed in, the edit controls of the details panel, and the recent-changes and
 * import dialogs. Every write is one of the API's mutations; after it the map reads the graph
 * again (StaffHost.refresh), so what was changed shows without a page reload.
 */
import { request } from '../api.js';
import type { DetailsContent } from '../details.js';
import { h } from '../dom.js';
import { labelled } from '../i18n.js';
import type { StaffContext, StaffHost } from './context.js';
import { openDialog } from './dialog.js';
import { openEntityForm, readEntity } from './entity-form.js';
import { failureText, message, show } from './form-kit.js';
import { historyView } from './history.js';
import { importView } from './import.js';
import { DELETE_ENTITY, DELETE_RELATION, RESTORE_ENTITY, RESTORE_RELATION } from './operations.js';
import { recentChangesView } from './recent-changes.js';
import { openNewRelationForm, openRelationForm, readRelation } from './relation-form.js';
import { signIn, signOut, type Viewer } from './session.js';
import { openSignIn } from './sign-in.js';
import { type StaffTranslate, staffTranslator } from './strings.js';

export { storedToken } from './session.js';

export class Workspace {
  viewer: Viewer | null = null;
  /** The panel's staff controls, kept while the panel shows the same entry (forms survive redraws). */
  private panel: { key: string; element: HTMLElement } | null = null;
  /** News shown in the bar (a deletion, with its undo). */
  private notice: HTMLElement | null = null;

  constructor(
    private readonly host: StaffHost,
    private readonly bar: HTMLElement,
  ) {}

  private get ctx(): StaffContext {
    const lang = this.host.lang();
    return { host: this.host, lang, s: staffTranslator(lang) };
  }

  private get s(): StaffTranslate {
    return this.ctx.s;
  }

  /** Signs in again with the tab's stored token; a token the API refuses is dropped. */
  async resume(token: string): Promise<void> {
    try {
      this.signedIn(await signIn(token));
    } catch {
      this.renderBar();
    }
  }

  openSignIn(): void {
    openSignIn(this.s, (viewer) => this.signedIn(viewer));
  }

  private signedIn(viewer: Viewer): void {
    this.viewer = viewer;
    this.panel = null;
    this.renderBar();
    this.host.redrawPanel();
    // Staff reads carry the token: the graph is read again past the public cache, internal notes included.
    this.host.refresh();
    this.bar.querySelector<HTMLElement>('.staff-sign-out')?.focus();
  }

  private signOut(): void {
    signOut();
    this.viewer = null;
    this.panel = null;
    this.notice = null;
    this.renderBar();
    this.host.redrawPanel();
    this.host.refresh();
    this.bar.querySelector<HTMLElement>('.staff-sign-in')?.focus();
  }

  /** The bar: a sign-in button, or who is signed in with their tools. */
  renderBar(): void {
    const { s } = this;
    if (!this.viewer) {
      this.bar.replaceChildren(
        h('button', { type: 'button', class: 'staff-sign-in', onclick: () => this.openSignIn() }, s('signIn')),
      );
      return;
    }
    const viewer = this.viewer;
    this.bar.replaceChildren(
      h(
        'span',
        { class: 'staff-who', 'data-role': viewer.role },
        s('signedInAs', { name: viewer.name, role: s(`role${viewer.role}`) }),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'staff-recent-open',
          onclick: () => openDialog(s('recentTitle'), s('close'), recentChangesView(this.ctx), 'staff-wide'),
        },
        s('recentChanges'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'staff-import-open',
          onclick: () => openDialog(s('importTitle'), s('close'), importView(this.ctx), 'staff-wide'),
        },
        s('importRows'),
      ),
      h('button', { type: 'button', class: 'staff-sign-out', onclick: () => this.signOut() }, s('signOut')),
      ...(this.notice ? [this.notice] : []),
    );
  }

  /** A redraw key for the details panel: it changes when the workspace's controls appear or go. */
  get key(): string {
    return this.viewer ? `${this.viewer.name}:${this.host.lang()}` : '';
  }

  /** The staff controls for what the details panel shows; null for the public or for nothing editable. */
  panelFor(content: DetailsContent): HTMLElement | null {
    if (!this.viewer) return null;
    const key =
      content.kind === 'entity'
        ? `entity:${content.entity.slug}`
        : content.kind === 'relation'
          ? `relation:${content.relation.id}`
          : null;
    if (!key) return null;
    const lang = this.host.lang();
    if (this.panel?.key !== `${key}:${lang}`) {
      const element =
        content.kind === 'entity'
          ? this.entityControls(content.entity.slug, content.entity.name)
          : content.kind === 'relation'
            ? this.relationControls(content.relation.id)
            : null;
      if (!element) return null;
      this.panel = { key: `${key}:${lang}`, element };
    }
    return this.panel.element;
  }

  private shell(label: string) {
    const tools = h('div', { class: 'staff-tools' });
    const body = h('div', { class: 'staff-body' });
    const slot = h('div', { class: 'staff-messages' });
    const notes = h('p', { class: 'staff-internal-notes', hidden: true });
    const root = h(
      'section',
      { class: 'staff-panel', 'aria-label': label, 'data-mode': 'view' },
      tools,
      notes,
      slot,
      body,
    );
    // Escape while editing must not close the panel under the form (app.ts closes it on Escape).
    root.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && root.dataset.mode === 'edit') event.stopPropagation();
    });
    /** The internal notes, which the public panel never shows, read once per panel. */
    const showNotes = (text: string | null | undefined) => {
      notes.hidden = !text;
      notes.textContent = text ? `${labelled(this.s('internalNotes'), this.host.lang())}${text}` : '';
    };
    const mode = (value: 'view' | 'edit' | 'history') => {
      root.dataset.mode = value;
      if (value === 'view') body.replaceChildren();
    };
    /** Acts on the entry's version of now, read just before: a form never starts from a stale one. */
    const withCurrent =
      <T>(read: () => Promise<T | null>) =>
      async (then: (value: T) => void) => {
        show(slot, null);
        try {
          const value = await read();
          if (value) then(value);
        } catch (error) {
          show(slot, message('alert', failureText(error, this.s)));
        }
      };
    /** The History toggle; `open` puts the timeline in the body. */
    const historyButton = (open: () => void) => {
      const button = h(
        'button',
        { type: 'button', class: 'staff-history-toggle', 'aria-expanded': 'false' },
        this.s('history'),
      );
      button.addEventListener('click', () => {
        const opening = root.dataset.mode !== 'history';
        button.setAttribute('aria-expanded', String(opening));
        if (!opening) return mode('view');
        open();
      });
      return button;
    };
    return { root, tools, body, slot, mode, showNotes, withCurrent, historyButton };
  }

  private entityControls(slug: string, name: string): HTMLElement {
    const { s } = this;
    const ctx = this.ctx;
    const { root, tools, body, slot, mode, showNotes, withCurrent, historyButton } = this.shell(
      `${s('staffTools')}: ${name}`,
    );
    void readEntity(slug).then(
      (entity) => showNotes(entity?.internalNotes),
      () => {},
    );
    const closed = (saved: boolean, news?: string) => {
      mode('view');
      if (saved) {
        show(slot, message('status', news ?? s('saved')));
        this.host.refresh();
        void readEntity(slug).then(
          (entity) => showNotes(entity?.internalNotes),
          () => {},
        );
      }
      tools.querySelector<HTMLElement>('button')?.focus();
    };
    const withEntity = withCurrent(() => readEntity(slug));
    const history = historyButton(() => {
      mode('history');
      body.replaceChildren(historyView({ slug }, ctx, () => this.host.refresh()));
    });
    tools.append(
      h(
        'button',
        {
          type: 'button',
          class: 'staff-edit',
          onclick: () =>
            void withEntity((entity) => {
              mode('edit');
              openEntityForm(body, entity, ctx, (saved) => closed(saved));
            }),
        },
        s('edit'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'staff-add-relation',
          onclick: () =>
            void withEntity((entity) => {
              mode('edit');
              openNewRelationForm(body, entity, ctx, (id) => closed(id !== null, s('created')));
            }),
        },
        s('addRelation'),
      ),
      history,
      this.confirmButton(s('deleteEntity'), s('confirmDeleteEntity'), slot, async () => {
        const entity = await readEntity(slug);
        if (!entity) return;
        await request(DELETE_ENTITY, { input: { slug, expectedVersion: entity.version } });
        this.announce(s('entityDeleted', { slug }), () => request(RESTORE_ENTITY, { input: { slug } }));
        this.host.closePanel();
        this.host.refresh();
      }),
    );
    return root;
  }

  private relationControls(id: string): HTMLElement {
    const { s } = this;
    const ctx = this.ctx;
    const { root, tools, body, slot, mode, showNotes, withCurrent, historyButton } = this.shell(s('staffTools'));
    void readRelation(id).then(
      (relation) => showNotes(relation?.internalNotes),
      () => {},
    );
    const withRelation = withCurrent(() => readRelation(id));
    const history = historyButton(
      () =>
        void withRelation((relation) => {
          mode('history');
          body.replaceChildren(historyView({ relationId: relation.relationId }, ctx, () => this.host.refresh()));
        }),
    );
    tools.append(
      h(
        'button',
        {
          type: 'button',
          class: 'staff-edit',
          onclick: () =>
            void withRelation((relation) => {
              mode('edit');
              openRelationForm(body, relation, ctx, (saved) => {
                mode('view');
                if (saved) {
                  show(slot, message('status', s('saved')));
                  this.host.refresh();
                }
                tools.querySelector<HTMLElement>('button')?.focus();
              });
            }),
        },
        s('editRelation'),
      ),
      history,
      this.confirmButton(s('deleteRelation'), s('confirmDeleteRelation'), slot, async () => {
        const relation = await readRelation(id);
        if (!relation) return;
        await request(DELETE_RELATION, {
          input: { relationId: relation.relationId, expectedVersion: relation.version },
        });
        this.announce(s('relationDeleted'), () =>
          request(RESTORE_RELATION, { input: { relationId: relation.relationId } }),
        );
        this.host.closeRelation();
        this.host.refresh();
      }),
    );
    return root;
  }

  /** A delete button that asks first, in place (no browser pop-up), and runs `act` once confirmed. */
  private confirmButton(label: string, question: string, slot: HTMLElement, act: () => Promise<void>): HTMLElement {
    const { s } = this;
    const button = h('button', { type: 'button', class: 'staff-delete' }, label);
    button.addEventListener('click', () => {
      const yes = h('button', { type: 'button', class: 'staff-danger staff-confirm' }, label);
      const no = h('button', { type: 'button' }, s('cancel'));
      const box = h(
        'div',
        { class: 'staff-confirm-box', role: 'group', 'aria-label': label },
        h('p', {}, question),
        yes,
        no,
      );
      slot.replaceChildren(box);
      no.focus();
      no.addEventListener('click', () => {
        slot.replaceChildren();
        button.focus();
      });
      yes.addEventListener('click', async () => {
        yes.disabled = true;
        try {
          await act();
          slot.replaceChildren();
        } catch (error) {
          show(slot, message('alert', failureText(error, s)));
        }
      });
    });
    return button;
  }

  /** News in the bar with a "Restore" button that undoes it. */
  private announce(text: string, undo: () => Promise<unknown>): void {
    const { s } = this;
    const restore = h('button', { type: 'button', class: 'staff-restore' }, s('restore'));
    const notice = h('span', { class: 'staff-notice', role: 'status' }, text, ' ', restore);
    restore.addEventListener('click', async () => {
      restore.disabled = true;
      try {
        await undo();
        notice.replaceChildren(s('restored'));
        this.host.refresh();
      } catch (error) {
        notice.replaceChildren(failureText(error, s));
        notice.setAttribute('role', 'alert');
      }
    });
    this.notice = notice;
    this.renderBar();
  }
}
