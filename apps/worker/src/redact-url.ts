/** A URL fit for a log line: any password replaced by `***`. Text that is no URL is hidden whole. */
export function redactUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '<not a URL>';
  }
}
