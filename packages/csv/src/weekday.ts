/** A weekday number 0 (Monday) to 6 (Sunday) written as decimal digits (`3`, `03`), or null. */
export function parseWeekday(text: string): number | null {
  if (text.length === 0) return null;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return null;
    value = value * 10 + digit;
    if (value > 6) return null;
  }
  return value;
}
