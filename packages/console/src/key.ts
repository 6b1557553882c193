import { byId } from './dom.js';

/** Kept for this tab only (sessionStorage): never in a URL, gone when the tab closes. */
const STORAGE_KEY = 'store-monitor.api-key';

export function storedKey(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function forgetKey(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

/** The dialog was closed without a key: nothing more can be read until one is given. */
export class KeyMissingError extends Error {
  override readonly name = 'KeyMissingError';
}

/** The one prompt open now, which every request that got a 401 meanwhile waits for. */
let asking: Promise<void> | null = null;

/**
 * Shows the key dialog with the API's reason and resolves once a key is stored. Rejects when the
 * user closes it without one; the header's "API key" button opens it again.
 */
export function askForKey(reason: string): Promise<void> {
  asking ??= prompt(reason).finally(() => {
    asking = null;
  });
  return asking;
}

function prompt(reason: string): Promise<void> {
  const dialog = byId<HTMLDialogElement>('key-dialog');
  const form = byId<HTMLFormElement>('key-form');
  const input = byId<HTMLInputElement>('key-input');
  byId('key-reason').textContent = reason;
  input.value = '';
  return new Promise((resolve, reject) => {
    const onSubmit = (event: SubmitEvent) => {
      event.preventDefault();
      const key = input.value.trim();
      if (key === '') return;
      sessionStorage.setItem(STORAGE_KEY, key);
      dialog.close('key');
    };
    const onClose = () => {
      form.removeEventListener('submit', onSubmit);
      dialog.removeEventListener('close', onClose);
      if (storedKey() === null)
        reject(new KeyMissingError('the API key is needed: use the "API key" button to give it'));
      else resolve();
    };
    form.addEventListener('submit', onSubmit);
    dialog.addEventListener('close', onClose);
    if (!dialog.open) dialog.showModal();
    input.focus();
  });
}
