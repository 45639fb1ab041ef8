import { readdirSync } from 'node:fs';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Open file descriptors of this process (Linux), to prove a stream released its file. */
export function countOpenFds(): number {
  return readdirSync('/proc/self/fd').length;
}

export async function collect<T>(records: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const record of records) out.push(record);
  return out;
}

/**
 * Drains `readable` into a Writable that accepts one record per event-loop turn and holds at most one
 * in its buffer, calling `onRecord` as each is consumed.
 */
export async function drainSlowly(readable: Readable, onRecord: (record: unknown) => void): Promise<void> {
  const slow = new Writable({
    objectMode: true,
    highWaterMark: 1,
    write(record, _encoding, done) {
      onRecord(record);
      setImmediate(done);
    },
  });
  await pipeline(readable, slow);
}

/** Resolves when `readable` has emitted `close` (after `destroy`, its generator's `finally` has run). */
export function closed(readable: Readable): Promise<void> {
  return new Promise((resolve) => {
    if (readable.closed) resolve();
    else readable.once('close', () => resolve());
  });
}
