import type { AtomicFile } from '../io/atomicFile.js';
import type { JsonObject } from '../json/jsonValue.js';
import { stringifyJson } from '../json/stringifyJson.js';

/** Written into the `producer` key of files isx-stream creates. */
export const PRODUCER: JsonObject = { name: 'isx-stream', version: [0, 1, 0] };

/** The trailer of an `.isxd` file: JSON text (isxcore layout: indent 4, sorted keys), NUL, u64 LE length. */
export function encodeFooter(footer: JsonObject): Uint8Array {
  const text = Buffer.from(stringifyJson(footer, { indent: 4, sortKeys: true }), 'utf8');
  const out = new Uint8Array(text.byteLength + 9);
  out.set(text, 0);
  out[text.byteLength] = 0;
  new DataView(out.buffer).setBigUint64(text.byteLength + 1, BigInt(text.byteLength), true);
  return out;
}

/** Appends the footer after the payload already written and moves the file to its final name. */
export async function finishIsxd(file: AtomicFile, footer: JsonObject): Promise<void> {
  try {
    await file.write(encodeFooter(footer));
    await file.commit();
  } catch (error) {
    await file.abort();
    throw error;
  }
}
