import { expect } from 'chai';
import type { CellRecord } from '../../lib/core/records.js';
import { dff } from '../../transforms/dff.js';
import { zscore } from '../../transforms/zscore.js';

function cell(index: number, trace: number[]): CellRecord {
  return {
    index,
    name: `C${index}`,
    status: 'accepted',
    color: 0xffffffff,
    active: true,
    trace: Float32Array.from(trace),
    footprint: new Float32Array(1),
    timestampsUs: Float64Array.from(trace, (_, k) => 1000 + 100 * k),
    firstSampleIndex: 0,
  };
}

describe('dff', () => {
  it('divides by the mean of the trace when no percentile is given', () => {
    expect([...dff()(cell(0, [1, 2, 5, 8])).trace]).to.deep.equal([-0.75, -0.5, 0.25, 1]);
  });

  it('uses a percentile with linear interpolation as the baseline', () => {
    // 25th percentile of [2, 4, 6, 8, 10]: rank 1 -> 4.
    expect([...dff({ percentile: 25 })(cell(0, [10, 2, 8, 4, 6])).trace]).to.deep.equal([1.5, -0.5, 1, 0, 0.5]);
    // 50th percentile of [1, 2, 4, 8]: rank 1.5 -> 3.
    expect([...dff({ percentile: 50 })(cell(0, [1, 2, 4, 8])).trace]).to.deep.equal([-2 / 3, -1 / 3, 1 / 3, 5 / 3].map(Math.fround));
  });

  it('leaves NaN out of the baseline and keeps it in the output', () => {
    expect([...dff()(cell(0, [NaN, 2, 6, NaN])).trace]).to.deep.equal([NaN, -0.5, 0.5, NaN]);
  });
});

describe('zscore', () => {
  it('centres and scales by the population standard deviation', () => {
    // mean 5, population std 2.
    expect([...zscore()(cell(0, [2, 4, 4, 4, 5, 5, 7, 9])).trace]).to.deep.equal([-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2]);
  });

  it('ignores NaN in the statistics and keeps it in the output', () => {
    expect([...zscore()(cell(0, [1, NaN, 3])).trace]).to.deep.equal([-1, NaN, 1]);
  });

  it('gives NaN for a constant trace', () => {
    expect([...zscore()(cell(0, [3, 3])).trace]).to.deep.equal([NaN, NaN]);
  });

  it('does not change the input trace', () => {
    const input = cell(0, [1, 3]);
    zscore()(input);
    expect([...input.trace]).to.deep.equal([1, 3]);
  });
});
