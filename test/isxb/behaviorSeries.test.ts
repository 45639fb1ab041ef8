import { expect } from 'chai';
import { BehaviorSeries } from '../../lib/isxb/behaviorSeries.js';
import { makeIsxbSession, writeIsxb } from '../synthetic/writeIsxb.js';
import { useTempDir } from '../helpers/tempDir.js';
import { COLS, ROWS, makeJpegs, meanAbsDiff, rejection, thrown } from './isxbTestKit.js';

const START_MS = 1_705_049_721_643n;

describe('BehaviorSeries', () => {
  const dir = useTempDir();
  let first: string;
  let second: string;
  let lumas: Uint8Array[];

  before(async () => {
    const made = await makeJpegs(5);
    lumas = made.lumas;
    first = dir.file('part_0.isxb');
    second = dir.file('part_1.isxb');
    // Part 0: three frames at 30 ms steps. Part 1 starts 100 ms later, its frame 1 dropped.
    await writeIsxb(first, {
      jpegs: made.jpegs.slice(0, 3),
      samples: [0, 1, 2].map((k) => ({ fc: k, tsc: 5_000_000 + 30_000 * k })),
      session: makeIsxbSession(COLS, ROWS),
      epochMs: START_MS,
    });
    await writeIsxb(second, {
      jpegs: made.jpegs.slice(3),
      samples: [
        { fc: 3, tsc: 5_100_000 },
        { fc: 5, tsc: 5_160_000 },
      ],
      droppedFrames: [1],
      session: makeIsxbSession(COLS, ROWS),
      epochMs: START_MS + 100n,
    });
  });

  it('numbers frames globally across files, dropped frames included', async () => {
    await using series = await BehaviorSeries.read([first, second]);
    expect(series.numSamples).to.equal(6);
    expect([0, 1, 2, 3, 4, 5].map((g) => series.locate(g))).to.deep.equal([
      { movieNumber: 0, localIndex: 0 },
      { movieNumber: 0, localIndex: 1 },
      { movieNumber: 0, localIndex: 2 },
      { movieNumber: 1, localIndex: 0 },
      { movieNumber: 1, localIndex: 1 },
      { movieNumber: 1, localIndex: 2 },
    ]);
  });

  it('times every frame from the first frame of the first file, continuing across files', async () => {
    await using series = await BehaviorSeries.read([first, second]);
    const frames = [0, 1, 2, 3, 4, 5].map((g) => series.getFrame(g));
    expect(frames.map((f) => f.offsetUs)).to.deep.equal([0n, 30_000n, 60_000n, 100_000n, null, 160_000n]);
    expect(frames.map((f) => f.status)).to.deep.equal(['valid', 'valid', 'valid', 'valid', 'dropped', 'valid']);
    expect(frames[5]).to.deep.equal({
      globalIndex: 5,
      movieNumber: 1,
      localIndex: 2,
      status: 'valid',
      tsc: 5_160_000n,
      offsetUs: 160_000n,
      timestampUs: Number(START_MS) * 1000 + 160_000,
    });
    expect(frames[4]!.timestampUs).to.equal(null);
  });

  it('reads pixels and JPEGs of a global frame from the right file', async () => {
    await using series = await BehaviorSeries.read([first, second]);
    expect(meanAbsDiff(await series.getFrameData(5), lumas[4]!)).to.be.below(2);
    expect(await series.getFrameJpeg(4)).to.equal(null);
    expect(series.getFrameMetadata(3)).to.deep.equal({ fc: 3n, tsc: 5_100_000n });
  });

  it('estimates the first tsc from the period when the first frame of the series was dropped', async () => {
    const { jpegs } = await makeJpegs(2);
    const path = dir.file('dropped_first.isxb');
    await writeIsxb(path, {
      jpegs,
      samples: [
        { fc: 1, tsc: 2_050_000 },
        { fc: 2, tsc: 2_100_000 },
      ],
      droppedFrames: [0],
      session: makeIsxbSession(COLS, ROWS),
    });
    await using series = await BehaviorSeries.read([path]);
    // period = 50000 / 1e6 s, so frame 0 would have been at 2_050_000 - 50_000.
    expect(series.firstTsc).to.equal(2_000_000n);
    expect(series.getFrame(1).offsetUs).to.equal(50_000n);
  });

  it('rejects files given out of time order with E_ARGUMENT', async () => {
    const error = await rejection(BehaviorSeries.read([second, first]));
    expect(error.code).to.equal('E_ARGUMENT');
    expect(error.detail).to.equal(`series member 1 starts before member 0 (${second}); list the files in time order`);
  });

  it('rejects members of different frame sizes with E_ARGUMENT', async () => {
    const { jpegs } = await makeJpegs(2, COLS, ROWS / 2);
    const path = dir.file('small.isxb');
    await writeIsxb(path, {
      jpegs,
      samples: [0, 1].map((k) => ({ fc: k, tsc: 9_000_000 + k })),
      session: makeIsxbSession(COLS, ROWS / 2),
      epochMs: START_MS + 10_000n,
    });
    const error = await rejection(BehaviorSeries.read([first, path]));
    expect(error.code).to.equal('E_ARGUMENT');
    expect(error.detail).to.equal(`series member 1 is ${COLS} x ${ROWS / 2}; member 0 (${first}) is ${COLS} x ${ROWS}`);
  });

  it('rejects a global index past the end with E_RANGE', async () => {
    await using series = await BehaviorSeries.read([first, second]);
    const error = thrown(() => series.getFrame(6));
    expect(error.code).to.equal('E_RANGE');
    expect(error.detail).to.equal('series frame 6 is out of range (0-5)');
  });
});
