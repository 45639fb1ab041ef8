import { expect } from 'chai';
import type { CellRecord, EventRecord, SampleRecord } from '../../lib/core/records.js';
import { selectCells, selectChannels } from '../../transforms/select.js';
import { runStages } from './runStages.js';

function cell(index: number, name: string, status: CellRecord['status']): CellRecord {
  return { index, name, status, color: 0, active: true, trace: new Float32Array(0), footprint: new Float32Array(0) };
}

const sample = (channelIndex: number, channel: string): SampleRecord => ({ channelIndex, channel, offsetUs: 0, timestampUs: 0, value: 1 });
const event = (cellIndex: number, cellName: string): EventRecord => ({ cellIndex, cellName, offsetUs: 0, timestampUs: 0, amplitude: 1 });

const CELLS = [cell(0, 'C0', 'accepted'), cell(1, 'C1', 'rejected'), cell(2, 'C2', 'accepted'), cell(3, 'C3', 'undecided')];

describe('selectCells', () => {
  it('keeps only cells with a listed status', async () => {
    const out = await runStages<CellRecord>(CELLS, [selectCells({ statuses: ['accepted'] })]);
    expect(out.map((c) => c.index)).to.deep.equal([0, 2]);
  });

  it('combines status, name and index criteria with AND', async () => {
    const out = await runStages<CellRecord>(CELLS, [selectCells({ statuses: ['accepted', 'undecided'], names: ['C2', 'C3', 'C1'], indices: [1, 2] })]);
    expect(out.map((c) => c.name)).to.deep.equal(['C2']);
  });

  it('refuses an empty list, which would drop every cell', () => {
    expect(() => selectCells({ names: [] })).to.throw('selection "names" is an empty list, which keeps nothing; leave it out to keep all');
  });
});

describe('selectChannels', () => {
  it('keeps GPIO samples of the named channels', async () => {
    const out = await runStages<SampleRecord>([sample(0, 'GPI 0'), sample(1, 'GPI 1'), sample(0, 'GPI 0'), sample(2, 'e-focus')], [selectChannels({ names: ['GPI 0', 'e-focus'] })]);
    expect(out.map((s) => s.channelIndex)).to.deep.equal([0, 0, 2]);
  });

  it('keeps events of the cells with listed indices', async () => {
    const out = await runStages<EventRecord>([event(0, 'C0'), event(1, 'C1'), event(3, 'C3')], [selectChannels({ indices: [1, 3] })]);
    expect(out.map((e) => e.cellName)).to.deep.equal(['C1', 'C3']);
  });
});
