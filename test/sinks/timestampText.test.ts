import { expect } from 'chai';
import { formatTimestampUs } from '../../lib/sinks/textValues.js';

describe('formatTimestampUs', () => {
  it('writes exact microseconds across second boundaries, in any order', () => {
    expect(formatTimestampUs(1_648_798_026_999_999n)).to.equal('2022-04-01T07:27:06.999999Z');
    expect(formatTimestampUs(1_648_798_027_000_000n)).to.equal('2022-04-01T07:27:07.000000Z');
    expect(formatTimestampUs(1_648_798_026_000_001n)).to.equal('2022-04-01T07:27:06.000001Z');
    expect(formatTimestampUs(0n)).to.equal('1970-01-01T00:00:00.000000Z');
  });

  it('stays exact beyond 2^53 microseconds and before 1970', () => {
    expect(formatTimestampUs(2n ** 53n + 1n)).to.equal('2255-06-05T23:47:34.740993Z');
    expect(formatTimestampUs(-1n)).to.equal('1969-12-31T23:59:59.999999Z');
  });
});
