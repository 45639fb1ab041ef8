import { expect } from 'chai';
import type { Table } from 'apache-arrow';
import { Ratio } from '../../lib/core/ratio.js';
import { Spacing } from '../../lib/core/spacing.js';
import { open } from '../../lib/kinds/open.js';
import type { Movie } from '../../lib/isxd/movie.js';
import { describeReal, realFixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { makeTiming } from '../helpers/isxdFiles.js';
import { writeTestMovie } from '../isxd/movieTestKit.js';
import { convertToBoth, duck, listAt, rawBigInts, sqlPath, sumInOrder, tableOf, values, type Converted } from './e2eKit.js';

/** What the reader says about every frame: the reference the converted tables must equal. */
interface FrameTruth {
  timestampsUs: bigint[];
  statuses: string[];
  pixelSums: number[];
  pixels: ArrayLike<number>[];
}

async function readTruth(path: string): Promise<FrameTruth> {
  await using movie = (await open(path)) as Movie;
  const truth: FrameTruth = { timestampsUs: [], statuses: [], pixelSums: [], pixels: [] };
  for (let i = 0; i < movie.timing.numSamples; i++) {
    const data = await movie.getFrameData(i);
    truth.timestampsUs.push(BigInt(movie.timing.timestampUs(i)));
    truth.statuses.push(movie.getFrameStatus(i));
    truth.pixelSums.push(sumInOrder(data));
    truth.pixels.push(data);
  }
  return truth;
}

/** Per-frame index, µs timestamp, status, tsc and pixel sum from the Parquet output, by DuckDB. */
async function duckFrames(path: string, dataType: string): Promise<Record<string, unknown>[]> {
  return duck(
    `select frame_index, epoch_us(timestamp) as us, status::varchar as status, tsc, list_sum(pixels_${dataType}::double[]) as pixel_sum,
            pixels_${dataType} is null as no_pixels, pixel_type::varchar as pixel_type
     from read_parquet(${sqlPath(path)}) order by frame_index`,
  );
}

function arrowPixelSums(table: Table): (number | null)[] {
  return Array.from({ length: table.numRows }, (_, i) => {
    const pixels = listAt<ArrayLike<number>>(table, 'pixels_float32', i);
    return pixels === null ? null : sumInOrder(pixels);
  });
}

describeReal('a real float32 movie converted to Arrow and Parquet', () => {
  const dir = useTempDir();
  const input = realFixture('ideas-toolbox-caiman', 'movie_part2_108x123x63.isxd');
  let truth: FrameTruth;
  let out: Converted;

  before(async () => {
    truth = await readTruth(input);
    out = await convertToBoth(input, dir.path);
  });

  it('writes 63 frame rows, indices 0..62, in both formats', async () => {
    const arrow = tableOf(out.arrow, 'frames');
    expect(arrow.numRows).to.equal(63);
    expect(rawBigInts(arrow, 'frame_index')).to.deep.equal(Array.from({ length: 63 }, (_, i) => BigInt(i)));
    const rows = await duckFrames(tableOf(out.parquet, 'frames'), 'float32');
    expect(rows.map((r) => r.frame_index)).to.deep.equal(Array.from({ length: 63 }, (_, i) => BigInt(i)));
    expect(new Set(rows.map((r) => r.pixel_type))).to.deep.equal(new Set(['float32']));
  });

  it('keeps every pixel of every frame bit for bit in Arrow', () => {
    const arrow = tableOf(out.arrow, 'frames');
    for (let i = 0; i < 63; i++) {
      const pixels = listAt<Float32Array>(arrow, 'pixels_float32', i)!;
      expect(pixels, `frame ${i}`).to.be.instanceOf(Float32Array);
      expect(Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength).equals(Buffer.from((truth.pixels[i] as Float32Array).buffer)), `frame ${i}`).to.equal(true);
    }
  });

  it('gives the per-frame pixel sums of getFrameData in Arrow and in DuckDB over Parquet', async () => {
    expect(arrowPixelSums(tableOf(out.arrow, 'frames'))).to.deep.equal(truth.pixelSums);
    const rows = await duckFrames(tableOf(out.parquet, 'frames'), 'float32');
    expect(rows.map((r) => r.pixel_sum)).to.deep.equal(truth.pixelSums);
  });

  it('stores timing.timestampUs(i) to the microsecond in both formats', async () => {
    expect(rawBigInts(tableOf(out.arrow, 'frames'), 'timestamp')).to.deep.equal(truth.timestampsUs);
    const rows = await duckFrames(tableOf(out.parquet, 'frames'), 'float32');
    expect(rows.map((r) => r.us)).to.deep.equal(truth.timestampsUs);
  });

  it('marks every frame valid and leaves tsc null, as the movie stores no frame headers', async () => {
    const arrow = tableOf(out.arrow, 'frames');
    expect(values(arrow, 'status')).to.deep.equal(truth.statuses);
    expect(truth.statuses.every((s) => s === 'valid')).to.equal(true);
    expect(values(arrow, 'tsc').every((v) => v === null)).to.equal(true);
    const rows = await duckFrames(tableOf(out.parquet, 'frames'), 'float32');
    expect(rows.map((r) => r.status)).to.deep.equal(truth.statuses);
    expect(rows.every((r) => r.tsc === null)).to.equal(true);
  });
});

