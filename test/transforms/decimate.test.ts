import { expect } from 'chai';
import type { FrameRecord, SampleRecord } from '../../lib/core/records.js';
import { decimate } from '../../transforms/decimate.js';
import { runStages } from './runStages.js';

const frame = (index: number): FrameRecord => ({ index, timestampUs: index, status: 'valid', data: new Uint8Array(1), rows: 1, cols: 1 });
const sample = (channelIndex: number, value: number): SampleRecord => ({ channelIndex, channel: `ch${channelIndex}`, offsetUs: value, timestampUs: value, value });

describe('decimate', () => {
  it('keeps frames whose index is a multiple of the factor', async () => {
    const out = await runStages<FrameRecord>([0, 1, 2, 3, 4, 5, 6].map(frame), [decimate(3)]);
    expect(out.map((f) => f.index)).to.deep.equal([0, 3, 6]);
  });

  it('decides on the frame index, not on arrival order', async () => {
    const out = await runStages<FrameRecord>([5, 6, 7, 8, 9].map(frame), [decimate(2, 1)]);
    expect(out.map((f) => f.index)).to.deep.equal([5, 7, 9]);
  });

  it('counts samples per channel', async () => {
    const input = [sample(0, 10), sample(1, 20), sample(0, 11), sample(1, 21), sample(0, 12), sample(1, 22)];
    const out = await runStages<SampleRecord>(input, [decimate(2)]);
    expect(out.map((s) => s.value)).to.deep.equal([10, 20, 12, 22]);
  });

  it('refuses a phase outside [0, factor)', () => {
    expect(() => decimate(2, 2)).to.throw('decimate: phase must be a whole number in [0, 1], found 2');
  });
});
