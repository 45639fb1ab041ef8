import { expect } from 'chai';
import type { FrameRecord } from '../../lib/core/records.js';
import { bin } from '../../transforms/bin.js';

function frame(data: FrameRecord['data'], rows: number, cols: number): FrameRecord {
  return { index: 0, timestampUs: 0, status: 'valid', data, rows, cols };
}

describe('bin', () => {
  it('averages 2x2 blocks of a float32 frame exactly', () => {
    // 2 rows by 4 columns.
    const out = bin(2)(frame(Float32Array.of(1, 2, 3, 4, 5, 6, 7, 9), 2, 4));
    expect(out.data).to.be.instanceOf(Float32Array);
    expect([...out.data]).to.deep.equal([3.5, 5.75]);
    expect([out.rows, out.cols]).to.deep.equal([1, 2]);
  });

  it('rounds uint16 means half up and keeps the type', () => {
    // Blocks sum to 4+4+4+5 = 17 (mean 4.25 -> 4) and 1+2+2+1 = 6... (mean 1.5 -> 2).
    const out = bin(2)(frame(Uint16Array.of(4, 4, 1, 2, 4, 5, 2, 1), 2, 4));
    expect(out.data).to.be.instanceOf(Uint16Array);
    expect([...out.data]).to.deep.equal([4, 2]);
  });

  it('drops trailing rows and columns that do not fill a block', () => {
    // 3 rows by 5 columns binned by 2 -> 1 by 2, from rows 0-1 and columns 0-3.
    const data = Uint8Array.of(0, 2, 4, 6, 255, 2, 4, 6, 8, 255, 255, 255, 255, 255, 255);
    const out = bin(2)(frame(data, 3, 5));
    expect([...out.data]).to.deep.equal([2, 6]);
    expect([out.rows, out.cols]).to.deep.equal([1, 2]);
  });

  it('bins by 3 over every pixel of the block', () => {
    const out = bin(3)(frame(Float32Array.from({ length: 9 }, (_, i) => i), 3, 3));
    expect([...out.data]).to.deep.equal([4]);
  });

  it('rejects a factor larger than the frame', () => {
    expect(() => bin(4)(frame(new Uint8Array(9), 3, 3))).to.throw('bin: factor 4 is larger than the frame (3 columns by 3 rows)');
  });
});
