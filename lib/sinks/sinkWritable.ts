import { Writable } from 'node:stream';
import type { RecordBatch } from 'apache-arrow';
import type { TableSink } from './tableSink.js';

/**
 * An objectMode Writable of `RecordBatch`es around a sink: `end()` closes the sink (the output appears),
 * `destroy()` before that — a failing source in `pipeline`, a cancelled run — aborts it (the temp file is
 * deleted). One batch in flight at a time: batches are large, so Node's default of 16 queued objects would
 * multiply memory.
 */
export function toSinkWritable(sink: TableSink): Writable {
  return new Writable({
    objectMode: true,
    highWaterMark: 1,
    write(batch: RecordBatch, _encoding, callback) {
      sink.write(batch).then(() => callback(), callback);
    },
    final(callback) {
      sink.close().then(() => callback(), callback);
    },
    destroy(error, callback) {
      // After a successful close this is a no-op: sinks ignore abort once closed.
      sink.abort(error ?? undefined).then(
        () => callback(error),
        (abortError: unknown) => callback(error ?? (abortError as Error)),
      );
    },
  });
}
