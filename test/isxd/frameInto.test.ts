import { expect } from 'chai';
import { Spacing } from '../../lib/core/spacing.js';
import type { DataTypeName } from '../../lib/core/dataType.js';
import { Movie } from '../../lib/isxd/movie.js';
import { BehaviorMovie } from '../../lib/isxb/behaviorMovie.js';
import { haveRealFixtures, realFixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { makeTiming, rejection, writeTestMovie } from './movieTestKit.js';

/** Every frame read into one reused array (filled with garbage first) equals the frame read fresh. */
async function expectSameFramesInto(movie: Movie): Promise<void> {
  const into = new movie.dataTypeInfo.ArrayType(movie.spacing.pixelCount);
  for (let i = 0; i < movie.timing.numSamples; i++) {
    into.fill(7);
    const returned = await movie.getFrameData(i, into);
    expect(returned, `frame ${i}`).to.equal(into);
    const fresh = await movie.getFrameData(i);
    expect(Buffer.from(into.buffer).equals(Buffer.from(fresh.buffer, fresh.byteOffset, fresh.byteLength)), `frame ${i}`).to.equal(true);
  }
}

describe('Movie.getFrameData(index, into) reads into the caller’s array', () => {
  const dir = useTempDir();

  for (const [dataType, hasFrameHeaderFooter] of [['uint8', false], ['uint16', false], ['uint16', true], ['float32', false]] as [DataTypeName, boolean][]) {
    it(`gives every ${dataType} frame${hasFrameHeaderFooter ? ' (frame headers)' : ''} as a fresh read does, zeros for dropped, cropped and blank ones`, async () => {
      const path = dir.file(`into-${dataType}-${hasFrameHeaderFooter}.isxd`);
      await writeTestMovie(path, { timing: makeTiming(8, { dropped: [1], cropped: [[3, 4]], blank: [6] }), dataType, spacing: new Spacing(6, 4), hasFrameHeaderFooter, fileVersion: 1 });
      await using movie = await Movie.read(path);
      await expectSameFramesInto(movie);
    });
  }

  it('refuses an array of another pixel type or length with E_ARGUMENT, naming what it needs', async () => {
    const path = dir.file('into-errors.isxd');
    await writeTestMovie(path, { timing: makeTiming(2), dataType: 'uint16', spacing: new Spacing(6, 4) });
    await using movie = await Movie.read(path);
    for (const wrong of [new Float32Array(24), new Uint16Array(23), new Uint8Array(48)]) {
      const error = await rejection(movie.getFrameData(0, wrong));
      expect(error.code).to.equal('E_ARGUMENT');
      expect(error.detail).to.equal(`getFrameData: 'into' must be a Uint16Array of 24 pixels (uint16), not a ${wrong.constructor.name} of ${wrong.length}`);
    }
    expect((await rejection(movie.getFrameData(2, new Uint16Array(24)))).code).to.equal('E_RANGE');
  });

  if (haveRealFixtures) {
    it('gives every frame of a real movie and a real behaviour movie as a fresh read does', async () => {
      await using movie = await Movie.read(realFixture('ideas-toolbox-caiman', 'movie_part2_108x123x63.isxd'));
      await expectSameFramesInto(movie);
      await using video = await BehaviorMovie.read(realFixture('ideas-toolbox-deeplabcut', '2023-01-27-10-34-22-camera-1_trimmed_1s.isxb'));
      await expectSameFramesInto(video);
    });
  } else {
    it('gives every frame of real movies as a fresh read does (skipped: ../shared/fixtures/real is absent)');
  }
});
