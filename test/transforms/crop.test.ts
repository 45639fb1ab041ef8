import { expect } from 'chai';
import type { FrameRecord } from '../../lib/core/records.js';
import { crop } from '../../transforms/crop.js';

// 4 rows by 5 columns, value = 10·row + column.
const frame: FrameRecord = {
  index: 0,
  timestampUs: 0,
  status: 'valid',
  data: Uint16Array.from({ length: 20 }, (_, i) => 10 * Math.floor(i / 5) + (i % 5)),
  rows: 4,
  cols: 5,
};

describe('crop', () => {
  it('keeps the rectangle of columns x..x+width and rows y..y+height', () => {
    const out = crop({ x: 1, y: 2, width: 3, height: 2 })(frame);
    expect(out.data).to.be.instanceOf(Uint16Array);
    expect([...out.data]).to.deep.equal([21, 22, 23, 31, 32, 33]);
    expect([out.rows, out.cols]).to.deep.equal([2, 3]);
  });

  it('leaves the input frame unchanged', () => {
    crop({ x: 0, y: 0, width: 1, height: 1 })(frame);
    expect(frame.data.length).to.equal(20);
    expect(frame.rows).to.equal(4);
  });

  it('rejects a rectangle that does not fit the frame', () => {
    expect(() => crop({ x: 3, y: 0, width: 3, height: 1 })(frame)).to.throw(
      'crop: rectangle x=3 y=0 width=3 height=1 does not fit in a frame of 5 columns by 4 rows',
    );
  });
});
