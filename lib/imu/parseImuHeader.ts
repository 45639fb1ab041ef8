import { IsxError } from '../errors.js';
import type { ByteSource } from '../io/byteSource.js';

/** Fixed header of a raw `.imu` file (spec 11.1). */
export const IMU_HEADER_BYTES = 112;
/** `u64 timestampMs, i16 x, y, z, i16 reserved`. */
export const IMU_RECORD_BYTES = 16;

export type ImuSensor = 'accelerometer' | 'magnetometer' | 'orientation';

/** One block of 16-byte records, checked to lie inside the file. */
export interface ImuBlock {
  count: number;
  offset: number;
}

export interface ImuHeader {
  accelerometer: ImuBlock;
  magnetometer: ImuBlock;
  orientation: ImuBlock;
  sessionOffset: number;
}

/** Header offsets of each block's `{u64 count, u64 offset, u64 size}`. */
const BLOCK_FIELDS: readonly [ImuSensor, number][] = [
  ['accelerometer', 24],
  ['magnetometer', 48],
  ['orientation', 72],
];
const SESSION_OFFSET_AT = 96;

/**
 * Reads the 112-byte header and checks every block against the file size before anything is allocated.
 * The header's time fields are not used by the reference (spec 11.1) and are not read.
 */
export async function parseImuHeader(source: ByteSource): Promise<ImuHeader> {
  const { path, size } = source;
  const bytes = await source.readAt(0, IMU_HEADER_BYTES, 'IMU file header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const blocks = {} as Record<ImuSensor, ImuBlock>;
  for (const [sensor, at] of BLOCK_FIELDS) {
    const count = view.getBigUint64(at, true);
    const offset = view.getBigUint64(at + 8, true);
    const byteLength = view.getBigUint64(at + 16, true);
    // BigInt arithmetic: declared values near 2^64 cannot overflow into a plausible size.
    if (byteLength !== count * BigInt(IMU_RECORD_BYTES)) {
      throw new IsxError(
        'E_CORRUPT',
        `${sensor} block size ${byteLength} (header offset ${at + 16}) is not ${IMU_RECORD_BYTES} × its record count ${count}`,
        { path, offset: at + 16 },
      );
    }
    if (offset + byteLength > BigInt(size)) {
      throw new IsxError(
        'E_TRUNCATED',
        `${sensor} block needs ${byteLength} bytes at offset ${offset} (header offset ${at + 8}); file ends at ${size} (truncated?)`,
        { path, offset: at + 8 },
      );
    }
    blocks[sensor] = { count: Number(count), offset: Number(offset) };
  }
  const sessionOffset = view.getBigUint64(SESSION_OFFSET_AT, true);
  if (sessionOffset > BigInt(size)) {
    throw new IsxError(
      'E_TRUNCATED',
      `session offset ${sessionOffset} (header offset ${SESSION_OFFSET_AT}) is past the end of the file at ${size} (truncated?)`,
      { path, offset: SESSION_OFFSET_AT },
    );
  }
  return { ...blocks, sessionOffset: Number(sessionOffset) };
}
