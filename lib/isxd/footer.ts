import { IsxError } from '../errors.js';
import type { ByteSource } from '../io/byteSource.js';
import type { JsonSite } from '../json/fields.js';
import { JsonSyntaxError, parseJson } from '../json/parseJson.js';
import type { JsonObject } from '../json/jsonValue.js';
import { isJsonObject } from '../json/fields.js';

/** Every `.isxd` ends with `JSON text, 0x00, u64 LE length of the text` (spec 2). */
const TRAILER_BYTES = 9;

export interface IsxdFooter {
  /** The whole footer object, integers beyond 2^53 as bigint. */
  json: JsonObject;
  /** Where the JSON starts: the payload occupies `[0, payloadEnd)`. */
  payloadEnd: number;
  /** Byte length of the JSON text as found (up to the first NUL). */
  textLength: number;
  /** For errors about footer keys. */
  site: JsonSite;
}

/**
 * Reads the JSON footer of an `.isxd` file. The text runs from its start to the first NUL, not to
 * `size - 9`: isxcore rewrites footers in place and leaves stale bytes after a shorter one (spec 2).
 */
export function readFooter(source: ByteSource): Promise<IsxdFooter> {
  // open() reads the footer to pick a reader, which then asks again: parse once per open source.
  let footer = footersBySource.get(source);
  if (footer === undefined) {
    footer = parseFooter(source);
    footersBySource.set(source, footer);
  }
  return footer;
}

const footersBySource = new WeakMap<ByteSource, Promise<IsxdFooter>>();

async function parseFooter(source: ByteSource): Promise<IsxdFooter> {
  const { path, size } = source;
  if (size < TRAILER_BYTES) {
    throw new IsxError('E_TRUNCATED', `file is ${size} bytes; an .isxd file ends with a ${TRAILER_BYTES}-byte trailer`, {
      path,
      offset: 0,
    });
  }
  const tail = await source.readAt(size - 8, 8, 'footer length');
  const declared = new DataView(tail.buffer, tail.byteOffset, 8).getBigUint64(0, true);
  if (declared > BigInt(size - TRAILER_BYTES)) {
    await checkStrayBytes(source);
    throw new IsxError(
      'E_FOOTER',
      `footer length ${declared} at offset ${size - 8} is larger than the ${size - TRAILER_BYTES} bytes before the trailer (not an .isxd file, or truncated?)`,
      { path, offset: size - 8 },
    );
  }
  const payloadEnd = size - TRAILER_BYTES - Number(declared);
  const region = await source.readAt(payloadEnd, size - 8 - payloadEnd, 'footer JSON');
  const nul = region.indexOf(0);
  if (nul < 0) {
    await checkStrayBytes(source);
    throw new IsxError('E_FOOTER', `footer JSON at offset ${payloadEnd} has no NUL terminator before offset ${size - 8}`, {
      path,
      offset: payloadEnd,
    });
  }
  const site: JsonSite = { path, offset: payloadEnd, document: 'footer' };
  const json = parseDocument(region.subarray(0, nul), site);
  if (!isJsonObject(json)) {
    throw new IsxError('E_JSON', `footer at offset ${payloadEnd} is JSON but not an object`, { path, offset: payloadEnd });
  }
  return { json, payloadEnd, textLength: nul, site };
}

/** Most bytes a text tool appends to a file it saves: a newline, CR LF, a few spaces. */
const MAX_STRAY_BYTES = 4;

/**
 * Called when the trailer is unusable: if dropping a few trailing whitespace bytes leaves a valid
 * trailer (the NUL, then a length that fits), the file was saved by a text tool, and the error says so.
 */
async function checkStrayBytes(source: ByteSource): Promise<void> {
  const { path, size } = source;
  const look = Math.min(size, TRAILER_BYTES + MAX_STRAY_BYTES);
  const end = await source.readAt(size - look, look, 'end of file');
  for (let stray = 1; stray <= MAX_STRAY_BYTES && TRAILER_BYTES + stray <= look; stray++) {
    if (!isWhitespace(end[look - stray]!)) return;
    const at = look - stray - 8;
    const declared = new DataView(end.buffer, end.byteOffset + at, 8).getBigUint64(0, true);
    const trailerEnd = size - stray;
    if (end[at - 1] === 0 && declared <= BigInt(trailerEnd - TRAILER_BYTES)) {
      const bytes = [...end.subarray(look - stray)].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(' ');
      throw new IsxError(
        'E_FOOTER',
        `${stray} stray byte(s) (${bytes}) after the .isxd trailer that ends at offset ${trailerEnd}; was the file saved by a text tool? Remove them (spec 2)`,
        { path, offset: trailerEnd },
      );
    }
  }
}

function isWhitespace(byte: number): boolean {
  return byte === 0x0a || byte === 0x0d || byte === 0x20 || byte === 0x09;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes and parses one JSON document from file bytes, reporting failures with the file offset. */
export function parseDocument(bytes: Uint8Array, site: JsonSite): ReturnType<typeof parseJson> {
  const at = site.offset ?? 0;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (cause) {
    throw new IsxError('E_JSON', `${site.document} at offset ${at} is not valid UTF-8`, { path: site.path, offset: at, cause });
  }
  try {
    return parseJson(text);
  } catch (cause) {
    if (!(cause instanceof JsonSyntaxError)) throw cause;
    const where = at + Buffer.byteLength(text.slice(0, cause.position), 'utf8');
    throw new IsxError('E_JSON', `${site.document} at offset ${at} does not parse: ${cause.message} (byte ${where})`, {
      path: site.path,
      offset: where,
      cause,
    });
  }
}
