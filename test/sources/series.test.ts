import { expect } from 'chai';
import { Ratio } from '../../lib/core/ratio.js';
import { Spacing } from '../../lib/core/spacing.js';
import { Time } from '../../lib/core/time.js';
import { CellSet } from '../../lib/isxd/cellSet.js';
import { Movie } from '../../lib/isxd/movie.js';
import { series } from '../../lib/kinds/series.js';
import type { FrameRecord } from '../../lib/core/records.js';
import { openStream, stream } from '../../lib/kinds/stream.js';
import { rejection } from '../helpers/errors.js';
import { describeReal, realFixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { framePixels, makeTiming, writeTestMovie } from '../isxd/movieTestKit.js';
import { collect, countOpenFds } from './sourceKit.js';
import { EventSet } from '../../lib/events/eventSet.js';
import { GpioSet } from '../../lib/gpio/gpioSet.js';
import { writeEventModel } from '../../lib/events/writeEventModel.js';
import { BehaviorMovie } from '../../lib/isxb/behaviorMovie.js';
import { makeIsxbSession } from '../synthetic/writeIsxb.js';
import { makeModel } from '../events/eventFixtures.js';
import { COLS, ROWS, makeJpegs, writeSynthetic } from '../isxb/isxbTestKit.js';

const SECOND_START_US = 1_700_000_010_000_000;

describe('series of movies', () => {
  const dir = useTempDir();
  let first = '';
  let second = '';

  before(async () => {
    first = dir.file('part1.isxd');
    second = dir.file('part2.isxd');
    await writeTestMovie(first, { timing: makeTiming(3), dataType: 'uint16' });
    await writeTestMovie(second, { timing: makeTiming(2, { start: new Time(new Ratio(1_700_000_010, 1)) }), dataType: 'uint16' });
  });

  it('continues frame indices across files and keeps each file\'s timestamps', async () => {
    await using a = await Movie.read(first);
    await using b = await Movie.read(second);
    const out = await collect(series([a, b]));
    expect(out.map((f) => f.index)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(out.slice(3).map((f) => f.timestampUs)).to.deep.equal([SECOND_START_US, SECOND_START_US + 50_000]);
    expect([...out[4]!.data]).to.deep.equal([...framePixels('uint16', 15, 1)]);
  });

  it('closes every file of the series with closeOnEnd, even when destroyed before reaching the last', async () => {
    const before = countOpenFds();
    const readable = stream([await Movie.read(first), await Movie.read(second)], { closeOnEnd: true });
    await readable[Symbol.asyncIterator]().next();
    readable.destroy();
    await new Promise((resolve) => readable.once('close', resolve));
    expect(countOpenFds()).to.equal(before);
  });

  it('refuses a second file that starts before the first one ends', async () => {
    const overlapping = dir.file('overlapping.isxd');
    await writeTestMovie(overlapping, { timing: makeTiming(2, { start: new Time(new Ratio(1_700_000_000_100n, 1000n)) }), dataType: 'uint16' });
    await using a = await Movie.read(first);
    await using c = await Movie.read(overlapping);
    const error = await rejection(collect(series([a, c])));
    expect(error.code).to.equal('E_ARGUMENT');
    expect(error.detail).to.contain('the files overlap in time');
  });

  it('refuses movies of different frame sizes', async () => {
    const other = dir.file('other.isxd');
    await writeTestMovie(other, { timing: makeTiming(2, { start: new Time(new Ratio(1_700_000_020, 1)) }), dataType: 'uint16', spacing: new Spacing(4, 4) });
    await using a = await Movie.read(first);
    await using c = await Movie.read(other);
    const error = await rejection(collect(series([a, c])));
    expect(error.message).to.equal(`${other}: cannot join a series: the image size (rows x cols) is 4x4, but ${first} has 3x5`);
  });
});

describeReal('series of real cell sets', () => {
  it('concatenates each cell\'s traces across the two parts, 100 + 95 samples', async () => {
    await using a = await CellSet.read(realFixture('ideas-toolbox-caiman', 'cellset_series_part1.isxd'));
    await using b = await CellSet.read(realFixture('ideas-toolbox-caiman', 'cellset_series_part2.isxd'));
    const out = await collect(series([a, b]));
    expect(out.length).to.equal(6);
    const traceA = await a.getCellTrace(3);
    const traceB = await b.getCellTrace(3);
    expect([...out[3]!.trace]).to.deep.equal([...traceA, ...traceB]);
    expect(out[3]!.timestampsUs!.length).to.equal(195);
    expect(out[3]!.timestampsUs![100]).to.equal(b.timing.timestampUs(0));
  });
});

describe('openStream', () => {
  const dir = useTempDir();

  it('opens a file by path, streams it and closes it at the end', async () => {
    const path = dir.file('one.isxd');
    await writeTestMovie(path, { timing: makeTiming(3), dataType: 'uint8' });
    const before = countOpenFds();
    const out = await collect(await openStream(path, { startIndex: 1 }));
    expect(out.map((f) => (f as FrameRecord).index)).to.deep.equal([1, 2]);
    expect(countOpenFds()).to.equal(before);
  });

  it('opens several paths as a series and closes them all, and the opened ones when a later open fails', async () => {
    const a = dir.file('a.isxd');
    const b = dir.file('b.isxd');
    await writeTestMovie(a, { timing: makeTiming(2), dataType: 'uint8' });
    await writeTestMovie(b, { timing: makeTiming(2, { start: new Time(new Ratio(1_700_000_001, 1)) }), dataType: 'uint8' });
    const before = countOpenFds();
    const out = await collect(await openStream([a, b]));
    expect(out.map((f) => (f as FrameRecord).index)).to.deep.equal([0, 1, 2, 3]);
    expect(countOpenFds()).to.equal(before);
    const error = await rejection(openStream([a, dir.file('missing.isxd')]));
    expect(error.code).to.equal('E_IO');
    expect(countOpenFds()).to.equal(before);
  });
});

describe('series of event sets and GPIO sets', () => {
  const dir = useTempDir();
  const secondStart = new Time(new Ratio(1_700_000_020_000n, 1000n));

  it('streams each event set in turn with offsets as stored and absolute timestamps', async () => {
    const a = dir.file('events1.isxd');
    const b = dir.file('events2.isxd');
    await writeEventModel(a, makeModel({ channelNames: ['C0', 'C1'], packets: [{ offsetUs: 100, channel: 0, value: 1 }, { offsetUs: 50, channel: 1, value: 2 }] }));
    await writeEventModel(b, makeModel({ channelNames: ['C0', 'C1'], start: secondStart, packets: [{ offsetUs: 7, channel: 1, value: 3 }] }));
    await using first = await EventSet.read(a);
    await using second = await EventSet.read(b);
    const out = await collect(series([first, second]));
    expect(out.map((e) => [e.cellName, e.offsetUs, e.timestampUs, e.amplitude])).to.deep.equal([
      ['C0', 100, 1_700_000_000_000_100, 1],
      ['C1', 50, 1_700_000_000_000_050, 2],
      ['C1', 7, 1_700_000_020_000_007, 3],
    ]);
  });

  it('streams each GPIO set in turn, NaN markers kept', async () => {
    const a = dir.file('gpio1.isxd');
    const b = dir.file('gpio2.isxd');
    await writeEventModel(a, makeModel({ type: 3, channelNames: ['GPIO-1'], packets: [{ offsetUs: 0, channel: 0, value: 16 }, { offsetUs: 10, channel: 0, value: NaN }] }));
    await writeEventModel(b, makeModel({ type: 3, channelNames: ['GPIO-1'], start: secondStart, packets: [{ offsetUs: 0, channel: 0, value: 32 }] }));
    await using first = await GpioSet.read(a);
    await using second = await GpioSet.read(b);
    const out = await collect(series([first, second]));
    expect(out.map((s) => s.timestampUs)).to.deep.equal([1_700_000_000_000_000, 1_700_000_000_000_010, 1_700_000_020_000_000]);
    expect(out.map((s) => s.value)).to.deep.equal([16, NaN, 32]);
  });

  it('refuses a series that mixes event sets and GPIO sets', async () => {
    const a = dir.file('mixed-events.isxd');
    const b = dir.file('mixed-gpio.isxd');
    await writeEventModel(a, makeModel({ channelNames: ['C0'], packets: [] }));
    await writeEventModel(b, makeModel({ type: 3, channelNames: ['GPIO-1'], packets: [] }));
    await using first = await EventSet.read(a);
    await using second = await GpioSet.read(b);
    const error = await rejection(collect(series([first, second] as unknown as EventSet[])));
    expect(error.code).to.equal('E_ARGUMENT');
  });
});

describe('series of behaviour movies', () => {
  const dir = useTempDir();

  it('continues frame indices across files, dropped frames included, with each file\'s tsc', async () => {
    const { jpegs } = await makeJpegs(4);
    const session = makeIsxbSession(COLS, ROWS);
    const a = await writeSynthetic(dir.file('part0.isxb'), {
      epochMs: 1_700_000_000_000n,
      jpegs: jpegs.slice(0, 2),
      samples: [{ fc: 1n, tsc: 1_000n }, { fc: 3n, tsc: 101_000n }],
      droppedFrames: [1],
      session,
    });
    const b = await writeSynthetic(dir.file('part1.isxb'), {
      epochMs: 1_700_000_001_000n,
      jpegs: jpegs.slice(2),
      samples: [{ fc: 1n, tsc: 2_000_000n }, { fc: 2n, tsc: 2_050_000n }],
      session,
    });
    await using first = await BehaviorMovie.read(a);
    await using second = await BehaviorMovie.read(b);
    const out = await collect(series([first, second]));
    expect(out.map((f) => [f.index, f.status, f.tsc])).to.deep.equal([
      [0, 'valid', 1_000n],
      [1, 'dropped', 0n],
      [2, 'valid', 101_000n],
      [3, 'valid', 2_000_000n],
      [4, 'valid', 2_050_000n],
    ]);
    expect(Buffer.from(out[3]!.jpeg!).equals(Buffer.from(jpegs[2]!))).to.equal(true);
  });
});
