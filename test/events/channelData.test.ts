import { expect } from 'chai';
import { Ratio } from '../../lib/core/ratio.js';
import { Time } from '../../lib/core/time.js';
import { collapsePackets, convertOffsets } from '../../lib/events/channelData.js';
import { computeEventTiming } from '../../lib/events/eventTiming.js';
import { asNumbers, thrown } from './eventFixtures.js';

function packets(keys: number[], values: number[]) {
  return { keysUs: BigUint64Array.from(keys, BigInt), values: Float32Array.from(values) };
}

describe('collapsePackets', () => {
  it('returns strictly ascending packets unchanged', () => {
    const input = packets([1, 2, 3], [10, 20, 30]);
    const out = collapsePackets(input);
    expect(out.keysUs).to.equal(input.keysUs);
    expect(out.values).to.equal(input.values);
  });

  it('keeps the last of equal keys in ascending input', () => {
    const out = collapsePackets(packets([1, 2, 2, 2, 3], [10, 20, 21, 22, 30]));
    expect(asNumbers(out.keysUs)).to.deep.equal([1, 2, 3]);
    expect(Array.from(out.values)).to.deep.equal([10, 22, 30]);
  });

  it('sorts shuffled input and keeps the last written of equal keys', () => {
    const out = collapsePackets(packets([5, 1, 5, 3, 1], [50, 10, 51, 30, 11]));
    expect(asNumbers(out.keysUs)).to.deep.equal([1, 3, 5]);
    expect(Array.from(out.values)).to.deep.equal([11, 30, 51]);
  });

  it('handles an empty channel', () => {
    expect(collapsePackets(packets([], [])).keysUs.length).to.equal(0);
  });
});

describe('convertOffsets', () => {
  it('returns V2 offsets as stored without parity', () => {
    const keys = BigUint64Array.from([65500103n]);
    expect(convertOffsets(keys, new Ratio(0n, 1000n), false, 'f')).to.equal(keys);
  });

  it('reproduces the 1 µs truncation of isx with parity', () => {
    const keys = BigUint64Array.from([65500103n, 65500105n]);
    expect(asNumbers(convertOffsets(keys, new Ratio(0n, 1000n), true, 'f'))).to.deep.equal([65500102, 65500105]);
  });

  it('subtracts a V1 start that is not a whole microsecond, truncating the exact result', () => {
    // start = 1/3 s = 333333.33… µs; key 1 s → 666666.66… µs → 666666.
    const keys = BigUint64Array.from([1_000_000n]);
    expect(asNumbers(convertOffsets(keys, new Ratio(1n, 3n), false, 'f'))).to.deep.equal([666666]);
  });

  it('rejects a key before the base as a negative offset', () => {
    const error = thrown(() => convertOffsets(BigUint64Array.from([5n, 1n]), new Ratio(2n, 1_000_000n), false, 'f'));
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.message).to.equal("f: Found negative offset for event 1: it lies before the set's start");
  });
});

describe('computeEventTiming', () => {
  const start = new Time(new Ratio(5n));

  it('rounds the sample count up', () => {
    const timing = computeEventTiming(start, start.add(new Ratio(21n, 20n)), [new Ratio(1n, 10n)], 'f');
    expect(timing.numSamples).to.equal(11);
  });

  it('ignores negative steps and falls back to 1 ms when none is positive', () => {
    const timing = computeEventTiming(start, start.add(new Ratio(1n, 100n)), [new Ratio(-1n, 10n)], 'f');
    expect(timing.period.equals(new Ratio(1n, 1000n))).to.equal(true);
    expect(timing.numSamples).to.equal(10);
  });

  it('rejects an end before the start', () => {
    const error = thrown(() => computeEventTiming(start, new Time(new Ratio(4n)), [new Ratio(1n, 10n)], 'f'));
    expect(error.code).to.equal('E_HEADER');
    expect(error.message).to.equal('f: footer key "global times": end 4/1 s is before start 5/1 s');
  });

  it('rejects samples whose timestamps lie beyond the range of dates', () => {
    const far = new Time(new Ratio(2n ** 62n));
    const error = thrown(() => computeEventTiming(start, far, [new Ratio(2n ** 40n)], 'f'));
    expect(error.code).to.equal('E_RANGE');
    expect(error.detail).to.match(/^footer key "global times": start of sample \d+ is \d+ µs since the epoch, beyond/);
  });
});
