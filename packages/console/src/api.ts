import { askForKey, forgetKey, storedKey } from './key.js';
import type { ErrorBody } from './types.js';

/** An answer that was not a success, with the API's own sentence for it. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * fetch() on this server, with the API key when one has been given. A 401 asks for the key (one
 * prompt however many requests are waiting) and tries again with it, so every view just calls this.
 */
export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  for (;;) {
    const key = storedKey();
    const response = await fetch(path, withKey(init, key));
    if (response.status !== 401) return response;
    const body = await errorBody(response);
    // The key this request sent was refused: forget it, unless a newer one was given meanwhile.
    if (key !== null && storedKey() === key) forgetKey();
    if (storedKey() === null) await askForKey(body.message);
  }
}

/** The JSON of a successful answer; any other answer throws an ApiError with the API's message. */
export async function getJson<T>(path: string): Promise<T> {
  const response = await request(path, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new ApiError(response.status, (await errorBody(response)).message);
  return (await response.json()) as T;
}

/** POSTs a JSON body; the answer's status and JSON body, whatever the status (the caller shows a 400 by its field). */
export async function postJson<T>(path: string, body: unknown): Promise<{ status: number; body: T | ErrorBody }> {
  const response = await request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T | ErrorBody };
}

/** The API's error body, or one made from the status when the answer is not JSON (a proxy's page). */
export async function errorBody(response: Response): Promise<ErrorBody> {
  const fallback = { error: response.statusText, message: `the server answered ${response.status}` };
  try {
    const body = (await response.json()) as Partial<ErrorBody>;
    return typeof body.message === 'string' ? { error: body.error ?? fallback.error, message: body.message } : fallback;
  } catch {
    return fallback;
  }
}

function withKey(init: RequestInit, key: string | null): RequestInit {
  if (key === null) return init;
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${key}`);
  return { ...init, headers };
}
