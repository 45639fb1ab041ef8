import { expect } from 'chai';
import { none } from 'stream-chain';
import type { CellRecord, EventRecord, FrameRecord } from '../../lib/core/records.js';
import { tracesTable } from '../../transforms/tables/traces.js';
import { timeWindow, type TimedRecord } from '../../transforms/timeWindow.js';
import { runStages } from './runStages.js';

const START_US = 1_700_000_000_000_000;

function frame(index: number): FrameRecord {
  return { index, timestampUs: START_US + index * 100_000, offsetUs: index * 100_000, status: 'valid', data: new Uint16Array(1), rows: 1, cols: 1 };
}

function cell(index: number, trace: number[]): CellRecord {
  const times = Float64Array.from(trace, (_, k) => START_US + k * 50_000);
  return { index, name: `C${index}`, status: 'accepted', color: 0, active: true, trace: Float32Array.from(trace), footprint: new Float32Array(4), timestampsUs: times, firstSampleIndex: 0 };
}

describe('timeWindow', () => {
  it('keeps frames in [startSec, endSec) measured from the recording start', async () => {
    const frames = Array.from({ length: 10 }, (_, i) => frame(i));
    const out = await runStages<FrameRecord>(frames.slice(2), [timeWindow({ startSec: 0.3, endSec: 0.6 })]);
    expect(out.map((f) => f.index)).to.deep.equal([3, 4, 5]);
  });

  it('keeps events in an absolute microsecond window', async () => {
    const events: EventRecord[] = [0, 10, 20, 30].map((offsetUs) => ({ cellIndex: 0, cellName: 'C0', offsetUs, timestampUs: START_US + offsetUs, amplitude: 1 }));
    const out = await runStages<EventRecord>(events, [timeWindow({ startUs: START_US + 10, endUs: START_US + 30 })]);
    expect(out.map((e) => e.offsetUs)).to.deep.equal([10, 20]);
  });

  it('leaves the end open when only a start is given', async () => {
    const out = await runStages<FrameRecord>([0, 1, 2, 3].map(frame), [timeWindow({ startSec: 0.2 })]);
    expect(out.map((f) => f.index)).to.deep.equal([2, 3]);
  });

  it('slices a cell trace and its sample times, keeping the file sample indices', () => {
    const stage = timeWindow<CellRecord>({ startSec: 0.05, endSec: 0.2 });
    const out = stage(cell(0, [1, 2, 3, 4, 5, 6]));
    if (out === none) throw new Error('cell dropped');
    expect([...out.trace]).to.deep.equal([2, 3, 4]);
    expect([...out.timestampsUs!]).to.deep.equal([START_US + 50_000, START_US + 100_000, START_US + 150_000]);
    expect(out.firstSampleIndex).to.equal(1);
  });

  it('gives traces table rows with the original sample indices after a window', async () => {
    const cells = await runStages<CellRecord>([cell(4, [7, 8, 9, 10])], [timeWindow<CellRecord>({ startSec: 0.1 })]);
    const batch = tracesTable({ kind: 'cell_set', source: 'c.isxd', metadata: {}, startUs: 0 }).toBatch(cells);
    expect([...batch.getChild('sample_index')!.toArray()]).to.deep.equal([2n, 3n]);
    expect([...batch.getChild('value')!.toArray()]).to.deep.equal([9, 10]);
  });

  it('refuses both startSec and startUs', () => {
    expect(() => timeWindow({ startSec: 1, startUs: 2 })).to.throw('time window: give startSec or startUs, not both');
  });

  it('asks for originUs when seconds are given and the first record cannot tell the recording start', () => {
    const stage = timeWindow<TimedRecord>({ endSec: 1 });
    const row: TimedRecord = { timestampUs: 5 };
    expect(() => stage(row)).to.throw('time window in seconds: the first record has no offsetUs to find the recording start from; pass originUs');
    expect(timeWindow<TimedRecord>({ endSec: 1, originUs: 0 })(row)).to.equal(row);
  });
});
