import { postJson } from './api.js';
import { byId } from './dom.js';
import { fieldNamed, triggerBody, type TriggerField } from './format.js';
import type { ErrorBody } from './types.js';

const FIELDS: readonly TriggerField[] = ['as_of', 'policy', 'max_gap'];

/**
 * The trigger form: POST /trigger_report with the fields given. A 400 is shown beside the field its
 * message names (the API always names it), anything else under the button.
 */
export function setUpTriggerForm(triggered: (reportId: string) => void): void {
  const form = byId<HTMLFormElement>('trigger-form');
  const button = byId<HTMLButtonElement>('trigger-button');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    button.disabled = true;
    submit()
      .then((reportId) => {
        if (reportId !== null) triggered(reportId);
      })
      .catch((error: unknown) => showError(null, error instanceof Error ? error.message : String(error)))
      .finally(() => {
        button.disabled = false;
      });
  });
}

async function submit(): Promise<string | null> {
  clearErrors();
  const values = Object.fromEntries(FIELDS.map((field) => [field, inputOf(field).value])) as Record<
    TriggerField,
    string
  >;
  const answer = await postJson<{ report_id: string }>('/trigger_report', triggerBody(values));
  if (answer.status === 202 || answer.status === 200) return (answer.body as { report_id: string }).report_id;
  const message = (answer.body as ErrorBody).message ?? `the server answered ${answer.status}`;
  showError(answer.status === 400 ? fieldNamed(message) : null, message);
  return null;
}

function inputOf(field: TriggerField): HTMLInputElement | HTMLSelectElement {
  return byId<HTMLInputElement | HTMLSelectElement>(field);
}

function showError(field: TriggerField | null, message: string): void {
  if (field === null) {
    byId('trigger-error').textContent = message;
    return;
  }
  byId(`${field}-error`).textContent = message;
  const input = inputOf(field);
  input.setAttribute('aria-invalid', 'true');
  input.focus();
}

function clearErrors(): void {
  byId('trigger-error').textContent = '';
  for (const field of FIELDS) {
    byId(`${field}-error`).textContent = '';
    inputOf(field).removeAttribute('aria-invalid');
  }
}