describe('a synthetic uint16 movie with invalid frames and 64-bit tsc converted to Arrow and Parquet', () => {
  const dir = useTempDir();
  const TSC0 = 2n ** 60n + 12345n;
  const tscOf = (i: number): bigint => TSC0 + BigInt(i) * 50_001n;
  // 0 valid, 1 dropped, 2 valid, 3-4 cropped, 5 valid, 6 blank, 7 valid
  const timing = makeTiming(8, { period: new Ratio(50, 1000), dropped: [1], cropped: [[3, 4]], blank: [6] });
  let input = '';
  let truth: FrameTruth;
  let tscs: bigint[];
  let out: Converted;

  before(async () => {
    input = dir.file('stamped.isxd');
    await writeTestMovie(input, {
      timing,
      spacing: new Spacing(7, 4),
      dataType: 'uint16',
      hasFrameHeaderFooter: true,
      extraProperties: { producer: { version: '1.2.0' } },
      header: (i) => ({ tsc: tscOf(i), frameCount: i + 1 }),
    });
    truth = await readTruth(input);
    await using movie = (await open(input)) as Movie;
    tscs = [];
    for (let i = 0; i < 8; i++) tscs.push(await movie.getFrameTimestamp(i));
    out = await convertToBoth(input, dir.path);
  });

  it('the reader sees the frame statuses and tsc values the file was written with', () => {
    expect(truth.statuses).to.deep.equal(['valid', 'dropped', 'valid', 'cropped', 'cropped', 'valid', 'blank', 'valid']);
    expect(tscs).to.deep.equal([0, 2, 5, 7].reduce((list, i) => ((list[i] = tscOf(i)), list), new Array<bigint>(8).fill(0n)));
  });

  it('writes status strings for every frame in both formats', async () => {
    expect(values(tableOf(out.arrow, 'frames'), 'status')).to.deep.equal(truth.statuses);
    const rows = await duckFrames(tableOf(out.parquet, 'frames'), 'uint16');
    expect(rows.map((r) => r.status)).to.deep.equal(truth.statuses);
  });

  it('leaves pixels null for invalid frames and equal to getFrameData for valid ones', async () => {
    const arrow = tableOf(out.arrow, 'frames');
    const valid = truth.statuses.map((s) => s === 'valid');
    for (let i = 0; i < 8; i++) {
      const pixels = listAt<Uint16Array>(arrow, 'pixels_uint16', i);
      if (valid[i]) expect(Array.from(pixels!), `frame ${i}`).to.deep.equal(Array.from(truth.pixels[i]!));
      else expect(pixels, `frame ${i}`).to.equal(null);
    }
    const rows = await duckFrames(tableOf(out.parquet, 'frames'), 'uint16');
    expect(rows.map((r) => r.no_pixels)).to.deep.equal(valid.map((v) => !v));
    expect(rows.map((r) => r.pixel_sum)).to.deep.equal(truth.pixelSums.map((sum, i) => (valid[i] ? sum : null)));
  });

  it('keeps tsc beyond 2^53 exact as uint64 in Arrow and as UBIGINT in DuckDB, null for invalid frames', async () => {
    const expected = tscs.map((tsc, i) => (truth.statuses[i] === 'valid' ? tsc : null));
    expect(values(tableOf(out.arrow, 'frames'), 'tsc')).to.deep.equal(expected);
    const rows = await duckFrames(tableOf(out.parquet, 'frames'), 'uint16');
    expect(rows.map((r) => r.tsc)).to.deep.equal(expected);
    const [type] = await duck(`select typeof(tsc) as t from read_parquet(${sqlPath(tableOf(out.parquet, 'frames'))}) limit 1`);
    expect(type!.t).to.equal('UBIGINT');
  });

  it('stores timing.timestampUs(i) for valid and invalid frames alike', async () => {
    expect(rawBigInts(tableOf(out.arrow, 'frames'), 'timestamp')).to.deep.equal(truth.timestampsUs);
    const rows = await duckFrames(tableOf(out.parquet, 'frames'), 'uint16');
    expect(rows.map((r) => r.us)).to.deep.equal(truth.timestampsUs);
  });
});
