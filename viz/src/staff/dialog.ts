/**
 * A modal dialog (the native <dialog>: focus stays inside, Escape closes it) with a title and a
 * close button; the focus goes back to where it was when it closes.
 */
import { h, uniqueId } from '../dom.js';

export function openDialog(title: string, closeLabel: string, body: HTMLElement, className = ''): HTMLDialogElement {
  const opener = document.activeElement as HTMLElement | null;
  const titleId = uniqueId('staff-dialog');
  const dialog = h(
    'dialog',
    { class: `staff-dialog ${className}`, 'aria-labelledby': titleId },
    h(
      'div',
      { class: 'staff-dialog-head' },
      h('h2', { id: titleId }, title),
      h(
        'button',
        { type: 'button', class: 'close', 'aria-label': closeLabel, title: closeLabel, onclick: () => dialog.close() },
        '×',
      ),
    ),
    body,
  );
  // Escape closes the dialog only: the page's own Escape (closing the details panel) must not fire too.
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') event.stopPropagation();
  });
  dialog.addEventListener('close', () => {
    dialog.remove();
    // Back where it was, unless what closed the dialog moved the focus on (to a panel it opened).
    const settled = document.activeElement && document.activeElement !== document.body;
    if (opener?.isConnected && !settled) opener.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}
