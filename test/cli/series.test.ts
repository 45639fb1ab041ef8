import { readdir } from 'node:fs/promises';
import { expect } from 'chai';
import { Ratio } from '../../lib/core/ratio.js';
import { Spacing } from '../../lib/core/spacing.js';
import { Time } from '../../lib/core/time.js';
import { Timing } from '../../lib/core/timing.js';
import { writeEventModel } from '../../lib/events/writeEventModel.js';
import { CellSetWriter } from '../../lib/isxd/writeCellSet.js';
import { makeModel } from '../events/eventFixtures.js';
import { describeReal, realFixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { runCli } from './runCli.js';
import { outputsIn } from './outputsIn.js';
import { writeCountingMovie } from './syntheticMovies.js';

/** A cell set of 10 samples from `startSecs`, with one cell per name (2x2 footprints). */
async function writeNamedCells(path: string, names: string[], startSecs: number, periodMs = 100): Promise<string> {
  const timing = new Timing({ numSamples: 10, period: new Ratio(periodMs, 1000), start: new Time(new Ratio(startSecs, 1)) });
  const writer = await CellSetWriter.create(path, { timing, spacing: new Spacing(2, 2) });
  for (const [i, name] of names.entries()) {
    await writer.writeCell(i, { footprint: new Float32Array(4).fill(i), trace: new Float32Array(10).fill(i), name });
  }
  await writer.finish();
  return path;
}

describe('isx-stream convert --series refuses files that are not one recording', () => {
  const dir = useTempDir();

  it('joins cell sets with the same cells, the same period and one starting as the other ends (exit 0)', async () => {
    const first = await writeNamedCells(dir.file('ok1.isxd'), ['A', 'B'], 100);
    // 10 samples of 0.1 s end at 101 s exactly: touching is not overlapping.
    const second = await writeNamedCells(dir.file('ok2.isxd'), ['A', 'B'], 101);
    const out = dir.file('ok-out');
    const result = await runCli(['convert', first, second, '--series', '--to', 'csv', '--out', out]);
    const [line, summary, ...rest] = result.stderr.split('\n');
    expect(line).to.equal(`${first} → ${out}/ok1.traces.csv (40 rows)`);
    expect(summary).to.match(/^isx-stream: 2 files, 1 table, 40 rows; read 3\.2 KB, wrote 2\.\d KB in \d+\.\d s$/);
    expect(rest).to.deep.equal(['']);
    expect(result.status).to.equal(0);
    expect(await outputsIn(out)).to.deep.equal(['ok1.traces.csv']);
  });

  it('refuses a 2-cell set followed by a 3-cell set, naming both files (exit 1, nothing written)', async () => {
    const first = await writeNamedCells(dir.file('two.isxd'), ['A', 'B'], 100);
    const second = await writeNamedCells(dir.file('three.isxd'), ['A', 'B', 'C'], 200);
    const out = dir.file('count-out');
    const result = await runCli(['convert', first, second, '--series', '--to', 'csv', '--out', out, '--quiet']);
    expect(result.status).to.equal(1);
    expect(result.stderr).to.equal(`isx-stream: ${second}: cannot join a series: the number of cells is 3, but ${first} has 2 (input ${first})\n`);
    expect(await readdir(out).catch(() => [])).to.deep.equal([]);
  });

  it('refuses cell sets whose cells are named differently', async () => {
    const first = await writeNamedCells(dir.file('ab.isxd'), ['A', 'B'], 100);
    const second = await writeNamedCells(dir.file('ba.isxd'), ['B', 'A'], 200);
    const result = await runCli(['convert', first, second, '--series', '--to', 'csv', '--out', dir.file('names-out'), '--quiet']);
    expect(result.status).to.equal(1);
    expect(result.stderr).to.equal(`isx-stream: ${second}: cannot join a series: the name of cell 0 is "B", but ${first} has "A" (input ${first})\n`);
  });

  it('refuses cell sets with different periods', async () => {
    const first = await writeNamedCells(dir.file('p100.isxd'), ['A'], 100, 100);
    const second = await writeNamedCells(dir.file('p50.isxd'), ['A'], 200, 50);
    const result = await runCli(['convert', first, second, '--series', '--to', 'csv', '--out', dir.file('period-out'), '--quiet']);
    expect(result.status).to.equal(1);
    expect(result.stderr).to.equal(`isx-stream: ${second}: cannot join a series: the period is 50/1000 s, but ${first} has 100/1000 s (input ${first})\n`);
  });

  it('refuses GPIO sets whose channels are named differently', async () => {
    const gpio = (names: string[], startSecs: bigint) =>
      makeModel({ type: 3, channelNames: names, packets: [{ offsetUs: 0, channel: 0, value: 1 }], start: new Time(new Ratio(startSecs, 1n)) });
    const first = dir.file('gpio1.isxd');
    const second = dir.file('gpio2.isxd');
    await writeEventModel(first, gpio(['GPIO-1', 'GPIO-2'], 100n));
    await writeEventModel(second, gpio(['GPIO-1', 'GPIO-3'], 200n));
    const result = await runCli(['convert', first, second, '--series', '--to', 'csv', '--out', dir.file('gpio-out'), '--quiet']);
    expect(result.status).to.equal(1);
    expect(result.stderr).to.equal(`isx-stream: ${second}: cannot join a series: the name of channel 1 is "GPIO-3", but ${first} has "GPIO-2" (input ${first})\n`);
  });

  it('refuses movies that overlap in time', async () => {
    const first = dir.file('m1.isxd');
    const second = dir.file('m2.isxd');
    // Both start at 2024-01-01T00:00:00Z; the first lasts 10 frames of 10 ms.
    await writeCountingMovie(first, 2, 2, 10);
    await writeCountingMovie(second, 2, 2, 10);
    const result = await runCli(['convert', first, second, '--series', '--to', 'csv', '--out', dir.file('overlap-out'), '--quiet']);
    expect(result.status).to.equal(1);
    expect(result.stderr).to.equal(
      `isx-stream: ${second}: cannot join a series: it starts at 2024-01-01T00:00:00.000Z (1704067200000000 µs since epoch), ` +
        `before ${first} ends (2024-01-01T00:00:00.100Z (1704067200100000 µs since epoch)): the files overlap in time (input ${first})\n`,
    );
  });

  it('refuses files given out of time order', async () => {
    const later = await writeNamedCells(dir.file('later.isxd'), ['A'], 200);
    const earlier = await writeNamedCells(dir.file('earlier.isxd'), ['A'], 100);
    const result = await runCli(['convert', later, earlier, '--series', '--to', 'csv', '--out', dir.file('order-out'), '--quiet']);
    expect(result.status).to.equal(1);
    expect(result.stderr).to.include(`isx-stream: ${earlier}: cannot join a series: it starts at 1970-01-01T00:01:40.000Z`);
    expect(result.stderr).to.include(`before ${later} (1970-01-01T00:03:20.000Z (200000000 µs since epoch)); give the files in time order`);
  });

  describeReal('on real files', () => {
    it('refuses two event sets of different cells as a series', async () => {
      const first = realFixture('ideas-toolbox-caiman', 'sample_eventset_msr_1.isxd');
      const second = realFixture('ideas-toolbox-caiman', 'sample_eventset_msr_2.isxd');
      const result = await runCli(['convert', first, second, '--series', '--to', 'csv', '--out', dir.file('events-out'), '--quiet']);
      expect(result.status).to.equal(1);
      expect(result.stderr).to.equal(`isx-stream: ${second}: cannot join a series: the name of cell 0 is "C005", but ${first} has "C001" (input ${first})\n`);
    });
  });
});
