import { NO_GPIO_STREAM } from '../events/noDataStream.js';
import { IsxError } from '../errors.js';
import { Ratio } from '../core/ratio.js';
import { Time } from '../core/time.js';
import type { ByteSource } from '../io/byteSource.js';
import { GPIO_SYNC_WORD } from './gpioPackets.js';

/** `u64 num, u64 den, i32 utcOffset, u32 eventDataOffset, u64 eventCount` (spec 9.1). */
export const GPIO_HEADER_BYTES = 32;
/** `u64 fileFormat, u64 sessionDataOffset` after the header when the next word is not a sync word. */
export const GPIO_HEADER_EXTRAS_BYTES = 16;

export interface GpioHeader {
  /** Recording start; the epoch for header-less (alpha) files. */
  start: Time;
  /** Where scanning for packets begins. */
  eventDataOffset: number;
  /** From the header extras; `undefined` without them (then not closed loop, spec 9.2 quirk). */
  fileFormat: bigint | undefined;
  /** Where the session JSON starts; 0 = none. */
  sessionDataOffset: number;
}


/**
 * Reads the optional header of a `.gpio` file (spec 9.1). A file that starts with the sync word has no
 * header. Declared offsets are checked against the file size.
 */
export async function parseGpioHeader(source: ByteSource): Promise<GpioHeader> {
  const { path, size } = source;
  const headerless: GpioHeader = { start: new Time(new Ratio(0n, 1n)), eventDataOffset: 0, fileFormat: undefined, sessionDataOffset: 0 };
  // A file too short for one word holds no sync word either.
  if (size < 4) throw new IsxError('E_CORRUPT', NO_GPIO_STREAM, { path, offset: 0 });
  const probeLength = Math.min(size, GPIO_HEADER_BYTES + GPIO_HEADER_EXTRAS_BYTES);
  const bytes = await source.readAt(0, probeLength, 'GPIO file header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) === GPIO_SYNC_WORD) return headerless;
  if (size < GPIO_HEADER_BYTES) {
    throw new IsxError(
      'E_TRUNCATED',
      `GPIO file header needs ${GPIO_HEADER_BYTES} bytes at offset 0; file ends at ${size} (truncated?)`,
      { path, offset: 0 },
    );
  }
  const num = view.getBigUint64(0, true);
  const den = view.getBigUint64(8, true);
  if (den === 0n) {
    throw new IsxError('E_CORRUPT', `GPIO file header start time ${num}/0 at offset 0 has a zero denominator`, { path, offset: 8 });
  }
  const utcOffset = view.getInt32(16, true);
  const eventDataOffset = view.getUint32(20, true);
  const header: GpioHeader = { start: new Time(new Ratio(num, den), utcOffset), eventDataOffset, fileFormat: undefined, sessionDataOffset: 0 };
  // Extras are present when the word after the header is not a sync word; a file ending right after the
  // header has neither extras nor packets.
  if (size < GPIO_HEADER_BYTES + 4 || view.getUint32(GPIO_HEADER_BYTES, true) === GPIO_SYNC_WORD) {
    checkOffset(source, eventDataOffset, 'event data offset', 20);
    return header;
  }
  if (size < GPIO_HEADER_BYTES + GPIO_HEADER_EXTRAS_BYTES) {
    throw new IsxError(
      'E_TRUNCATED',
      `GPIO header extras need ${GPIO_HEADER_EXTRAS_BYTES} bytes at offset ${GPIO_HEADER_BYTES}; file ends at ${size} (truncated?)`,
      { path, offset: GPIO_HEADER_BYTES },
    );
  }
  checkOffset(source, eventDataOffset, 'event data offset', 20);
  const sessionDataOffset = view.getBigUint64(GPIO_HEADER_BYTES + 8, true);
  checkOffset(source, sessionDataOffset, 'session data offset', GPIO_HEADER_BYTES + 8);
  return { ...header, fileFormat: view.getBigUint64(GPIO_HEADER_BYTES, true), sessionDataOffset: Number(sessionDataOffset) };
}

function checkOffset(source: ByteSource, offset: number | bigint, what: string, declaredAt: number): void {
  if (BigInt(offset) > BigInt(source.size)) {
    throw new IsxError(
      'E_TRUNCATED',
      `${what} ${offset} (declared at offset ${declaredAt}) is past the end of the file at ${source.size} (truncated?)`,
      { path: source.path, offset: declaredAt },
    );
  }
}
