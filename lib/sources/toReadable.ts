import { Readable } from 'node:stream';

/** Records held in a source stream's buffer before it stops reading (backpressure). */
export const SOURCE_HIGH_WATER_MARK = 4;

/**
 * An object-mode Readable over a source's records. The Readable pulls one record at a time and stops
 * pulling while its buffer holds `SOURCE_HIGH_WATER_MARK` records, so a slow consumer bounds how far the
 * reader runs ahead; `destroy()` calls the generator's `return()`, which runs its `finally`.
 */
export function toReadable<T>(records: AsyncIterable<T>): Readable {
  return Readable.from(records, { objectMode: true, highWaterMark: SOURCE_HIGH_WATER_MARK });
}
