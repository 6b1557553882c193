/**
 * A little XML writer. Markup is a branded string: only `el` and `text` make it, so a store id or any
 * other value can reach the output only through the escaping below, never as raw markup.
 */
export type Markup = string & { readonly __markup: true };

export type Attrs = Record<string, string | number | undefined>;

// Characters XML 1.0 cannot hold at all, not even as a reference: C0 controls other than tab and line
// breaks, lone surrogates, U+FFFE and U+FFFF. Store ids are arbitrary strings, so they may hold them.
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const NEEDS_ESCAPING = /[&<>"']|[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe inside an element or a quoted attribute; characters XML cannot hold become U+FFFD. */
export function escapeXml(value: string): string {
  if (!NEEDS_ESCAPING.test(value)) return value; // most values are numbers and plain words
  return value.replace(NOT_XML, '\uFFFD').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Escaped character data. */
export function text(value: string): Markup {
  return escapeXml(value) as Markup;
}

/** An element; attributes that are undefined are left out, children are markup already. */
export function el(name: string, attrs: Attrs, ...children: Markup[]): Markup {
  let open = `<${name}`;
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined) open += ` ${key}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`;
  }
  return (children.length === 0 ? `${open}/>` : `${open}>${children.join('')}</${name}>`) as Markup;
}

/** Several pieces of markup as one. */
export function join(parts: Markup[]): Markup {
  return parts.join('') as Markup;
}

/** A coordinate or size with at most two decimals: enough for a picture, and short. */
export function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}
