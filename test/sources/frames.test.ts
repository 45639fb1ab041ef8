import { expect } from 'chai';
import { truncate } from 'node:fs/promises';
import { Ratio } from '../../lib/core/ratio.js';
import { Spacing } from '../../lib/core/spacing.js';
import { IsxError } from '../../lib/errors.js';
import { Movie } from '../../lib/isxd/movie.js';
import { frames, MAX_BATCH_FRAMES } from '../../lib/sources/frames.js';
import type { FrameRecord } from '../../lib/core/records.js';
import { stream } from '../../lib/kinds/stream.js';
import { toReadable } from '../../lib/sources/toReadable.js';
import { chain } from 'stream-chain';
import { planes } from '../../transforms/planes.js';
import { rejection } from '../helpers/errors.js';
import { describeReal, realFixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { framePixels, makeTiming, writeTestMovie } from '../isxd/movieTestKit.js';
import { closed, collect, countOpenFds, drainSlowly } from './sourceKit.js';

const START_US = 1_700_000_000_000_000;

describe('frames source on synthetic movies', () => {
  const dir = useTempDir();
  let plain = '';
  let stamped = '';

  before(async () => {
    plain = dir.file('plain.isxd');
    // 8 frames of 3x5 uint16 at 50 ms; frame 2 dropped, frames 5-6 cropped.
    await writeTestMovie(plain, { timing: makeTiming(8, { dropped: [2], cropped: [[5, 6]] }), dataType: 'uint16' });
    stamped = dir.file('stamped.isxd');
    await writeTestMovie(stamped, {
      timing: makeTiming(4),
      dataType: 'uint16',
      hasFrameHeaderFooter: true,
      extraProperties: { producer: { version: '1.2.0' } },
      header: (i) => ({ tsc: 1000n + 50_000n * BigInt(i), efocus: i % 2 === 0 ? 100 : 200 }),
    });
  });

  it('gives every frame with its index, time, status and the pixels getFrameData returns', async () => {
    await using movie = await Movie.read(plain);
    const out = await collect(frames(movie));
    expect(out.map((f) => f.index)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(out.map((f) => f.status)).to.deep.equal(['valid', 'valid', 'dropped', 'valid', 'valid', 'cropped', 'cropped', 'valid']);
    expect(out.map((f) => f.timestampUs)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7].map((i) => START_US + i * 50_000));
    expect(out.map((f) => f.offsetUs)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7].map((i) => i * 50_000));
    for (const f of out) {
      expect([f.rows, f.cols]).to.deep.equal([3, 5]);
      const expected = f.status === 'valid' ? framePixels('uint16', 15, f.index) : new Uint16Array(15);
      expect([...f.data]).to.deep.equal([...expected]);
    }
  });

  it('reads in batches no larger than maxBatchBytes, at least one frame each', async () => {
    await using movie = await Movie.read(plain);
    const counts: number[] = [];
    const readFrames = movie.readFrames.bind(movie);
    movie.readFrames = (start, count) => (counts.push(count), readFrames(start, count));
    const out = await collect(frames(movie, { maxBatchBytes: 3 * 30 }));
    expect(counts).to.deep.equal([3, 3, 2]);
    expect(out.length).to.equal(8);
    const one: number[] = [];
    movie.readFrames = (start, count) => (one.push(count), readFrames(start, count));
    expect(await collect(frames(movie, { maxBatchBytes: 1 }))).to.have.length(8);
    // One-frame batches: the 5 valid frames are read, the 3 invalid ones (2, 5, 6) read nothing.
    expect(one).to.deep.equal([1, 1, 1, 1, 1]);
  });

  it('starts and ends at frame indices', async () => {
    await using movie = await Movie.read(plain);
    expect((await collect(frames(movie, { startIndex: 3, endIndex: 6 }))).map((f) => f.index)).to.deep.equal([3, 4, 5]);
  });

  it('starts and ends at seconds after the start, keeping frames that start in [start, end)', async () => {
    await using movie = await Movie.read(plain);
    const out = await collect(frames(movie, { startSec: 0.1, endSec: 0.2 }));
    expect(out.map((f) => f.index)).to.deep.equal([2, 3]);
    expect((await collect(frames(movie, { startSec: 0.101 }))).map((f) => f.index)).to.deep.equal([3, 4, 5, 6, 7]);
  });

  it('starts at an absolute time in microseconds', async () => {
    await using movie = await Movie.read(plain);
    expect((await collect(frames(movie, { startUs: START_US + 300_000 }))).map((f) => f.index)).to.deep.equal([6, 7]);
  });

  it('refuses two forms of the same bound', async () => {
    await using movie = await Movie.read(plain);
    const error = await rejection(collect(frames(movie, { startIndex: 1, startSec: 1 })));
    expect(error.message).to.equal(`${plain}: give one of startIndex, startSec and startUs, not 2`);
  });

  it('carries e-focus and tsc from the frame headers', async () => {
    await using movie = await Movie.read(stamped);
    const out = await collect(frames(movie));
    expect(out.map((f) => f.efocus)).to.deep.equal([100, 200, 100, 200]);
    expect(out.map((f) => f.tsc)).to.deep.equal([1000n, 51000n, 101000n, 151000n]);
    const bare = await collect(frames(movie, { headers: false }));
    expect(bare.some((f) => 'efocus' in f || 'tsc' in f)).to.equal(false);
  });

  it('feeds the planes transform the e-focus of each frame header', async () => {
    await using movie = await Movie.read(stamped);
    const out = await collect(chain([stream(movie), planes({ efocusValues: [100, 200] })]));
    expect(out.map((f: FrameRecord) => [f.plane, f.index])).to.deep.equal([
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
  });

  it('keeps a slow consumer within a few batches of what it has taken', async () => {
    const long = dir.file('long.isxd');
    await writeTestMovie(long, { timing: makeTiming(200), dataType: 'uint8', spacing: new Spacing(4, 4) });
    await using movie = await Movie.read(long);
    let read = 0;
    let consumed = 0;
    let mostAhead = 0;
    const readFrames = movie.readFrames.bind(movie);
    movie.readFrames = (start, count) => ((read += count), readFrames(start, count));
    // 5 frames per batch: at most the batch being handed out, the one read ahead, the Readable's 4 and
    // the Writable's 1 can be outstanding.
    await drainSlowly(toReadable(frames(movie, { maxBatchBytes: 5 * 16 })), () => {
      consumed++;
      mostAhead = Math.max(mostAhead, read - consumed);
    });
    expect(consumed).to.equal(200);
    expect(mostAhead).to.be.at.most(5 + 5 + 4 + 1);
    expect(mostAhead).to.be.at.least(5);
  });
});

describe('frames source on long runs of invalid frames', () => {
  const dir = useTempDir();
  let path = '';

  before(async () => {
    path = dir.file('mostly-cropped.isxd');
    // 100,000 frames of 3x5 uint16: frames 1-99998 cropped, so only frames 0 and 99999 are stored.
    await writeTestMovie(path, { timing: makeTiming(100_000, { cropped: [[1, 99_998]] }), dataType: 'uint16' });
  });

  it('reads nothing for batches of invalid frames and gives their records one shared zero frame', async () => {
    await using movie = await Movie.read(path);
    const reads: number[] = [];
    const readFrames = movie.readFrames.bind(movie);
    movie.readFrames = (start, count) => (reads.push(start), readFrames(start, count));
    const zeroFrames = new Set<unknown>();
    let count = 0;
    let nonZero = 0;
    for await (const f of frames(movie, { maxBatchBytes: 30 * 1000 })) {
      count++;
      if (f.status === 'cropped' && f.index >= 1000 && f.index < 99_000) {
        if (f.data.some((v) => v !== 0)) nonZero++;
        zeroFrames.add(f.data);
      }
    }
    expect(count).to.equal(100_000);
    expect(nonZero).to.equal(0);
    // Only the first and last batches hold a stored frame.
    expect(reads).to.deep.equal([0, 99_000]);
    expect(zeroFrames.size).to.equal(1);
  });

  it('reads tiny frames in batches of at most MAX_BATCH_FRAMES frames, whatever maxBatchBytes allows', async () => {
    await using movie = await Movie.read(path);
    const reads: [number, number][] = [];
    const readFrames = movie.readFrames.bind(movie);
    movie.readFrames = (start, count) => (reads.push([start, count]), readFrames(start, count));
    let count = 0;
    for await (const _ of frames(movie)) count++;
    expect(count).to.equal(100_000);
    // 16 MiB would take all 100,000 frames of 30 bytes at once; batches stop at 65,536 frames.
    expect(reads).to.deep.equal([
      [0, MAX_BATCH_FRAMES],
      [MAX_BATCH_FRAMES, 100_000 - MAX_BATCH_FRAMES],
    ]);
  });

  it('lets the event loop run while it makes records without reading', async () => {
    await using movie = await Movie.read(path);
    let turns = 0;
    let immediate: NodeJS.Immediate | undefined;
    const turn = (): void => {
      turns++;
      immediate = setImmediate(turn);
    };
    // One-frame batches: the yields must not depend on the batch size.
    const records = frames(movie, { startIndex: 10, endIndex: 90_000, maxBatchBytes: 1 });
    const first = await records.next();
    turn();
    const before = turns;
    let count = first.done ? 0 : 1;
    for await (const _ of records) count++;
    clearImmediate(immediate);
    expect(count).to.equal(89_990);
    // A loop that never yields to the event loop would leave no turn to setImmediate callbacks.
    expect(turns - before).to.be.above(1);
  });
});

describe('frames source closes its file', () => {
  const dir = useTempDir();
  let path = '';

  beforeEach(async () => {
    path = dir.file('close.isxd');
    await writeTestMovie(path, { timing: makeTiming(40), dataType: 'float32', spacing: new Spacing(8, 8) });
  });

  it('at the end of the stream', async () => {
    const before = countOpenFds();
    const movie = await Movie.read(path);
    expect(countOpenFds()).to.equal(before + 1);
    expect((await collect(stream(movie, { closeOnEnd: true }))).length).to.equal(40);
    expect(countOpenFds()).to.equal(before);
  });

  it('when a read fails, passing on the read error', async () => {
    const before = countOpenFds();
    const movie = await Movie.read(path);
    await truncate(path, 10 * 256);
    const error = await rejection(collect(stream(movie, { closeOnEnd: true, maxBatchBytes: 256 })));
    expect(error.code).to.equal('E_TRUNCATED');
    expect(countOpenFds()).to.equal(before);
  });

  it('when a read-ahead fails while a slow consumer is busy, without an unhandled rejection', async () => {
    const before = countOpenFds();
    const movie = await Movie.read(path);
    await truncate(path, 10 * 256);
    const seen: number[] = [];
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const error = await drainSlowly(stream(movie, { closeOnEnd: true, maxBatchBytes: 5 * 256 }), (f) => {
      seen.push((f as FrameRecord).index);
    }).catch((e: unknown) => e);
    await new Promise((resolve) => setImmediate(resolve));
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).to.deep.equal([]);
    expect((error as IsxError).code).to.equal('E_TRUNCATED');
    // The stream fails once the generator reaches the failed batch; frames still in its buffer are
    // dropped with it (Node stream semantics), so the consumer saw a prefix of the 10 readable frames.
    expect(seen).to.deep.equal(Array.from({ length: seen.length }, (_, i) => i));
    expect(seen.length).to.be.within(1, 10);
    expect(countOpenFds()).to.equal(before);
  });

  it('when the consumer destroys the stream early', async () => {
    const before = countOpenFds();
    const movie = await Movie.read(path);
    const readable = stream(movie, { closeOnEnd: true, maxBatchBytes: 256 });
    const first = (await readable[Symbol.asyncIterator]().next()).value as FrameRecord;
    expect(first.index).to.equal(0);
    readable.destroy();
    await closed(readable);
    expect(countOpenFds()).to.equal(before);
  });

  it('not at all without closeOnEnd: the caller owns the movie', async () => {
    const before = countOpenFds();
    const movie = await Movie.read(path);
    await collect(stream(movie));
    expect(countOpenFds()).to.equal(before + 1);
    await movie.close();
    expect(countOpenFds()).to.equal(before);
  });
});

describeReal('frames source on real movies', () => {
  it('streams all 63 frames of movie_part2 with the independent pixel sum', async () => {
    await using movie = await Movie.read(realFixture('ideas-toolbox-caiman', 'movie_part2_108x123x63.isxd'));
    let count = 0;
    let sum = 0;
    for await (const frame of frames(movie, { maxBatchBytes: 10 * 53136 })) {
      expect([frame.rows, frame.cols]).to.deep.equal([123, 108]);
      for (let i = 0; i < frame.data.length; i++) sum += frame.data[i]!;
      count++;
    }
    expect(count).to.equal(63);
    expect(sum).to.be.closeTo(782762718.23, 0.01);
  });

  it('times movie_part3 frames at 62.3 s + i·0.1 s', async () => {
    await using movie = await Movie.read(realFixture('ideas-toolbox-caiman', 'movie_part3.isxd'));
    const out = await collect(frames(movie, { startIndex: 32 }));
    expect(out.map((f) => [f.index, f.timestampUs])).to.deep.equal([
      [32, 62_300_000 + 3_200_000],
      [33, 62_300_000 + 3_300_000],
    ]);
    expect(movie.timing.period.equals(new Ratio(100, 1000))).to.equal(true);
  });
});
