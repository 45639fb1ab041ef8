import { expect } from 'chai';
import { BehaviorMovie } from '../../lib/isxb/behaviorMovie.js';
import { makeIsxbSession, writeIsxb } from '../synthetic/writeIsxb.js';
import { videoFrames } from '../../lib/sources/videoFrames.js';
import { describeReal, realFixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { COLS, makeJpegs, ROWS } from '../isxb/isxbTestKit.js';
import { collect } from './sourceKit.js';

describe('videoFrames source on a synthetic behaviour movie', () => {
  const dir = useTempDir();
  let path = '';
  let jpegs: Uint8Array[] = [];

  before(async () => {
    path = dir.file('behavior.isxb');
    ({ jpegs } = await makeJpegs(3));
    // Time index 1 dropped: stored frames are indices 0, 2 and 3.
    await writeIsxb(path, {
      jpegs,
      samples: [
        { fc: 1, tsc: 5_000_000 },
        { fc: 3, tsc: 5_100_000 },
        { fc: 4, tsc: 5_150_000 },
      ],
      droppedFrames: [1],
      session: makeIsxbSession(COLS, ROWS),
      epochMs: 1_700_000_000_000,
    });
  });

  it('passes the stored JPEG bytes through with fc, tsc and times; dropped frames carry none', async () => {
    await using movie = await BehaviorMovie.read(path);
    const out = await collect(videoFrames(movie));
    expect(out.map((f) => [f.index, f.status, f.fc, f.tsc])).to.deep.equal([
      [0, 'valid', 1n, 5_000_000n],
      [1, 'dropped', 0n, 0n],
      [2, 'valid', 3n, 5_100_000n],
      [3, 'valid', 4n, 5_150_000n],
    ]);
    expect(out.map((f) => f.timestampUs)).to.deep.equal([0, 1, 2, 3].map((i) => movie.timing.timestampUs(i)));
    expect(out[0]!.jpeg).to.deep.equal(jpegs[0]);
    expect(out[3]!.jpeg).to.deep.equal(jpegs[2]);
    expect(out[1]!.jpeg).to.equal(undefined);
    expect(out.every((f) => f.data === undefined && f.rows === ROWS && f.cols === COLS)).to.equal(true);
  });

  it('decodes to the luma getFrameData returns with decode, zeros for a dropped frame', async () => {
    await using movie = await BehaviorMovie.read(path);
    const out = await collect(videoFrames(movie, { decode: true, startIndex: 1, endIndex: 3 }));
    expect(out.map((f) => f.index)).to.deep.equal([1, 2]);
    expect(out[0]!.data).to.deep.equal(new Uint8Array(COLS * ROWS));
    expect(out[1]!.data).to.deep.equal(await movie.getFrameData(2));
    expect(out.every((f) => f.jpeg === undefined)).to.equal(true);
  });
});

describeReal('videoFrames source on a real behaviour movie', () => {
  it('gives the 10 tracked frames of the nVision series file with the first tsc and bounding box', async () => {
    await using movie = await BehaviorMovie.read(realFixture('ideas-toolbox-deeplabcut', 'Group-20240111-080531_2024-01-12-08-55-21_sched_0.isxb'));
    const out = await collect(videoFrames(movie));
    expect(out.length).to.equal(10);
    expect(out[0]!.tsc).to.equal(163957519943n);
    expect(out[9]!.tsc).to.equal(163957819928n);
    // The reference CSV export prints the box with 6 decimals after a float32 round trip.
    const expected = [526.13623, 682.003479, 650.984802, 908.188293];
    out[0]!.tracking!.box.forEach((v, k) => expect(v).to.be.closeTo(expected[k]!, 1e-4));
    expect(out.every((f) => f.jpeg !== undefined && f.jpeg[0] === 0xff && f.jpeg[1] === 0xd8)).to.equal(true);
  });
});
