import { ApiError, errorBody, request } from './api.js';

/**
 * Saves what `path` answers as a file. Fetched with the API key (a plain link could not send it),
 * then handed to the browser as a download; the name comes from the server's Content-Disposition
 * when it gives one.
 */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await request(path);
  if (!response.ok) throw new ApiError(response.status, (await errorBody(response)).message);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName(response.headers.get('content-disposition')) ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has started reading the blob by now; give it a moment before letting it go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileName(disposition: string | null): string | null {
  return disposition === null ? null : (/filename="([^"]+)"/.exec(disposition)?.[1] ?? null);
}
