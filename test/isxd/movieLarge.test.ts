import { expect } from 'chai';
import { stat, statfs, truncate, writeFile, rm } from 'node:fs/promises';
import { Spacing } from '../../lib/core/spacing.js';
import { Movie } from '../../lib/isxd/movie.js';
import { MovieWriter } from '../../lib/isxd/writeMovie.js';
import { useTempDir } from '../helpers/tempDir.js';
import { framePixels, makeTiming } from './movieTestKit.js';

const FOUR_GIB = 2 ** 32;
const SIDE = 2048;
/** 2048x2048 u16 frames with header and footer: stride 8 MiB + 10 KiB, so frame 519 starts past 4 GiB. */
const NUM_FRAMES = 520;

/** True when the temp folder's file system stores holes without allocating blocks. */
async function supportsSparseFiles(path: string): Promise<boolean> {
  await writeFile(path, '');
  await truncate(path, 2 ** 30);
  const { blocks } = await stat(path);
  await rm(path);
  return blocks * 512 < 2 ** 20;
}

describe('Movie.read on a sparse movie larger than 4 GiB', () => {
  const dir = useTempDir();
  let path = '';
  const last = NUM_FRAMES - 1;
  const pixels = framePixels('uint16', SIDE * SIDE, last);
  const tsc = 5_000_000_123n;

  before(async function () {
    const { bavail, bsize } = await statfs(dir.path);
    if (!(await supportsSparseFiles(dir.file('probe')))) this.skip();
    if (bavail * bsize < 256 * 2 ** 20) this.skip();
    path = dir.file('big.isxd');
    const writer = await MovieWriter.create(path, {
      timing: makeTiming(NUM_FRAMES),
      spacing: new Spacing(SIDE, SIDE),
      dataType: 'uint16',
      hasFrameHeaderFooter: true,
      extraProperties: { producer: { version: '1.2.0' } },
    });
    for (let i = 0; i < last; i++) await writer.writeHoleFrame(i);
    await writer.writeFrame(last, pixels, { tsc, frameCount: 77 });
    await writer.finish();
  });

  it('places the last frame past 4 GiB', async () => {
    const { size } = await stat(path);
    expect(last * (SIDE * SIDE * 2 + 10240)).to.be.greaterThan(FOUR_GIB);
    expect(size).to.be.greaterThan(FOUR_GIB);
  });

  it('reads the real pixels of the last frame exactly', async () => {
    await using movie = await Movie.read(path);
    const frame = await movie.getFrameData(last);
    expect(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).equals(Buffer.from(pixels.buffer))).to.equal(true);
  });

  it('reads the timestamp and header of the last frame past 4 GiB', async () => {
    await using movie = await Movie.read(path);
    expect(await movie.getFrameTimestamp(last)).to.equal(tsc);
    expect((await movie.getFrameHeader(last))?.frameCount).to.equal(77);
    // The hole frames carry tsc 0, so the measured period runs from frame 0 (tsc 0) to the last frame.
    expect(movie.timing.period.toString()).to.equal(`${tsc}/${BigInt(last) * 1_000_000n}`);
  });

  it('reads hole frames as zeros in a range ending at the last frame', async () => {
    await using movie = await Movie.read(path);
    const range = await movie.readFrames(last - 1, 2);
    const hole = range.subarray(0, SIDE * SIDE);
    expect(hole.every((v) => v === 0)).to.equal(true);
    expect(Buffer.from(range.buffer, range.byteOffset + SIDE * SIDE * 2, SIDE * SIDE * 2).equals(Buffer.from(pixels.buffer))).to.equal(true);
  });
});
