import { expect } from 'chai';
import { readdir } from 'node:fs/promises';
import { rm, writeFile } from 'node:fs/promises';
import type { RecordBatch } from 'apache-arrow';
import { IsxError } from '../../lib/errors.js';
import { openSink, toSinkWritable, writeTable, SINK_FORMATS } from '../../lib/sinks/index.js';
import { toRecordBatchStream } from '../../transforms/batch.js';
import { framesTable } from '../../transforms/tables/frames.js';
import { samplesTable } from '../../transforms/tables/samples.js';
import { METADATA, START_US, makeFrames, makeSamples } from '../tables/syntheticRecords.js';
import { rejection } from '../helpers/errors.js';
import { useTempDir } from '../helpers/tempDir.js';

const table = framesTable({ kind: 'movie', source: 'm.isxd', metadata: METADATA, startUs: START_US, rows: 3, cols: 4, dataType: 'uint16' });

async function* failingAfterTwoBatches(): AsyncGenerator<RecordBatch> {
  yield table.toBatch(makeFrames(3));
  yield table.toBatch(makeFrames(2));
  throw new IsxError('E_TRUNCATED', 'frame 5 needs 24 bytes at offset 120; file ends at 130 (truncated?)', { path: 'm.isxd' });
}

describe('sinks when something fails', () => {
  const dir = useTempDir();

  for (const format of SINK_FORMATS) {
    it(`leaves no ${format} file and rejects with the cause when the source throws after 2 batches`, async () => {
      const path = dir.file(`failed.${format}`);
      const sink = await openSink(format, path, table.schema);
      const error = await rejection(writeTable(failingAfterTwoBatches(), sink));
      expect(error.code).to.equal('E_TRUNCATED');
      expect(error.message).to.equal('m.isxd: frame 5 needs 24 bytes at offset 120; file ends at 130 (truncated?)');
      expect(await readdir(dir.path)).to.deep.equal([]);
    });

    it(`leaves no ${format} file when its Writable is destroyed mid-way`, async () => {
      const path = dir.file(`destroyed.${format}`);
      const writable = toSinkWritable(await openSink(format, path, table.schema));
      await new Promise<void>((resolve, reject) => writable.write(table.toBatch(makeFrames(3)), (e) => (e ? reject(e) : resolve())));
      const closed = new Promise((resolve) => writable.once('close', resolve));
      writable.destroy();
      await closed;
      expect(await readdir(dir.path)).to.deep.equal([]);
    });
  }

  it('leaves no parquet file when destroyed before the first batch', async () => {
    const writable = toSinkWritable(await openSink('parquet', dir.file('early.parquet'), table.schema));
    const closed = new Promise((resolve) => writable.once('close', resolve));
    writable.destroy(new Error('cancelled'));
    writable.on('error', () => undefined);
    await closed;
    expect(await readdir(dir.path)).to.deep.equal([]);
  });

  it('leaves no file when a record source feeding toRecordBatchStream throws', async () => {
    async function* records() {
      yield* makeFrames(5);
      throw new IsxError('E_CORRUPT', 'frame 5 is corrupt', { path: 'm.isxd' });
    }
    const sink = await openSink('parquet', dir.file('staged.parquet'), table.schema);
    const error = await writeTable(records(), sink, [toRecordBatchStream(table, { batchRows: 2 })]).then(
      () => undefined,
      (e: unknown) => e as IsxError,
    );
    expect(error?.message).to.equal('m.isxd: frame 5 is corrupt');
    expect(await readdir(dir.path)).to.deep.equal([]);
  });

  it('refuses a batch of another table and leaves no file', async () => {
    const path = dir.file('mixed.arrow');
    const sink = await openSink('arrow', path, table.schema);
    const other = samplesTable({ kind: 'gpio', source: 'g.gpio', metadata: {}, startUs: 0 });
    const error = await writeTable([other.toBatch(makeSamples(2))], sink).then(
      () => undefined,
      (e: unknown) => e as IsxError,
    );
    expect(error?.code).to.equal('E_ARGUMENT');
    expect(error?.message).to.match(/^.*mixed\.arrow: batch columns \(channel_index: Int32, .*\) differ from the table's schema \(frame_index: Int64, /);
    expect(await readdir(dir.path)).to.deep.equal([]);
  });

  it('refuses to replace an existing file unless overwrite is given', async () => {
    const path = dir.file('exists.parquet');
    await writeFile(path, 'old');
    const error = await openSink('parquet', path, table.schema).then(
      () => undefined,
      (e: unknown) => e as IsxError,
    );
    expect(error?.code).to.equal('E_EXISTS');
    const sink = await openSink('parquet', path, table.schema, { overwrite: true });
    await writeTable([table.toBatch(makeFrames(2))], sink);
    expect(await readdir(dir.path)).to.deep.equal(['exists.parquet']);
    await rm(path);
  });

  it('rejects an unknown Parquet codec naming the choices', async () => {
    const error = await openSink('parquet', dir.file('codec.parquet'), table.schema, { compression: 'lzo' as never }).then(
      () => undefined,
      (e: unknown) => e as IsxError,
    );
    expect(error?.code).to.equal('E_ARGUMENT');
    expect(error?.message).to.equal('unknown Parquet compression "lzo"; expected one of uncompressed, snappy, zstd, lz4, gzip, brotli');
    expect(await readdir(dir.path)).to.deep.equal([]);
  });

  for (const format of SINK_FORMATS) {
    it(`rejects with E_ABORTED (the signal's reason as cause) and leaves no ${format} file when aborted`, async () => {
      const sink = await openSink(format, dir.file(`aborted.${format}`), table.schema);
      const controller = new AbortController();
      async function* slowFrames() {
        yield table.toBatch(makeFrames(3));
        controller.abort(new Error('interrupted by SIGINT'));
        yield table.toBatch(makeFrames(3));
      }
      const error = await rejection(writeTable(slowFrames(), sink, [], { signal: controller.signal }));
      expect(error.code).to.equal('E_ABORTED');
      expect(error.message).to.equal('stopped before the table was finished: interrupted by SIGINT');
      expect((error.cause as Error).message).to.equal('interrupted by SIGINT');
      expect(await readdir(dir.path)).to.deep.equal([]);
    });
  }

  it('rejects with E_ABORTED when the signal was aborted without a reason', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(writeTable([table.toBatch(makeFrames(1))], await openSink('csv', dir.file('early.csv'), table.schema), [], { signal: controller.signal }));
    expect(error.code).to.equal('E_ABORTED');
    expect(await readdir(dir.path)).to.deep.equal([]);
  });

  it('wraps a failure that is not an IsxError (a stage, an encoder) as E_INTERNAL, keeping it as cause', async () => {
    const sink = await openSink('arrow', dir.file('internal.arrow'), table.schema);
    const cause = new RangeError('Invalid typed array length: -1');
    const failingStage = (): never => {
      throw cause;
    };
    const error = await rejection(writeTable(makeFrames(2), sink, [failingStage, toRecordBatchStream(table)]));
    expect(error.code).to.equal('E_INTERNAL');
    expect(error.message).to.equal('writing the table failed: RangeError: Invalid typed array length: -1');
    expect(error.cause).to.equal(cause);
    expect(await readdir(dir.path)).to.deep.equal([]);
  });

  it('wraps an apache-arrow encoder failure with the output path', async () => {
    const path = dir.file('encoder.arrow');
    const sink = await openSink('arrow', path, table.schema);
    const batch = table.toBatch(makeFrames(2));
    // A column whose values cannot be read makes the IPC writer throw mid-batch.
    Object.defineProperty(batch.data.children[0]!, 'values', { get: () => { throw new TypeError('detached buffer'); } });
    const error = await rejection(sink.write(batch));
    expect(error.code).to.equal('E_INTERNAL');
    expect(error.message).to.equal(`${path}: encoding Arrow IPC failed: TypeError: detached buffer`);
    await sink.abort();
    expect(await readdir(dir.path)).to.deep.equal([]);
  });
});
