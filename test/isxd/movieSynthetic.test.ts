import { expect } from 'chai';
import { Ratio } from '../../lib/core/ratio.js';
import { Spacing } from '../../lib/core/spacing.js';
import { Time } from '../../lib/core/time.js';
import { FileSource } from '../../lib/io/fileSource.js';
import type { DataTypeName } from '../../lib/core/dataType.js';
import { readFooter } from '../../lib/isxd/footer.js';
import { Movie } from '../../lib/isxd/movie.js';
import { useTempDir } from '../helpers/tempDir.js';
import { framePixels, makeTiming, writeTestMovie } from './movieTestKit.js';

describe('Movie round trips through MovieWriter', () => {
  const dir = useTempDir();

  for (const dataType of ['uint8', 'uint16', 'float32'] as DataTypeName[]) {
    for (const fileVersion of [0, 1] as const) {
      it(`reads back every ${dataType} frame of a fileVersion ${fileVersion} movie exactly`, async () => {
        const path = dir.file(`plain-${dataType}-${fileVersion}.isxd`);
        const spacing = await writeTestMovie(path, { timing: makeTiming(4), dataType, fileVersion });
        await using movie = await Movie.read(path);
        expect(movie.dataType).to.equal(dataType);
        expect(movie.kind).to.equal('movie');
        for (let i = 0; i < 4; i++) {
          expect(Array.from(await movie.getFrameData(i))).to.deep.equal(Array.from(framePixels(dataType, spacing.pixelCount, i)));
        }
      });
    }
  }

  it('writes fileVersion 0 without hasFrameHeaderFooter and version 1 with it', async () => {
    const v0 = dir.file('v0.isxd');
    const v1 = dir.file('v1.isxd');
    await writeTestMovie(v0, { timing: makeTiming(2), dataType: 'uint16', fileVersion: 0 });
    await writeTestMovie(v1, { timing: makeTiming(2), dataType: 'uint16', fileVersion: 1 });
    await using s0 = await FileSource.open(v0);
    await using s1 = await FileSource.open(v1);
    const f0 = (await readFooter(s0)).json;
    const f1 = (await readFooter(s1)).json;
    expect([f0.fileVersion, Object.hasOwn(f0, 'hasFrameHeaderFooter')]).to.deep.equal([0, false]);
    expect([f1.fileVersion, f1.hasFrameHeaderFooter]).to.deep.equal([1, false]);
  });

  it('writes a single-sample movie as type 4 and reads it as an image kind', async () => {
    const path = dir.file('single.isxd');
    await writeTestMovie(path, { timing: makeTiming(1), dataType: 'float32' });
    await using movie = await Movie.read(path);
    expect(movie.metadata.type).to.equal(4);
    expect(movie.kind).to.equal('image');
    expect(movie.timing.numSamples).to.equal(1);
    expect(Array.from(await movie.getFrameData(0))).to.deep.equal(Array.from(framePixels('float32', 15, 0)));
  });

  it('keeps timing, spacing, data type and extraProperties unchanged, int64 values exact', async () => {
    const path = dir.file('fields.isxd');
    const timing = makeTiming(12, {
      period: new Ratio(603240466n, 12074000000n),
      start: new Time(new Ratio(1724666920278n, 1000n), -25200),
      dropped: [1, 7],
      cropped: [[3, 4], [9, 9]],
      blank: [11],
    });
    const spacing = new Spacing(4, 2, { x: new Ratio(5, 2), y: new Ratio(7, 3) }, { x: new Ratio(-1, 4), y: new Ratio(10, 1) });
    const extraProperties = { big: -9223372036854775808n, huge: 18446744073709551615n, nested: { list: [1, 2.5, 'x', null, true] } };
    await writeTestMovie(path, { timing, spacing, dataType: 'uint16', extraProperties });
    await using movie = await Movie.read(path);
    expect(movie.timing.toJson()).to.deep.equal(timing.toJson());
    expect(movie.spacing.toJson()).to.deep.equal(spacing.toJson());
    expect(movie.dataType).to.equal('uint16');
    expect(movie.metadata.extraProperties).to.deep.equal(extraProperties);
    expect(movie.timing.start.utcOffset).to.equal(-25200);
  });

  it('returns zeros for dropped, cropped and blank frames and maps the rest to stored frames', async () => {
    const path = dir.file('invalid.isxd');
    const timing = makeTiming(10, { dropped: [1], cropped: [[3, 4]], blank: [8] });
    const spacing = await writeTestMovie(path, { timing, dataType: 'uint16' });
    await using movie = await Movie.read(path);
    const statuses = Array.from({ length: 10 }, (_, i) => movie.getFrameStatus(i));
    expect(statuses).to.deep.equal(['valid', 'dropped', 'valid', 'cropped', 'cropped', 'valid', 'valid', 'valid', 'blank', 'valid']);
    for (let i = 0; i < 10; i++) {
      const expected = statuses[i] === 'valid' ? framePixels('uint16', spacing.pixelCount, i) : new Uint16Array(spacing.pixelCount);
      expect(Array.from(await movie.getFrameData(i)), `frame ${i}`).to.deep.equal(Array.from(expected));
    }
    // 6 valid frames stored back to back, nothing for the 4 invalid ones.
    expect(movie.fileSize - (await footerLength(path))).to.equal(6 * spacing.pixelCount * 2);
  });

  it('reads frame ranges across invalid frames equal to frame-by-frame reads', async () => {
    const path = dir.file('ranges.isxd');
    const timing = makeTiming(12, { dropped: [0, 5], cropped: [[7, 8]], blank: [11] });
    const spacing = await writeTestMovie(path, { timing, dataType: 'float32' });
    await using movie = await Movie.read(path);
    for (const [start, count] of [[0, 12], [1, 4], [5, 1], [6, 5], [9, 2], [3, 0]] as const) {
      const expected: number[] = [];
      for (let i = start; i < start + count; i++) expected.push(...(await movie.getFrameData(i)));
      const range = await movie.readFrames(start, count);
      expect(range).to.be.instanceOf(Float32Array);
      expect(range.length).to.equal(count * spacing.pixelCount);
      expect(Array.from(range), `${start}+${count}`).to.deep.equal(expected);
    }
  });

  it('reads frame ranges of a movie with frame headers without the header bytes', async () => {
    const path = dir.file('ranges-hf.isxd');
    const timing = makeTiming(6, { dropped: [2] });
    const spacing = await writeTestMovie(path, { timing, dataType: 'uint16', hasFrameHeaderFooter: true, header: (i) => ({ frameCount: i }) });
    await using movie = await Movie.read(path);
    const expected: number[] = [];
    for (let i = 0; i < 6; i++) expected.push(...(await movie.getFrameData(i)));
    expect(Array.from(await movie.readFrames(0, 6))).to.deep.equal(expected);
    expect(Array.from(await movie.getFrameData(3))).to.deep.equal(Array.from(framePixels('uint16', spacing.pixelCount, 3)));
  });

  it('opens a movie whose every frame is dropped, with an empty payload', async () => {
    const path = dir.file('all-dropped.isxd');
    const timing = makeTiming(3, { dropped: [0, 1, 2] });
    const spacing = await writeTestMovie(path, { timing, dataType: 'uint8' });
    await using movie = await Movie.read(path);
    expect(movie.timing.numValid).to.equal(0);
    expect(movie.fileSize).to.equal(await footerLength(path));
    expect(Array.from(await movie.readFrames(0, 3))).to.deep.equal(new Array(3 * spacing.pixelCount).fill(0));
    expect(movie.getFrameStatus(2)).to.equal('dropped');
  });
});

/** Bytes of the footer trailer (JSON, NUL, length). */
async function footerLength(path: string): Promise<number> {
  await using source = await FileSource.open(path);
  const footer = await readFooter(source);
  return source.size - footer.payloadEnd;
}
