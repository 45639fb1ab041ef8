import type { AtomicFileOptions } from '../../lib/io/atomicFile.js';
import { writeFileAtomically } from '../../lib/io/writeFileAtomically.js';
import type { JsonValue } from '../../lib/json/jsonValue.js';
import { stringifyJson } from '../../lib/json/stringifyJson.js';
import { IMU_HEADER_BYTES, IMU_RECORD_BYTES } from '../../lib/imu/parseImuHeader.js';

/** One 16-byte record: x, y, z (i16) and the reserved/temperature field. */
export interface RawImuRecord {
  x: number;
  y: number;
  z: number;
  reserved?: number;
  timestampMs?: bigint;
}

export interface RawImuFile {
  epochNum?: bigint;
  epochDen?: bigint;
  utcOffset?: number;
  accelerometer: readonly RawImuRecord[];
  magnetometer: readonly RawImuRecord[];
  orientation: readonly RawImuRecord[];
  /** Session JSON (spec 11.1), or `sessionText` for arbitrary bytes; neither = empty session. */
  session?: JsonValue;
  sessionText?: string;
}

/** The bytes of a raw `.imu` file per spec 11.1: header, the three record blocks, then the session JSON. */
export function encodeRawImu(file: RawImuFile): Uint8Array {
  const sessionText = file.sessionText ?? (file.session !== undefined ? stringifyJson(file.session, { indent: 4 }) : '');
  const session = Buffer.from(sessionText, 'utf8');
  const blocks = [file.accelerometer, file.magnetometer, file.orientation];
  const recordBytes = blocks.reduce((sum, b) => sum + b.length * IMU_RECORD_BYTES, 0);
  const out = new Uint8Array(IMU_HEADER_BYTES + recordBytes + session.byteLength);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, file.epochNum ?? 0n, true);
  view.setBigUint64(8, file.epochDen ?? 1n, true);
  view.setInt32(16, file.utcOffset ?? 0, true);
  let at = IMU_HEADER_BYTES;
  blocks.forEach((records, b) => {
    const field = 24 + 24 * b;
    view.setBigUint64(field, BigInt(records.length), true);
    view.setBigUint64(field + 8, BigInt(at), true);
    view.setBigUint64(field + 16, BigInt(records.length * IMU_RECORD_BYTES), true);
    for (const record of records) {
      view.setBigUint64(at, record.timestampMs ?? 0n, true);
      view.setInt16(at + 8, record.x, true);
      view.setInt16(at + 10, record.y, true);
      view.setInt16(at + 12, record.z, true);
      view.setInt16(at + 14, record.reserved ?? 0, true);
      at += IMU_RECORD_BYTES;
    }
  });
  view.setBigUint64(96, BigInt(at), true);
  view.setBigUint64(104, BigInt(session.byteLength), true);
  out.set(session, at);
  return out;
}

/** Writes a synthetic `.imu` file (for tests and demo data). */
export async function writeRawImu(path: string, file: RawImuFile, options: AtomicFileOptions = {}): Promise<void> {
  await writeFileAtomically(path, encodeRawImu(file), options);
}

/** Accelerometer and orientation over 3 times, the second dropped (two samples stored); one magnetometer sample. */
export const SAMPLE_IMU: RawImuFile = {
  accelerometer: [{ x: 1, y: 2, z: 3 }, { x: 4, y: 5, z: 6 }],
  orientation: [{ x: 2048, y: 0, z: -2048 }, { x: 1, y: 1, z: 1 }],
  magnetometer: [{ x: 9, y: 9, z: 9 }],
  session: {
    timingInfo: {
      start: { secsSinceEpoch: { num: 1581619401465, den: 1000 }, utcOffset: 0 },
      end: { secsSinceEpoch: { num: 1581619401565, den: 1000 }, utcOffset: 0 },
      accelerometer: { periodMs: { num: 20570732, den: 1000000 }, dropped: [1], numTimes: 3 },
      magnetometer: { periodMs: { num: 400, den: 1 }, dropped: [], numTimes: 1 },
    },
  },
};
