import { expect } from 'chai';
import { releaseReadBuffer, takeReadBuffer } from '../../lib/io/readBuffers.js';

describe('read buffers', () => {
  const MiB = 1024 * 1024;

  it('lends a released large buffer again, for a read of the same size', () => {
    const first = takeReadBuffer(3 * MiB + 8);
    expect(first.byteLength).to.equal(3 * MiB + 8);
    expect(releaseReadBuffer(first)).to.equal(true);
    expect(takeReadBuffer(3 * MiB + 8)).to.equal(first);
    expect(takeReadBuffer(3 * MiB + 8)).to.not.equal(first);
  });

  it('takes back only buffers it lent, once', () => {
    const lent = takeReadBuffer(2 * MiB + 16);
    expect(releaseReadBuffer(lent)).to.equal(true);
    expect(releaseReadBuffer(lent)).to.equal(false);
    expect(releaseReadBuffer(new ArrayBuffer(2 * MiB + 16))).to.equal(false);
  });

  it('does not pool small reads', () => {
    const small = takeReadBuffer(1000);
    expect(releaseReadBuffer(small)).to.equal(false);
    expect(takeReadBuffer(1000)).to.not.equal(small);
  });
});
