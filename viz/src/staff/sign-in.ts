/**
 * The sign-in form: a staff token (a password field, never put in the URL), checked with the
 * API's `viewer` before it is kept for the tab (session.ts).
 */
import { ApiAnswerError } from '../api.js';
import { h, uniqueId } from '../dom.js';
import { openDialog } from './dialog.js';
import { failureText, message, show } from './form-kit.js';
import { signIn, type Viewer } from './session.js';
import type { StaffTranslate } from './strings.js';

export function openSignIn(s: StaffTranslate, onSignedIn: (viewer: Viewer) => void): void {
  const id = uniqueId('staff-token');
  const token = h('input', {
    id,
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    required: true,
    'aria-describedby': `${id}-help`,
  });
  const slot = h('div', { class: 'staff-messages' });
  const submit = h('button', { type: 'submit', class: 'staff-primary' }, s('signIn'));
  const form = h(
    'form',
    { class: 'staff-form staff-sign-in', method: 'dialog' },
    h('p', { id: `${id}-help`, class: 'staff-hint' }, s('signInHelp')),
    h('div', { class: 'staff-field' }, h('label', { for: id }, s('token')), token),
    slot,
    h('div', { class: 'staff-actions' }, submit),
  );
  const dialog = openDialog(s('signInTitle'), s('close'), form, 'staff-sign-in-dialog');
  token.focus();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = token.value.trim();
    if (!value) {
      show(slot, message('alert', s('tokenUnknown')));
      return;
    }
    submit.disabled = true;
    try {
      const viewer = await signIn(value);
      dialog.close();
      onSignedIn(viewer);
    } catch (error) {
      submit.disabled = false;
      show(
        slot,
        message(
          'alert',
          error instanceof ApiAnswerError && error.code === 'UNAUTHENTICATED'
            ? s('tokenUnknown')
            : failureText(error, s),
        ),
      );
      token.focus();
      token.select();
    }
  });
}
