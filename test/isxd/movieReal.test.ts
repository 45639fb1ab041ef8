import { expect } from 'chai';
import { Image } from '../../lib/isxd/image.js';
import { Movie } from '../../lib/isxd/movie.js';
import { describeReal, realFixture } from '../helpers/fixtures.js';
import { readBigTiffPages } from '../helpers/readBigTiff.js';

const caiman = (name: string): string => realFixture('ideas-toolbox-caiman', name);

describeReal('Movie.read on real files', () => {
  it('reads movie_part2 pixel for pixel equal to its BigTIFF export, all 63 frames', async () => {
    await using movie = await Movie.read(caiman('movie_part2_108x123x63.isxd'));
    const pages = await readBigTiffPages(caiman('movie_part2_108x123x63.tiff'));
    expect(pages).to.have.length(63);
    for (let i = 0; i < 63; i++) {
      const frame = await movie.getFrameData(i);
      expect(pages[i]!.width).to.equal(108);
      expect(pages[i]!.height).to.equal(123);
      expect(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).equals(Buffer.from(pages[i]!.pixels.buffer)), `frame ${i}`).to.equal(true);
    }
  });

  it('gives movie_part2 its dimensions, sample count, period and data type', async () => {
    await using movie = await Movie.read(caiman('movie_part2_108x123x63.isxd'));
    expect(movie.kind).to.equal('movie');
    expect(movie.spacing.numPixels).to.deep.equal([123, 108]);
    expect(movie.timing.numSamples).to.equal(63);
    expect([movie.timing.period.num, movie.timing.period.den]).to.deep.equal([100n, 1000n]);
    expect(movie.dataType).to.equal('float32');
    expect(movie.hasFrameTimestamps).to.equal(false);
  });

  it('matches the independent sum, min and max of all movie_part2 pixels', async () => {
    await using movie = await Movie.read(caiman('movie_part2_108x123x63.isxd'));
    const all = await movie.readFrames(0, 63);
    expect(all.length).to.equal(63 * 123 * 108);
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (const v of all) {
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect(sum).to.be.closeTo(782762718.23, 0.01);
    expect(min).to.equal(689.704345703125);
    expect(max).to.equal(1235.418212890625);
  });

  it('reads movie_part3 geometry, start time and the range of frame 0', async () => {
    await using movie = await Movie.read(caiman('movie_part3.isxd'));
    expect(movie.spacing.numPixels).to.deep.equal([128, 128]);
    expect(movie.timing.numSamples).to.equal(34);
    const secs = movie.timing.start.secsSinceEpoch;
    expect([secs.num, secs.den]).to.deep.equal([62300n, 1000n]);
    const frame = await movie.getFrameData(0);
    let min = Infinity;
    let max = -Infinity;
    for (const v of frame) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).to.be.closeTo(701.09, 0.005);
    expect(max).to.be.closeTo(1094.25, 0.005);
    expect(movie.getAcquisitionInfo()).to.equal(null);
  });

  for (const name of ['IM13_session1_2024-10-07_local_corr_img.isxd', 'IM13_session5_2024-10-31_local_corr_img.isxd']) {
    it(`opens ${name} as a 640x400 float32 Image`, async () => {
      await using image = await Image.read(caiman(name));
      expect(image.spacing.numPixels).to.deep.equal([400, 640]);
      expect(image.dataType).to.equal('float32');
      expect(image.timing.numSamples).to.equal(1);
      expect([image.timing.period.num, image.timing.period.den]).to.deep.equal([50n, 1000n]);
      const data = await image.getData();
      expect(data).to.be.instanceOf(Float32Array);
      expect(data.length).to.equal(400 * 640);
      // Local correlations: finite and at most 1 (plus float rounding); a misread layout gives garbage.
      expect(data.every((v) => Number.isFinite(v) && v > 0.4 && v < 1.001)).to.equal(true);
    });
  }
});
