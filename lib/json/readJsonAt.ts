import type { ByteSource } from '../io/byteSource.js';
import type { JsonValue } from './jsonValue.js';
import { JsonSyntaxError, parseJsonPrefix } from './parseJson.js';

// Not fatal: only the leading JSON value matters and the bytes after it may be binary.
const utf8 = new TextDecoder('utf-8');

/**
 * The JSON value that starts at `offset` (bytes after it up to `end` are ignored), or `undefined` when the
 * bytes there do not parse. Raw acquisition files keep their session JSON this way, and the reference
 * converters carry on without a session when it is unreadable (spec 9.5, 11.1).
 */
export async function readJsonAt(source: ByteSource, offset: number, end: number, what: string): Promise<JsonValue | undefined> {
  const bytes = await source.readAt(offset, Math.max(0, end - offset), what);
  try {
    return parseJsonPrefix(utf8.decode(bytes)).value;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return undefined;
    throw error;
  }
}
