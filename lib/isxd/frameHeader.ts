/**
 * The per-frame header of nVista 3 movies (spec 4.4): two sensor rows (2560 u16) before the pixels.
 * Each metadata "pixel" carries one byte in bits 4-11, so a byte `v` is stored as `v << 4`.
 */

/** u16 values in a frame header or footer. */
export const FRAME_HEADER_WORDS = 2560;
/** Bytes of a frame header or footer. */
export const FRAME_HEADER_BYTES = FRAME_HEADER_WORDS * 2;
/** `header[0]`: a sanity marker the sensor writes (spec 4.4; only logged by isxcore). */
const FRAME_HEADER_MARKER = 0x00a0;
/** First header index of the 8-word hardware timestamp. */
export const TSC_INDEX = 1272;
export const TSC_WORDS = 8;

export interface FrameHeader {
  colorId: number;
  writeEnable: number;
  frameCount: number;
  led1Power: number;
  led1VF: number;
  led2Power: number;
  led2VF: number;
  efocus: number;
  /** Hardware time-stamp counter, microseconds. */
  tsc: bigint;
}

type NumberField = Exclude<keyof FrameHeader, 'tsc'>;

/** Field → [first header index, number of carried bytes] (spec 4.4 table). */
const FIELDS: ReadonlyArray<readonly [NumberField, number, number]> = [
  ['colorId', 1256, 1],
  ['writeEnable', 1257, 1],
  ['frameCount', 1258, 4],
  ['led1Power', 1262, 2],
  ['led1VF', 1264, 2],
  ['led2Power', 1266, 2],
  ['led2VF', 1268, 2],
  ['efocus', 1270, 2],
];

export function decodeFrameHeader(header: Uint16Array): FrameHeader {
  const fields = { tsc: decodeTsc(header) } as FrameHeader;
  for (const [name, first, count] of FIELDS) {
    // spec 4.4: carried bytes are OR-ed unmasked; `>>> 0` keeps the u32 result of the 4-byte frame count.
    let value = 0;
    for (let k = 0; k < count; k++) value |= (header[first + k]! >> 4) << (8 * k);
    fields[name] = value >>> 0;
  }
  return fields;
}

/**
 * The hardware timestamp (spec 4.4): word pairs (a, b) give 16-bit chunks `(b << 4) | (a >> 4)`,
 * least significant first. Not masked, as isxcore does; the u64 result wraps.
 */
export function decodeTsc(header: Uint16Array, at = TSC_INDEX): bigint {
  let tsc = 0n;
  for (let k = 0; k < 4; k++) {
    const a = header[at + 2 * k]!;
    const b = header[at + 2 * k + 1]!;
    tsc |= BigInt((b << 4) | (a >> 4)) << BigInt(16 * k);
  }
  return BigInt.asUintN(64, tsc);
}

/** A header whose fields decode to `fields` (each carried byte stored as `v << 4`). */
export function encodeFrameHeader(fields: FrameHeader): Uint16Array {
  const header = new Uint16Array(FRAME_HEADER_WORDS);
  header[0] = FRAME_HEADER_MARKER;
  for (const [name, first, count] of FIELDS) {
    const value = fields[name];
    for (let k = 0; k < count; k++) header[first + k] = ((value >>> (8 * k)) & 0xff) << 4;
  }
  for (let k = 0; k < TSC_WORDS; k++) {
    header[TSC_INDEX + k] = Number((BigInt.asUintN(64, fields.tsc) >> BigInt(8 * k)) & 0xffn) << 4;
  }
  return header;
}
