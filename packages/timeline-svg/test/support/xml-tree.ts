/**
 * A strict little XML reader for the tests: it throws on anything that is not well-formed XML 1.0
 * (unbalanced or crossed tags, duplicate or unquoted attributes, a bare `&` or `<`, unknown entities,
 * characters XML cannot hold, more than one root) and gives back a tree to query. No DTDs: the
 * pictures have none.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const NAME = /[A-Za-z_:][\w.:-]*/y;
const SPACE = /[ \t\r\n]*/y;
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9A-Fa-f]+));/y;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const BAD_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function parseXml(source: string): XmlElement {
  if (BAD_CHAR.test(source)) throw new Error('a character XML cannot hold');
  const reader = new Reader(source);
  reader.skipProlog();
  const root = reader.element();
  reader.skipMisc();
  if (!reader.atEnd()) throw new Error(`content after the root element at ${reader.pos}`);
  return root;
}

class Reader {
  pos = 0;
  constructor(private readonly s: string) {}

  atEnd(): boolean {
    return this.pos >= this.s.length;
  }

  skipProlog(): void {
    if (this.s.startsWith('<?xml', this.pos)) this.skipPast('?>');
    this.skipMisc();
  }

  /** Whitespace, comments and processing instructions. */
  skipMisc(): void {
    for (;;) {
      this.spaces();
      if (this.s.startsWith('<!--', this.pos)) this.skipPast('-->');
      else if (this.s.startsWith('<?', this.pos)) this.skipPast('?>');
      else return;
    }
  }

  element(): XmlElement {
    this.expect('<');
    const name = this.name();
    const attrs: Record<string, string> = {};
    for (;;) {
      const before = this.pos;
      this.spaces();
      if (this.s.startsWith('/>', this.pos)) {
        this.pos += 2;
        return { name, attrs, children: [] };
      }
      if (this.s[this.pos] === '>') {
        this.pos++;
        break;
      }
      if (this.pos === before) throw new Error(`expected a space before an attribute at ${this.pos}`);
      const key = this.name();
      if (key in attrs) throw new Error(`duplicate attribute ${key}`);
      this.spaces();
      this.expect('=');
      this.spaces();
      attrs[key] = this.quoted();
    }
    const children = this.content(name);
    return { name, attrs, children };
  }

  private content(name: string): XmlNode[] {
    const children: XmlNode[] = [];
    let textRun = '';
    for (;;) {
      if (this.atEnd()) throw new Error(`unclosed <${name}>`);
      if (this.s.startsWith('</', this.pos)) {
        this.pos += 2;
        const closing = this.name();
        if (closing !== name) throw new Error(`</${closing}> closes <${name}>`);
        this.spaces();
        this.expect('>');
        if (textRun) children.push(textRun);
        return children;
      }
      if (this.s.startsWith('<!--', this.pos)) {
        this.skipPast('-->');
      } else if (this.s[this.pos] === '<') {
        if (textRun) children.push(textRun);
        textRun = '';
        children.push(this.element());
      } else {
        textRun += this.char('<', ']]>');
      }
    }
  }

  private quoted(): string {
    const quote = this.s[this.pos];
    if (quote !== '"' && quote !== "'") throw new Error(`unquoted attribute at ${this.pos}`);
    this.pos++;
    let value = '';
    while (this.s[this.pos] !== quote) {
      if (this.atEnd()) throw new Error('unterminated attribute');
      value += this.char('<');
    }
    this.pos++;
    return value;
  }

  /** One character or entity reference of text; `forbidden` may not start here. */
  private char(...forbidden: string[]): string {
    for (const f of forbidden) if (this.s.startsWith(f, this.pos)) throw new Error(`a bare ${f} at ${this.pos}`);
    if (this.s[this.pos] !== '&') return this.s[this.pos++];
    ENTITY.lastIndex = this.pos;
    const m = ENTITY.exec(this.s);
    if (!m) throw new Error(`a bare & at ${this.pos}`);
    this.pos = ENTITY.lastIndex;
    if (m[1]) return NAMED[m[1]];
    const code = m[2] ? Number(m[2]) : Number.parseInt(m[3], 16);
    const c = String.fromCodePoint(code);
    if (BAD_CHAR.test(c)) throw new Error(`a reference to a character XML cannot hold: ${m[0]}`);
    return c;
  }

  private name(): string {
    NAME.lastIndex = this.pos;
    const m = NAME.exec(this.s);
    if (!m) throw new Error(`expected a name at ${this.pos}`);
    this.pos = NAME.lastIndex;
    return m[0];
  }

  private spaces(): void {
    SPACE.lastIndex = this.pos;
    SPACE.exec(this.s);
    this.pos = SPACE.lastIndex;
  }

  private expect(token: string): void {
    if (!this.s.startsWith(token, this.pos)) throw new Error(`expected ${token} at ${this.pos}`);
    this.pos += token.length;
  }

  private skipPast(end: string): void {
    const at = this.s.indexOf(end, this.pos);
    if (at < 0) throw new Error(`unterminated, expected ${end}`);
    this.pos = at + end.length;
  }
}

/** Every element under `node` (itself included) that passes `test`, in document order. */
export function findAll(node: XmlElement, test: (e: XmlElement) => boolean): XmlElement[] {
  const found: XmlElement[] = test(node) ? [node] : [];
  for (const child of node.children) if (typeof child !== 'string') found.push(...findAll(child, test));
  return found;
}

/** Elements whose class list holds every one of `classes`. */
export function byClass(node: XmlElement, ...classes: string[]): XmlElement[] {
  return findAll(node, (e) => {
    const list = (e.attrs.class ?? '').split(/\s+/);
    return classes.every((c) => list.includes(c));
  });
}

/** The text inside an element, its descendants' included. */
export function textOf(node: XmlNode): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join('');
}
