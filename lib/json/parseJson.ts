import type { JsonObject, JsonValue } from './jsonValue.js';

/** Where a JSON text failed to parse: `position` counts UTF-16 code units from its start. */
export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at position ${position}`);
  }
}

/**
 * Parses JSON text without losing integer precision: integer literals outside the safe range become
 * `bigint` (real cell sets hold INT64_MIN; ratios and hardware counters exceed 2^53). Every other number
 * is a `number`. Duplicate keys keep the last value, as JSON.parse does.
 */
export function parseJson(text: string): JsonValue {
  const parser = new Parser(text);
  parser.skipSpace();
  const value = parser.parseValue();
  parser.skipSpace();
  if (parser.pos !== text.length) throw new JsonSyntaxError('unexpected text after the JSON value', parser.pos);
  return value;
}

/**
 * Parses the first JSON value at the start of `text` and ignores what follows it (session blocks in raw
 * acquisition files are followed by other bytes). Returns the value and where it ended.
 */
export function parseJsonPrefix(text: string): { value: JsonValue; end: number } {
  const parser = new Parser(text);
  parser.skipSpace();
  const value = parser.parseValue();
  return { value, end: parser.pos };
}

const SAFE_INTEGER_DIGITS = 15;

/**
 * Deepest nesting of arrays and objects accepted. Real footers and session JSON nest fewer than 10
 * levels (spec 2, 8.3); the limit keeps the recursive parser far from the stack limit (~4,300 levels),
 * so hostile nesting is a JsonSyntaxError, never a RangeError.
 */
export const MAX_JSON_DEPTH = 256;

class Parser {
  pos = 0;
  private depth = 0;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) p++;
      else break;
    }
    this.pos = p;
  }

  parseValue(): JsonValue {
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 0x7b: // {
        return this.nested(() => this.parseObject());
      case 0x5b: // [
        return this.nested(() => this.parseArray());
      case 0x22: // "
        return this.parseString();
      case 0x74: // t
        return this.parseLiteral('true', true);
      case 0x66: // f
        return this.parseLiteral('false', false);
      case 0x6e: // n
        return this.parseLiteral('null', null);
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.parseNumber();
        throw new JsonSyntaxError(
          Number.isNaN(c) ? 'unexpected end of JSON' : `unexpected character ${JSON.stringify(this.text[this.pos])}`,
          this.pos,
        );
    }
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_JSON_DEPTH) throw new JsonSyntaxError(`arrays and objects nested deeper than ${MAX_JSON_DEPTH} levels`, this.pos);
    const value = parse();
    this.depth--;
    return value;
  }

  private parseLiteral<T extends JsonValue>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) throw new JsonSyntaxError(`expected ${word}`, this.pos);
    this.pos += word.length;
    return value;
  }

  private parseObject(): JsonObject {
    const result: JsonObject = {};
    this.pos++;
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) !== 0x22) throw new JsonSyntaxError('expected a string key', this.pos);
      const key = this.parseString();
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) !== 0x3a) throw new JsonSyntaxError("expected ':'", this.pos);
      this.pos++;
      this.skipSpace();
      // defineProperty keeps a "__proto__" key as data instead of changing the prototype.
      Object.defineProperty(result, key, { value: this.parseValue(), enumerable: true, writable: true, configurable: true });
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 0x7d) return result;
      if (c !== 0x2c) throw new JsonSyntaxError("expected ',' or '}'", this.pos - 1);
    }
  }

  private parseArray(): JsonValue[] {
    const result: JsonValue[] = [];
    this.pos++;
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipSpace();
      result.push(this.parseValue());
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 0x5d) return result;
      if (c !== 0x2c) throw new JsonSyntaxError("expected ',' or ']'", this.pos - 1);
    }
  }

  private parseString(): string {
    const t = this.text;
    const start = ++this.pos;
    let p = start;
    // Fast path: no escapes.
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 0x22) {
        this.pos = p + 1;
        return t.slice(start, p);
      }
      if (c === 0x5c) break;
      if (Number.isNaN(c)) throw new JsonSyntaxError('unterminated string', start - 1);
      if (c < 0x20) throw new JsonSyntaxError('control character in string', p);
      p++;
    }
    // Slow path: let JSON.parse decode the escapes of exactly this string literal.
    for (;;) {
      const c = t.charCodeAt(p);
      if (Number.isNaN(c)) throw new JsonSyntaxError('unterminated string', start - 1);
      if (c === 0x5c) p += 2;
      else if (c === 0x22) break;
      else p++;
    }
    try {
      const decoded = JSON.parse(t.slice(start - 1, p + 1)) as string;
      this.pos = p + 1;
      return decoded;
    } catch {
      throw new JsonSyntaxError('invalid escape in string', start - 1);
    }
  }

  private parseNumber(): number | bigint {
    const t = this.text;
    const start = this.pos;
    let p = start;
    if (t.charCodeAt(p) === 0x2d) p++;
    const intStart = p;
    while (isDigit(t.charCodeAt(p))) p++;
    if (p === intStart) throw new JsonSyntaxError('expected a digit', p);
    if (p - intStart > 1 && t.charCodeAt(intStart) === 0x30) throw new JsonSyntaxError('leading zero in number', intStart);
    let isInteger = true;
    if (t.charCodeAt(p) === 0x2e) {
      isInteger = false;
      p++;
      const fracStart = p;
      while (isDigit(t.charCodeAt(p))) p++;
      if (p === fracStart) throw new JsonSyntaxError('expected a digit after the decimal point', p);
    }
    const e = t.charCodeAt(p);
    if (e === 0x65 || e === 0x45) {
      isInteger = false;
      p++;
      const s = t.charCodeAt(p);
      if (s === 0x2b || s === 0x2d) p++;
      const expStart = p;
      while (isDigit(t.charCodeAt(p))) p++;
      if (p === expStart) throw new JsonSyntaxError('expected a digit in the exponent', p);
    }
    this.pos = p;
    const literal = t.slice(start, p);
    if (isInteger && p - intStart > SAFE_INTEGER_DIGITS) {
      const big = BigInt(literal);
      if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER)) return big;
    }
    return Number(literal);
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
