import { expect } from 'chai';
import { Ratio } from '../../lib/core/ratio.js';
import type { JsonValue } from '../../lib/json/jsonValue.js';
import { decodeFrameHeader, decodeTsc, encodeFrameHeader, type FrameHeader } from '../../lib/isxd/frameHeader.js';
import { Movie } from '../../lib/isxd/movie.js';
import { useTempDir } from '../helpers/tempDir.js';
import { makeTiming, rejection, writeTestMovie } from './movieTestKit.js';

const T0 = 247903537725n;

describe('frame header fields (spec 4.4)', () => {
  it('round-trips every field through encode and decode, including the largest values', () => {
    const fields: FrameHeader = {
      colorId: 255,
      writeEnable: 1,
      frameCount: 0xffffffff,
      led1Power: 0xffff,
      led1VF: 1234,
      led2Power: 7,
      led2VF: 0x8001,
      efocus: 650,
      tsc: 0xfedcba9876543210n,
    };
    const header = encodeFrameHeader(fields);
    expect(header.length).to.equal(2560);
    expect(header[0]).to.equal(0x00a0);
    expect(decodeFrameHeader(header)).to.deep.equal(fields);
  });

  it('stores each carried byte shifted left by four bits', () => {
    const header = encodeFrameHeader({ colorId: 0xab, writeEnable: 0, frameCount: 0x0102, led1Power: 0, led1VF: 0, led2Power: 0, led2VF: 0, efocus: 0, tsc: 0x0201n });
    expect(header[1256]).to.equal(0xab0);
    expect([header[1258], header[1259], header[1260]]).to.deep.equal([0x020, 0x010, 0]);
    expect([header[1272], header[1273], header[1274]]).to.deep.equal([0x010, 0x020, 0]);
  });

  it('combines timestamp word pairs without masking, as isxcore does', () => {
    const words = new Uint16Array(8);
    words[0] = 0x0010;
    words[1] = 0xf020; // bits above the carried byte leak into the next 16-bit chunk
    expect(decodeTsc(words, 0)).to.equal(((0xf020n << 4n) | 0x1n));
  });
});

describe('Movie frame timestamps and the period override (spec 4.5)', () => {
  const dir = useTempDir();

  async function writeStamped(name: string, numSamples: number, version: JsonValue, rest: Parameters<typeof makeTiming>[1] = {}, tsc = (i: number) => T0 + BigInt(i) * 39959n + (i === numSamples - 1 ? 6n : 0n)): Promise<string> {
    const path = dir.file(name);
    await writeTestMovie(path, {
      timing: makeTiming(numSamples, { period: new Ratio(39999, 1000000), ...rest }),
      dataType: 'uint16',
      hasFrameHeaderFooter: true,
      extraProperties: { producer: { version } },
      header: (i) => ({ tsc: tsc(i), frameCount: i + 1, efocus: 300 }),
    });
    return path;
  }

  it('returns the tsc of each valid frame and 0 for invalid ones', async () => {
    const path = await writeStamped('stamped.isxd', 10, '1.2.0', { dropped: [4], blank: [7] });
    await using movie = await Movie.read(path);
    expect(movie.hasFrameTimestamps).to.equal(true);
    expect(await movie.getFrameTimestamp(0)).to.equal(T0);
    expect(await movie.getFrameTimestamp(3)).to.equal(T0 + 3n * 39959n);
    expect(await movie.getFrameTimestamp(4)).to.equal(0n);
    expect(await movie.getFrameTimestamp(7)).to.equal(0n);
    expect(await movie.getFrameTimestamp(9)).to.equal(T0 + 9n * 39959n + 6n);
  });

  it('replaces the footer period by the mean tsc step, unreduced (core test: 1957997/49000000)', async () => {
    const path = await writeStamped('override.isxd', 50, '1.1.1');
    await using movie = await Movie.read(path);
    const { period } = movie.timing;
    expect([period.num, period.den]).to.deep.equal([1957997n, 49000000n]);
    expect(movie.timing.numSamples).to.equal(50);
    expect(movie.metadata.timingInfo).to.deep.include({ period: { num: 39999, den: 1000000 } });
  });

  it('measures the period between the first and last valid frames', async () => {
    const path = await writeStamped('override-invalid.isxd', 12, '1.3.0-beta', { dropped: [0], cropped: [[10, 11]] }, (i) => T0 + BigInt(i) * 40000n);
    await using movie = await Movie.read(path);
    // f = 1, l = 9: (tsc(9) - tsc(1)) / (8 · 10^6)
    expect([movie.timing.period.num, movie.timing.period.den]).to.deep.equal([320000n, 8000000n]);
    expect(movie.timing.dropped).to.deep.equal([0]);
    expect(movie.timing.cropped).to.deep.equal([[10, 11]]);
  });

  it('keeps the footer period when the valid frames are at most one sample apart', async () => {
    const path = await writeStamped('two.isxd', 2, '1.2.0');
    await using movie = await Movie.read(path);
    expect(movie.timing.period.toString()).to.equal('39999/1000000');
  });

  it('keeps the footer period when the tsc does not increase', async () => {
    const path = await writeStamped('flat.isxd', 5, '1.2.0', {}, () => T0);
    await using movie = await Movie.read(path);
    expect(movie.timing.period.toString()).to.equal('39999/1000000');
  });

  for (const version of ['1.1.0', '1.0.9', '1.1', '1.x.1', 1.2, null] as JsonValue[]) {
    it(`has no timestamps when producer.version is ${JSON.stringify(version)}`, async () => {
      const path = await writeStamped(`old-${String(version)}.isxd`, 5, version);
      await using movie = await Movie.read(path);
      expect(movie.hasFrameTimestamps).to.equal(false);
      expect(movie.timing.period.toString()).to.equal('39999/1000000');
      const error = await rejection(movie.getFrameTimestamp(0));
      expect(error.code).to.equal('E_NO_TIMESTAMPS');
      expect(error.message).to.equal(`${path}: No frame timestamps stored in movie.`);
    });
  }

  for (const version of ['1.1.1', '2', '10.0.0-rc2']) {
    it(`has timestamps when producer.version is "${version}"`, async () => {
      const path = await writeStamped(`new-${version}.isxd`, 3, version);
      await using movie = await Movie.read(path);
      expect(movie.hasFrameTimestamps).to.equal(true);
    });
  }

  it('decodes the whole frame header, null for invalid frames', async () => {
    const path = await writeStamped('headers.isxd', 4, '1.2.0', { dropped: [1] });
    await using movie = await Movie.read(path);
    const header = await movie.getFrameHeader(2);
    expect(header).to.deep.include({ frameCount: 3, efocus: 300, tsc: T0 + 2n * 39959n, colorId: 0 });
    expect(await movie.getFrameHeader(1)).to.equal(null);
  });

  it('has no frame headers and no timestamps in a movie without header/footer', async () => {
    const path = dir.file('plain.isxd');
    await writeTestMovie(path, { timing: makeTiming(3), dataType: 'uint16', extraProperties: { producer: { version: '1.9.0' } } });
    await using movie = await Movie.read(path);
    expect(movie.hasFrameTimestamps).to.equal(false);
    expect(await movie.getFrameHeader(0)).to.equal(null);
  });
});
