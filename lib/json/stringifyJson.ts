import type { JsonValue } from './jsonValue.js';

export interface StringifyOptions {
  /** Spaces per level; 0 writes compact JSON. isxcore writes 4. */
  indent?: number;
  /** Sort object keys byte-wise, as isxcore does. */
  sortKeys?: boolean;
}

/**
 * Writes JSON that keeps `bigint` integers exact. Non-finite numbers become `null`, as isxcore writes
 * NaN and Infinity. Strings escape, besides what JSON requires (C0 controls, `"`, `\`), DEL and the C1
 * controls, which terminals may obey (U+009B is CSI), and U+2028/U+2029, which end lines for JavaScript
 * and many line tools: a value prints inertly and a line of NDJSON stays one line.
 */
export function stringifyJson(value: JsonValue, options: StringifyOptions = {}): string {
  return stringifyJsonPieces(value, options).join('');
}

/**
 * stringifyJson's text as the pieces it is made of, not joined: a caller that writes a large text out
 * piece by piece never holds it whole beside its pieces (issue 12: a footer with a 100 MB string).
 */
export function stringifyJsonPieces(value: JsonValue, options: StringifyOptions = {}): string[] {
  const indent = options.indent ?? 0;
  const sortKeys = options.sortKeys ?? false;
  const out: string[] = [];
  write(value, 0);
  return out;

  function write(v: JsonValue, depth: number): void {
    if (v === null) out.push('null');
    else if (typeof v === 'bigint') out.push(v.toString());
    else if (typeof v === 'number') out.push(Number.isFinite(v) ? String(v) : 'null');
    else if (typeof v === 'boolean') out.push(v ? 'true' : 'false');
    else if (typeof v === 'string') pushString(v);
    else if (Array.isArray(v)) {
      if (v.length === 0) return void out.push('[]');
      out.push('[');
      v.forEach((item, i) => {
        if (i > 0) out.push(',');
        newline(depth + 1);
        write(item, depth + 1);
      });
      newline(depth);
      out.push(']');
    } else {
      const keys = Object.keys(v).filter((k) => v[k] !== undefined);
      if (sortKeys) keys.sort(compareBytewise);
      if (keys.length === 0) return void out.push('{}');
      out.push('{');
      keys.forEach((key, i) => {
        if (i > 0) out.push(',');
        newline(depth + 1);
        out.push(quoteJsonString(key), indent > 0 ? ': ' : ':');
        write(v[key] as JsonValue, depth + 1);
      });
      newline(depth);
      out.push('}');
    }
  }

  // A string with nothing to escape is its own JSON text between quotes: pushed as it is, a long one is
  // not copied (JSON.stringify would copy it, and transiently twice over).
  function pushString(text: string): void {
    if (NEEDS_ESCAPE.test(text)) out.push(quoteJsonString(text));
    else out.push('"', text, '"');
  }

  function newline(depth: number): void {
    if (indent > 0) out.push('\n', ' '.repeat(indent * depth));
  }
}

const UNSAFE_FOR_LINES = /[\u007f-\u009f\u2028\u2029]/;
/** What quoteJsonString would change: JSON's escapes, UNSAFE_FOR_LINES, and surrogates (a lone one is escaped). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff]/;

/** A string as JSON text, with the characters that end lines or drive terminals escaped too. */
export function quoteJsonString(text: string): string {
  const json = JSON.stringify(text);
  return UNSAFE_FOR_LINES.test(json) ? json.replace(new RegExp(UNSAFE_FOR_LINES, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}

/** Orders strings by their UTF-8 bytes, as isxcore sorts JSON keys. */
export function compareBytewise(a: string, b: string): number {
  const ba = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return Buffer.compare(ba, bb);
}
