import { HttpError } from '../http-error';

/** Fastify's own words for a body that is not JSON, kept so every route says the same. */
export const NOT_JSON = "Body is not valid JSON but content-type is set to 'application/json'";
export const EMPTY_JSON = "Body cannot be empty when content-type is set to 'application/json'";

enum State {
  Start,
  KeyOrEnd,
  NextKey,
  Colon,
  MemberValue,
  ArrayFirst,
  ElementStart,
  AfterElement,
  AfterMember,
  InValue,
  Done,
}
enum Purpose {
  Key,
  Element,
  Skip,
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const BOM = 0xfeff;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const endsScalar = (c: number): boolean => isSpace(c) || c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET;

/**
 * Reads `{"<arrayKey>": [row, row, ...]}` as it arrives, handing each row to `onRow` parsed on its
 * own, so a 40 MB body never exists as one string or one array of objects: memory is one row and
 * one chunk. Errors read as the schema check's did (`body/polls must be array`, `body/x is not a
 * known field`) and a syntax error as Fastify's; the one difference is order: a bad row is refused
 * when it is reached, before a later unknown top-level field is seen.
 */
export class JsonRowsSplitter {
  private state = State.Start;
  private afterValue = State.Done;
  private purpose = Purpose.Skip;
  private key = '';
  private sawArray = false;
  private arrayProblem: string | undefined;
  private unknownKey: string | undefined;
  private rows = 0;
  private sawAnything = false;
  // The value being read: nesting, string state, and its text so far when it is kept.
  private depth = 0;
  private inString = false;
  private escaped = false;
  private scalar = false;
  private parts: string[] = [];
  private start = 0;

  constructor(
    private readonly arrayKey: string,
    private readonly onRow: (row: unknown, index: number) => void,
  ) {}

  feed(text: string): void {
    let i = 0;
    while (i < text.length) {
      if (this.state === State.InValue) {
        i = this.scanValue(text, i);
        continue;
      }
      const c = text.charCodeAt(i);
      if (isSpace(c) || (c === BOM && this.state === State.Start && !this.sawAnything)) {
        i++;
        continue;
      }
      this.sawAnything = true;
      i = this.step(c, text, i);
    }
    if (this.state === State.InValue && this.purpose !== Purpose.Skip) this.parts.push(text.slice(this.start));
    this.start = 0;
  }

  /** The body is complete: a 400 when it was not the expected shape. */
  end(): void {
    if (!this.sawAnything) throw new HttpError(400, EMPTY_JSON);
    if (this.state !== State.Done) throw notJson();
    if (!this.sawArray) throw bad(`body/${this.arrayKey} is required`);
    if (this.unknownKey !== undefined) throw bad(`body/${this.unknownKey} is not a known field`);
    if (this.arrayProblem !== undefined) throw bad(this.arrayProblem);
  }

  /** One structural character outside any value. */
  private step(c: number, text: string, i: number): number {
    switch (this.state) {
      case State.Start:
        if (c !== OPEN_BRACE) throw /[[\-0-9tfn"]/.test(text[i]) ? bad('body must be object') : notJson();
        this.state = State.KeyOrEnd;
        return i + 1;
      case State.KeyOrEnd:
        if (c === CLOSE_BRACE) return this.to(State.Done, i + 1);
        return this.startKey(c, i);
      case State.NextKey:
        return this.startKey(c, i);
      case State.Colon:
        if (c !== COLON) throw notJson();
        return this.to(State.MemberValue, i + 1);
      case State.MemberValue:
        return this.startMember(c, i);
      case State.ArrayFirst:
        if (c === CLOSE_BRACKET) return this.to(State.AfterMember, i + 1);
        return this.startValue(Purpose.Element, State.AfterElement, i);
      case State.ElementStart:
        return this.startValue(Purpose.Element, State.AfterElement, i);
      case State.AfterElement:
        if (c === COMMA) return this.to(State.ElementStart, i + 1);
        if (c === CLOSE_BRACKET) return this.to(State.AfterMember, i + 1);
        throw notJson();
      case State.AfterMember:
        if (c === COMMA) return this.to(State.NextKey, i + 1);
        if (c === CLOSE_BRACE) return this.to(State.Done, i + 1);
        throw notJson();
      default:
        throw notJson();
    }
  }

  private to(state: State, i: number): number {
    this.state = state;
    return i;
  }

  private startKey(c: number, i: number): number {
    if (c !== QUOTE) throw notJson();
    return this.startValue(Purpose.Key, State.Colon, i);
  }

  /** The value of a top-level field: the rows array is read row by row, anything else skipped. */
  private startMember(c: number, i: number): number {
    if (this.key !== this.arrayKey) {
      this.unknownKey ??= this.key;
      return this.startValue(Purpose.Skip, State.AfterMember, i);
    }
    if (this.sawArray) throw bad(`body/${this.arrayKey} is given twice`);
    this.sawArray = true;
    if (c === OPEN_BRACKET) return this.to(State.ArrayFirst, i + 1);
    // The schema check coerced a lone value into an array of it, whose first row is then no object.
    this.arrayProblem =
      c === OPEN_BRACE ? `body/${this.arrayKey} must be array` : `body/${this.arrayKey}/0 must be object`;
    return this.startValue(Purpose.Skip, State.AfterMember, i);
  }

  private startValue(purpose: Purpose, after: State, i: number): number {
    this.purpose = purpose;
    this.afterValue = after;
    this.state = State.InValue;
    this.parts = [];
    this.start = i;
    this.depth = 0;
    this.escaped = false;
    this.scalar = false;
    this.inString = false;
    return i;
  }

  /** Reads on through the current value; returns where it stopped (its end, or the chunk's). */
  private scanValue(text: string, from: number): number {
    if (from === this.start && this.depth === 0 && !this.inString && !this.scalar) {
      // The value's first character.
      const c = text.charCodeAt(from);
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth = 1;
      else this.scalar = true;
      if (!this.scalar) from++;
    }
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.depth === 0) return this.endValue(text, i + 1);
        }
      } else if (this.scalar) {
        if (endsScalar(c)) return this.endValue(text, i);
      } else if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (--this.depth === 0) return this.endValue(text, i + 1);
      }
    }
    return text.length;
  }

  private endValue(text: string, end: number): number {
    this.state = this.afterValue;
    if (this.purpose === Purpose.Skip) return end;
    this.parts.push(text.slice(this.start, end));
    const value = parseValue(this.parts.join(''));
    this.parts = [];
    if (this.purpose === Purpose.Key) {
      if (value === '__proto__') throw notJson();
      this.key = value as string;
    } else this.onRow(value, this.rows++);
    return end;
  }
}

/**
 * JSON.parse, refusing what Fastify's parser refuses (a `__proto__` key, a `constructor` holding
 * `prototype`), which an object built from the row could otherwise carry into code that reads it.
 */
function parseValue(text: string): unknown {
  try {
    if (!/__proto__|constructor|\\u/.test(text)) return JSON.parse(text);
    return JSON.parse(text, (key, value: unknown) => {
      if (key === '__proto__') throw notJson();
      if (key === 'constructor' && typeof value === 'object' && value !== null && Object.hasOwn(value, 'prototype'))
        throw notJson();
      return value;
    });
  } catch {
    throw notJson();
  }
}

const bad = (message: string): HttpError => new HttpError(400, message, 'Bad Request');
const notJson = (): HttpError => bad(NOT_JSON);
