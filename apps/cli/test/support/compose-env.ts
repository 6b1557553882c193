/**
 * A compose file's `${NAME:-fallback}` and `${NAME-fallback}` as Docker Compose resolves them for a
 * shell that sets `shell`: `:-` also takes the fallback for an empty value, `-` only for an unset one.
 */
export function resolvedValue(value: string, shell: Record<string, string> = {}): string {
  return value.replace(/\$\{(\w+)(:?)-([^}]*)\}/g, (_, name: string, colon: string, fallback: string) => {
    const set = shell[name];
    return set === undefined || (colon === ':' && set === '') ? fallback : set;
  });
}

/** Every value of a service's environment, resolved as above. */
export function resolved(environment: Record<string, string> = {}, shell: Record<string, string> = {}) {
  return Object.fromEntries(Object.entries(environment).map(([k, v]) => [k, resolvedValue(String(v), shell)]));
}
