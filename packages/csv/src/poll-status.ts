/** `active` → true, `inactive` → false, in any case; anything else → null. */
export function parseStatus(text: string): boolean | null {
  // The exact lowercase spellings are what real files hold; compare them before lowercasing.
  if (text === 'active') return true;
  if (text === 'inactive') return false;
  if (text.length !== 6 && text.length !== 8) return null;
  const lower = text.toLowerCase();
  if (lower === 'active') return true;
  if (lower === 'inactive') return false;
  return null;
}
