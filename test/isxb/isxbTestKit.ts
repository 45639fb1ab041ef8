import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { encodeLumaJpeg } from '../synthetic/encodeJpeg.js';
import { encodeIsxb, type IsxbInit } from '../synthetic/writeIsxb.js';
export { rejection, thrown } from '../helpers/errors.js';

export const COLS = 64;
export const ROWS = 48;

/** A grey test image: a horizontal ramp plus a per-image level, so frames differ from each other. */
export function makeLuma(level: number, cols = COLS, rows = ROWS): Uint8Array {
  const luma = new Uint8Array(cols * rows);
  for (let y = 0; y < rows; y++) for (let x = 0; x < cols; x++) luma[y * cols + x] = (level + x * 2) & 0xff;
  return luma;
}

/** `count` JPEGs of `makeLuma(20 + 40·k)`. */
export async function makeJpegs(count: number, cols = COLS, rows = ROWS): Promise<{ jpegs: Uint8Array[]; lumas: Uint8Array[] }> {
  const lumas = Array.from({ length: count }, (_, k) => makeLuma(20 + 40 * k, cols, rows));
  const jpegs = await Promise.all(lumas.map((l) => encodeLumaJpeg(l, cols, rows)));
  return { jpegs, lumas };
}

export async function writeIsxbBytes(path: string, bytes: Uint8Array): Promise<string> {
  await writeFile(path, bytes);
  return path;
}

export async function writeSynthetic(path: string, init: IsxbInit, patch?: (bytes: Uint8Array, view: DataView) => void): Promise<string> {
  const bytes = encodeIsxb(init);
  patch?.(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return writeIsxbBytes(path, bytes);
}

export function meanAbsDiff(a: Uint8Array, b: Uint8Array): number {
  expect(a.length).to.equal(b.length);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}



/** Offset of the first `FF <code>` marker in `bytes` at or after `from`. */
export function findMarker(bytes: Uint8Array, code: number, from = 0): number {
  for (let i = from; i + 1 < bytes.length; i++) if (bytes[i] === 0xff && bytes[i + 1] === code) return i;
  throw new Error(`marker FF${code.toString(16)} not found`);
}
