import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Spacing } from '../../lib/core/spacing.js';
import { writeEventModel } from '../../lib/events/writeEventModel.js';
import { CellSetWriter } from '../../lib/isxd/writeCellSet.js';
import { makeModel } from '../events/eventFixtures.js';
import { builtExample, ensureBuilt } from '../helpers/build.js';
import { ROOT } from '../../scripts/repositoryRoot.js';
import { useTempDir } from '../helpers/tempDir.js';
import { framePixels, makeTiming, writeTestMovie } from '../isxd/movieTestKit.js';
import { duckRows } from '../sinks/readBack.js';

const START_US = 1_700_000_000_000_000;

/**
 * Runs an example with the arguments its usage line gives, returning stdout. It runs compiled to
 * JavaScript: the README test runs one through tsx as a user does.
 */
async function runExample(name: string, args: string[]): Promise<string> {
  await ensureBuilt();
  const { stdout } = await promisify(execFile)(process.execPath, [await builtExample(name), ...args], { cwd: ROOT });
  return stdout;
}

describe('examples', function () {
  this.timeout(60_000);
  const dir = useTempDir();

  it('movie-to-parquet writes the frames that start in the window, pixels exact', async () => {
    const movie = dir.file('movie.isxd');
    // 10 frames of 3x5 uint16 every 50 ms: [0.1 s, 0.3 s) holds frames 2-5.
    await writeTestMovie(movie, { timing: makeTiming(10), dataType: 'uint16' });
    const out = dir.file('movie.frames.parquet');
    expect(await runExample('movie-to-parquet.ts', [movie, '0.1', '0.3', out])).to.equal(`wrote ${out}\n`);
    const rows = await duckRows(`select frame_index, epoch_us(timestamp) as us, status, pixels_uint16 as pixels from read_parquet('${out}') order by frame_index`);
    expect(rows.map((r) => [Number(r.frame_index), Number(r.us), r.status])).to.deep.equal(
      [2, 3, 4, 5].map((i) => [i, START_US + i * 50_000, 'valid']),
    );
    expect(rows[1]!.pixels).to.deep.equal([...framePixels('uint16', 15, 3)]);
  });

  it('pipeline writes the top half of every frame of the demo movie, binned 2x2', async () => {
    const out = dir.file('binned.parquet');
    expect(await runExample('pipeline.ts', ['examples/data/demo-movie.isxd', out])).to.equal(`wrote ${out}: 50 frames of 6 x 16 pixels\n`);
    const rows = await duckRows(`select count(*) as frames, max(len(pixels_uint16)) as pixels from read_parquet('${out}')`);
    expect(rows.map((r) => [Number(r.frames), Number(r.pixels)])).to.deep.equal([[50, 6 * 16]]);
  });

  it('imports the package by its name only, as a user who installed it does', async () => {
    for (const name of await readdir(join(ROOT, 'examples'))) {
      if (!name.endsWith('.ts')) continue;
      const source = await readFile(join(ROOT, 'examples', name), 'utf8');
      const modules = [...source.matchAll(/\bfrom '([^']+)'/g)].map((m) => m[1]!);
      expect(modules.filter((m) => m.startsWith('.')), name).to.deep.equal([]);
      expect(modules, name).to.include('isx-stream');
    }
  });

  it('accepted-traces writes one row per sample of each accepted cell, NaN kept', async () => {
    const cellSet = dir.file('cells.isxd');
    const writer = await CellSetWriter.create(cellSet, { timing: makeTiming(3, { dropped: [1] }), spacing: new Spacing(2, 1) });
    const statuses = ['accepted', 'rejected', 'accepted'] as const;
    for (let c = 0; c < 3; c++) {
      await writer.writeCell(c, { footprint: new Float32Array(2), trace: Float32Array.of(c, c + 0.25, c + 0.5), status: statuses[c] });
    }
    await writer.finish();
    const out = dir.file('traces.parquet');
    await runExample('accepted-traces.ts', [cellSet, out]);
    const rows = await duckRows(`select cell_index, status, sample_index, epoch_us(timestamp) as us, value from read_parquet('${out}') order by cell_index, sample_index`);
    expect(rows.map((r) => [r.cell_index, r.status, Number(r.sample_index), Number(r.us), r.value])).to.deep.equal([
      [0, 'accepted', 0, START_US, 0],
      [0, 'accepted', 1, START_US + 50_000, NaN],
      [0, 'accepted', 2, START_US + 100_000, 0.5],
      [2, 'accepted', 0, START_US, 2],
      [2, 'accepted', 1, START_US + 50_000, NaN],
      [2, 'accepted', 2, START_US + 100_000, 2.5],
    ]);
  });

  it('events-gpio-duckdb gives each event the last value of every GPIO channel at or before it', async () => {
    const eventsPath = dir.file('session.events.isxd');
    const gpioPath = dir.file('session.gpio.isxd');
    // makeModel starts both files at 1700000000000 ms.
    await writeEventModel(
      eventsPath,
      makeModel({
        channelNames: ['C0', 'C1'],
        packets: [
          { offsetUs: 20_000, channel: 0, value: 1.5 },
          { offsetUs: 60_000, channel: 1, value: 4 },
        ],
      }),
    );
    await writeEventModel(
      gpioPath,
      makeModel({
        type: 3,
        channelNames: ['GPI 0', 'BNC Sync Output'],
        packets: [
          { offsetUs: 0, channel: 0, value: 0 },
          { offsetUs: 50_000, channel: 0, value: 1 },
          { offsetUs: 30_000, channel: 1, value: 1 },
        ],
      }),
    );
    const stdout = await runExample('events-gpio-duckdb.ts', [eventsPath, gpioPath, dir.path]);
    expect(stdout.trimEnd().split('\n')).to.deep.equal([
      'cell,timestamp_us,amplitude,channel,gpio_value',
      `C0,${START_US + 20_000},1.5,BNC Sync Output,`,
      `C0,${START_US + 20_000},1.5,GPI 0,0`,
      `C1,${START_US + 60_000},4,BNC Sync Output,1`,
      `C1,${START_US + 60_000},4,GPI 0,1`,
    ]);
  });
});
