import { IsxError } from '../errors.js';
import type { JsonObject, JsonValue } from './jsonValue.js';

/** Which document a metadata value came from, for error messages. */
export interface JsonSite {
  /** The file. */
  path: string;
  /** Where the document starts in the file. */
  offset?: number;
  /** What the document is: "footer", "session JSON", "per-frame JSON". */
  document: string;
}

export function headerError(site: JsonSite, name: string, expected: string, found: JsonValue | undefined): IsxError {
  const shown = found === undefined ? 'nothing' : describe(found);
  return new IsxError('E_HEADER', `${site.document} key "${shortText(name, 200)}": expected ${expected}, found ${shown}`, {
    path: site.path,
    offset: site.offset,
  });
}

function describe(value: JsonValue): string {
  if (typeof value === 'bigint') return shortText(value.toString());
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value !== null && typeof value === 'object') return 'an object';
  return shortText(JSON.stringify(value));
}

/** Input quoted in an error message, cut to `max` characters: a hostile file must not make megabyte messages. */
export function shortText(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value of a required key; `name` is the dotted path used in errors. */
export function field(obj: JsonObject, key: string, site: JsonSite, name = key): JsonValue {
  const value = Object.hasOwn(obj, key) ? obj[key] : undefined;
  if (value === undefined) throw headerError(site, name, 'a value', undefined);
  return value;
}

export function optionalField(obj: JsonObject, key: string): JsonValue | undefined {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

export function asObject(value: JsonValue | undefined, name: string, site: JsonSite): JsonObject {
  if (!isJsonObject(value)) throw headerError(site, name, 'an object', value);
  return value;
}

export function asArray(value: JsonValue | undefined, name: string, site: JsonSite): JsonValue[] {
  if (!Array.isArray(value)) throw headerError(site, name, 'an array', value);
  return value;
}

export function asString(value: JsonValue | undefined, name: string, site: JsonSite): string {
  if (typeof value !== 'string') throw headerError(site, name, 'a string', value);
  return value;
}

export function asBoolean(value: JsonValue | undefined, name: string, site: JsonSite): boolean {
  if (typeof value !== 'boolean') throw headerError(site, name, 'true or false', value);
  return value;
}

/** An integer as `bigint`, whatever its size. */
export function asBigInt(value: JsonValue | undefined, name: string, site: JsonSite): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  throw headerError(site, name, 'an integer', value);
}

/** An integer that must fit a JS number exactly (counts, indices, sizes). */
export function asSafeInteger(value: JsonValue | undefined, name: string, site: JsonSite): number {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'bigint') {
    throw new IsxError('E_RANGE', `${site.document} key "${name}": ${shortText(value.toString())} is beyond 2^53`, {
      path: site.path,
      offset: site.offset,
    });
  }
  throw headerError(site, name, 'an integer', value);
}

export function asUnsigned(value: JsonValue | undefined, name: string, site: JsonSite): number {
  const n = asSafeInteger(value, name, site);
  if (n < 0) throw headerError(site, name, 'a non-negative integer', value);
  return n;
}

/** A float; `null` stands for NaN (isxcore writes NaN as null). */
export function asNumber(value: JsonValue | undefined, name: string, site: JsonSite): number {
  if (value === null) return Number.NaN;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  throw headerError(site, name, 'a number', value);
}

export function asArrayOf<T>(
  value: JsonValue | undefined,
  name: string,
  site: JsonSite,
  item: (v: JsonValue, name: string, site: JsonSite) => T,
): T[] {
  return asArray(value, name, site).map((v, i) => item(v, `${name}[${i}]`, site));
}
