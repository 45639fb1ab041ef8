import { expect } from 'chai';
import type { FrameRecord } from '../../lib/core/records.js';
import { planes } from '../../transforms/planes.js';
import { runStages } from './runStages.js';

function frame(index: number, efocus?: number): FrameRecord {
  const record: FrameRecord = { index, timestampUs: index * 10, status: efocus === undefined ? 'dropped' : 'valid', data: new Uint16Array(1), rows: 1, cols: 1 };
  if (efocus !== undefined) record.efocus = efocus;
  return record;
}

describe('planes', () => {
  it('assigns planes by e-focus and numbers frames within each plane', async () => {
    const input = [frame(0, 100), frame(1, 200), frame(2, 300), frame(3, 100), frame(4, 200), frame(5, 300)];
    const out = await runStages<FrameRecord>(input, [planes({ efocusValues: [100, 200, 300] })]);
    expect(out.map((f) => [f.plane, f.index, f.timestampUs])).to.deep.equal([
      [0, 0, 0],
      [1, 0, 10],
      [2, 0, 20],
      [0, 1, 30],
      [1, 1, 40],
      [2, 1, 50],
    ]);
  });

  it('places a frame without a header by its index modulo the plane count', async () => {
    const out = await runStages<FrameRecord>([frame(0, 200), frame(1, 100), frame(2), frame(3, 100)], [planes({ efocusValues: [100, 200] })]);
    expect(out.map((f) => [f.plane, f.index])).to.deep.equal([
      [1, 0],
      [0, 0],
      [0, 1],
      [0, 2],
    ]);
  });

  it('splits by index modulo numPlanes', async () => {
    const out = await runStages<FrameRecord>([0, 1, 2, 3, 4].map((i) => frame(i, 7)), [planes({ numPlanes: 2 })]);
    expect(out.map((f) => [f.plane, f.index])).to.deep.equal([
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
      [0, 2],
    ]);
  });

  it('rejects a frame whose e-focus is not in the list', () => {
    expect(() => planes({ efocusValues: [100, 200] })(frame(5, 150))).to.throw(
      'planes: frame 5 has e-focus 150, which is not one of efocusValues [100, 200]',
    );
  });

  it('needs exactly one of efocusValues and numPlanes', () => {
    expect(() => planes({})).to.throw('planes: give either efocusValues or numPlanes');
  });
});
