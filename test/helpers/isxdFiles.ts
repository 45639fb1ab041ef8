import { readFile, writeFile } from 'node:fs/promises';
import { Ratio } from '../../lib/core/ratio.js';
import { Time } from '../../lib/core/time.js';
import { Timing, type TimingInit } from '../../lib/core/timing.js';
import type { JsonObject } from '../../lib/json/jsonValue.js';
import { FileSource } from '../../lib/io/fileSource.js';
import { readFooter } from '../../lib/isxd/footer.js';
import { encodeFooter } from '../../lib/isxd/writeFooter.js';

/** `numSamples` samples of 50 ms from 2023-11-14T22:13:20Z, with any other Timing field overridden. */
export function makeTiming(numSamples: number, rest: Partial<TimingInit> = {}): Timing {
  return new Timing({ numSamples, period: new Ratio(50, 1000), start: new Time(new Ratio(1_700_000_000, 1)), ...rest });
}

/** Writes `payload` + an `.isxd` trailer holding `footer` as they are, for files no writer of ours would produce. */
export async function writeRawIsxd(path: string, payload: Uint8Array, footer: JsonObject): Promise<void> {
  await writeFile(path, Buffer.concat([payload, encodeFooter(footer)]));
}

/** The payload of an `.isxd` file and its parsed footer, for tampering. */
export async function readIsxdParts(path: string): Promise<{ payload: Uint8Array; footer: JsonObject }> {
  const bytes = await readFile(path);
  await using source = await FileSource.open(path);
  const { json, payloadEnd } = await readFooter(source);
  return { payload: bytes.subarray(0, payloadEnd), footer: json };
}

/** Rewrites the JSON trailer of an `.isxd` file: parse it, let `edit` change it, re-append it with its length (spec 2). */
export async function rewriteFooter(path: string, edit: (footer: JsonObject) => void): Promise<void> {
  const { payload, footer } = await readIsxdParts(path);
  edit(footer);
  await writeRawIsxd(path, payload, footer);
}

/** Replaces the trailer of an `.isxd` file with `text` as given (JSON no writer would produce), NUL and length. */
export async function replaceFooterText(path: string, text: string): Promise<void> {
  const { payload } = await readIsxdParts(path);
  const json = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.byteLength));
  await writeFile(path, Buffer.concat([payload, json, Buffer.from([0]), length]));
}
