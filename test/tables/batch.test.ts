import { expect } from 'chai';
import { Readable } from 'node:stream';
import type { RecordBatch } from 'apache-arrow';
import chain from 'stream-chain';
import { IsxError } from '../../lib/errors.js';
import { toRecordBatches } from '../../transforms/batch.js';
import { framesTable } from '../../transforms/tables/frames.js';
import { trackingTable } from '../../transforms/tables/tracking.js';
import { tracesTable } from '../../transforms/tables/traces.js';
import { METADATA, START_US, makeCells, makeFrames, makeVideoFrames, timingOf } from './syntheticRecords.js';

const table = framesTable({ kind: 'movie', source: 'm.isxd', metadata: METADATA, startUs: START_US, rows: 3, cols: 4, dataType: 'uint16' });

async function collect<R>(records: R[], stage: ReturnType<typeof toRecordBatches<R>>): Promise<RecordBatch[]> {
  const batches: RecordBatch[] = [];
  const untyped = stage as (record: unknown) => unknown;
  for await (const batch of chain([Readable.from(records), untyped])) batches.push(batch as RecordBatch);
  return batches;
}

describe('toRecordBatches', () => {
  it('flushes full batches of batchRows and then the tail', async () => {
    const batches = await collect(makeFrames(7), toRecordBatches(table, { batchRows: 3 }));
    expect(batches.map((b) => b.numRows)).to.deep.equal([3, 3, 1]);
    expect(batches[2]!.getChild('frame_index')!.get(0)).to.equal(6n);
  });

  it('flushes when the records hold batchBytes', async () => {
    // each frame: 24 pixel bytes + 48
    const batches = await collect(makeFrames(5), toRecordBatches(table, { batchBytes: 144 }));
    expect(batches.map((b) => b.numRows)).to.deep.equal([2, 2, 1]);
  });

  it('starts a new batch before a record that would pass batchBytes', async () => {
    // each frame: 24 pixel bytes + 48; a second one would make 144 > 100
    const batches = await collect(makeFrames(3), toRecordBatches(table, { batchBytes: 100 }));
    expect(batches.map((b) => b.numRows)).to.deep.equal([1, 1, 1]);
  });

  it('emits two batches at once when a record that fills a batch by itself follows a partial one', async () => {
    const traces = tracesTable({ kind: 'cell_set', source: 'c.isxd', metadata: {}, startUs: START_US, timing: timingOf(100) });
    const [short, long] = makeCells(2, 100);
    // 1 sample: 56 bytes; 100 samples: 2432 bytes, more than batchBytes on its own
    const batches = await collect([{ ...short!, trace: short!.trace.subarray(0, 1) }, long!], toRecordBatches(traces, { batchBytes: 1000 }));
    expect(batches.map((b) => b.numRows)).to.deep.equal([1, 100]);
  });

  it('makes the pixels of frames lying back to back in one buffer a view of it, and copies others', () => {
    const shared = new Uint16Array(3 * 12).map((_, p) => p);
    const frames = makeFrames(3).map((f, i) => ({ ...f, status: 'valid' as const, data: shared.subarray(i * 12, (i + 1) * 12) }));
    const pixelsOf = (batch: RecordBatch) => batch.getChild('pixels_uint16')!.data[0]!.children[0]!.values as Uint16Array;
    const view = pixelsOf(table.toBatch(frames));
    expect(view.buffer).to.equal(shared.buffer);
    expect([...view]).to.deep.equal([...shared]);
    const apart = [frames[0]!, frames[2]!];
    const copy = pixelsOf(table.toBatch(apart));
    expect(copy.buffer).to.not.equal(shared.buffer);
    expect([...copy]).to.deep.equal([...frames[0]!.data, ...frames[2]!.data]);
  });

  it('emits nothing for an empty input', async () => {
    expect(await collect([], toRecordBatches(table))).to.deep.equal([]);
  });

  it('puts the pixels of a batch in one contiguous buffer of their type, with invalid frames null', async () => {
    const [batch] = await collect(makeFrames(4), toRecordBatches(table));
    const pixels = batch!.getChild('pixels_uint16')!;
    expect(pixels.data.length).to.equal(1);
    const values = pixels.data[0]!.children[0]!.values as Uint16Array;
    expect(values).to.be.instanceOf(Uint16Array);
    // Invalid frames are null lists with no values: frames 0 and 2 are valid.
    expect(values.length).to.equal(2 * 12);
    expect(values[1 * 12 + 5]).to.equal(2005);
    expect(Array.from(pixels.get(2)!.toArray() as Uint16Array)).to.deep.equal(Array.from(makeFrames(4)[2]!.data));
    // The columns of the other pixel types are all null.
    for (const other of ['pixels_uint8', 'pixels_float32']) expect(batch!.getChild(other)!.nullCount, other).to.equal(4);
    expect([0, 1, 2, 3].map((i) => pixels.isValid(i))).to.deep.equal([true, false, true, false]);
    expect(batch!.getChild('status')!.data[0]!.dictionary!.toArray()).to.deep.equal(['valid', 'dropped', 'cropped', 'blank']);
  });

  it('drops records that add no rows to the table', async () => {
    const batches = await collect(makeVideoFrames(5), toRecordBatches(trackingTable({ kind: 'behavior_movie', source: 'b.isxb', metadata: {}, startUs: 0 })));
    expect(batches.map((b) => b.numRows)).to.deep.equal([3]);
  });

  it('rejects a frame whose pixel type differs from the schema', () => {
    const frame = { ...makeFrames(1)[0]!, data: new Float32Array(12) };
    expect(() => table.toBatch([frame])).to.throw(IsxError, "frame 0 holds Float32Array; the table's pixel type uint16 needs Uint16Array");
  });

  it('rejects a frame whose pixel count differs from the rows × cols of the table', () => {
    const frame = { ...makeFrames(1)[0]!, data: new Uint16Array(11) };
    expect(() => table.toBatch([frame])).to.throw(IsxError, "frame 0 has 11 pixels; the table's rows × cols is 3 × 4 = 12");
  });

  it('rejects a bad batchRows', () => {
    expect(() => toRecordBatches(table, { batchRows: 0 })).to.throw(IsxError, 'toRecordBatches: batchRows must be a whole number >= 1, found 0');
  });
});
