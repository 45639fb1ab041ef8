import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { tableFromIPC, type Table } from 'apache-arrow';
import { Spacing } from '../../lib/core/spacing.js';
import { convertFile } from '../../lib/convert/index.js';
import { writeEventModel } from '../../lib/events/writeEventModel.js';
import { useTempDir } from '../helpers/tempDir.js';
import { makeModel } from '../events/eventFixtures.js';
import { makeTiming } from '../helpers/isxdFiles.js';
import { writeTestMovie } from '../isxd/movieTestKit.js';
import { rawBigInts, values } from './e2eKit.js';

/** A Writable that keeps every chunk written to it, as a file would. */
function collector(): { stream: Writable; bytes(): Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

/** Converts one table to an in-memory Arrow IPC stream and to an Arrow IPC file; reads both back. */
async function streamAndFile(input: string, table: string, outDir: string): Promise<{ stream: Table; file: Table }> {
  const sink = collector();
  const [streamed] = await convertFile(input, { to: 'arrows', stdout: sink.stream, tables: [table] });
  expect(streamed!.path).to.equal('-');
  const [written] = await convertFile(input, { to: 'arrow', outDir, tables: [table], overwrite: true });
  return { stream: tableFromIPC(sink.bytes()), file: tableFromIPC(await readFile(written!.path)) };
}

function expectSameTables(stream: Table, file: Table, bigIntColumns: string[]): void {
  expect(stream.numRows).to.equal(file.numRows);
  expect(stream.schema.fields.map(String)).to.deep.equal(file.schema.fields.map(String));
  expect([...stream.schema.metadata]).to.deep.equal([...file.schema.metadata]);
  for (const field of file.schema.fields) {
    if (bigIntColumns.includes(field.name)) expect(rawBigInts(stream, field.name), field.name).to.deep.equal(rawBigInts(file, field.name));
    else expect(values(stream, field.name).map(plain), field.name).to.deep.equal(values(file, field.name).map(plain));
  }
}

/** List cells come back as Vectors: compare their contents. */
function plain(value: unknown): unknown {
  return value !== null && typeof value === 'object' && 'toArray' in value ? Array.from((value as { toArray(): ArrayLike<unknown> }).toArray()) : value;
}

describe('an Arrow IPC stream written to a Writable', () => {
  const dir = useTempDir();

  it('reads back with tableFromIPC identically to the Arrow file of a movie with null pixels and 64-bit tsc', async () => {
    const input = dir.file('movie.isxd');
    await writeTestMovie(input, {
      timing: makeTiming(6, { dropped: [1], cropped: [[3, 3]], blank: [4] }),
      spacing: new Spacing(5, 3),
      dataType: 'uint16',
      hasFrameHeaderFooter: true,
      extraProperties: { producer: { version: '1.2.0' } },
      header: (i) => ({ tsc: 2n ** 60n + 12345n + BigInt(i) * 50_000n }),
    });
    const { stream, file } = await streamAndFile(input, 'frames', dir.path);
    expect(stream.numRows).to.equal(6);
    expect(values(stream, 'tsc')[0]).to.equal(2n ** 60n + 12345n);
    expectSameTables(stream, file, ['frame_index', 'timestamp', 'tsc']);
  });

  it('reads back with tableFromIPC identically to the Arrow file of GPIO samples with NaN values', async () => {
    const input = dir.file('gpio.isxd');
    const packets = Array.from({ length: 50 }, (_, k) => ({ offsetUs: k * 1000, channel: k % 2, value: k % 7 === 0 ? Number.NaN : k / 4 }));
    await writeEventModel(input, makeModel({ type: 3, channelNames: ['GPIO-1', 'GPIO-2'], packets }));
    const { stream, file } = await streamAndFile(input, 'samples', dir.path);
    expect(stream.numRows).to.equal(50);
    expectSameTables(stream, file, ['offset_us', 'timestamp']);
  });
});
