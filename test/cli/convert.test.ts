import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { expect } from 'chai';
import { describeReal, realFixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { duckRows, rawMicros, readArrow } from '../sinks/readBack.js';
import { DEMO, lines, runCli } from './runCli.js';
import { outputsIn } from './outputsIn.js';
import { MOVIE_START_US, writeCountingMovie } from './syntheticMovies.js';
import { writeTestMovie } from '../isxd/movieTestKit.js';
import { Timing } from '../../lib/core/timing.js';
import { Ratio } from '../../lib/core/ratio.js';
import { Time } from '../../lib/core/time.js';

describe('isx-stream convert', () => {
  const dir = useTempDir();
  let movie = '';

  before(async () => {
    movie = dir.file('counting.isxd');
    // 6 columns x 4 rows, 10 frames, frame 3 dropped.
    await writeCountingMovie(movie, 6, 4, 10, [3]);
  });

  it('writes every table of the demo cell set as <stem>.<table>.parquet that DuckDB reads exactly', async () => {
    const out = dir.file('parquet');
    const result = await runCli(['convert', DEMO, '--to', 'parquet', '--out', out]);
    expect(result.status).to.equal(0);
    const [cellsLine, tracesLine, summary, ...rest] = result.stderr.split('\n');
    expect([cellsLine, tracesLine]).to.deep.equal([`${DEMO} → ${out}/demo.cells.parquet (8 rows)`, `${DEMO} → ${out}/demo.traces.parquet (2400 rows)`]);
    expect(summary).to.match(/^isx-stream: 1 file, 2 tables, 2,408 rows; read 52\.7 KB, wrote \d+\.\d KB in \d+\.\d s$/);
    expect(rest).to.deep.equal(['']);
    expect((await outputsIn(out)).sort()).to.deep.equal(['demo.cells.parquet', 'demo.traces.parquet']);
    const cells = await duckRows(`select cell_index, name, status from '${out}/demo.cells.parquet' order by cell_index`);
    expect(cells.map((c) => c.status)).to.deep.equal(['accepted', 'accepted', 'accepted', 'undecided', 'accepted', 'rejected', 'undecided', 'accepted']);
    const traces = await duckRows(`select count(*)::int as n, count(*) filter (where isnan(value))::int as nan from '${out}/demo.traces.parquet'`);
    // 8 cells x 300 samples; sample 150 is dropped, so its value is NaN in every cell.
    expect(traces[0]).to.deep.equal({ n: 2400, nan: 8 });
  });

  it('writes an Arrow IPC file (.arrow) with exact timestamps and null pixels for a dropped frame', async () => {
    const out = dir.file('arrow');
    expect((await runCli(['convert', movie, '--to', 'arrow', '--out', out])).status).to.equal(0);
    const table = await readArrow(join(out, 'counting.frames.arrow'));
    expect(table.numRows).to.equal(10);
    expect(rawMicros(table, 'timestamp')[4]).to.equal(MOVIE_START_US + 40_000n);
    expect(table.getChild('status')!.get(3)).to.equal('dropped');
    expect(table.getChild('pixels_uint16')!.get(3)).to.equal(null);
    expect(Array.from(table.getChild('pixels_uint16')!.get(4)!.toArray() as Uint16Array).slice(0, 3)).to.deep.equal([4000, 4001, 4002]);
    expect(table.schema.metadata.get('isx:rows')).to.equal('4');
  });

  it('streams one table to stdout with --out - (Arrow IPC stream read back with tableFromIPC)', async () => {
    const result = await runCli(['convert', DEMO, '--to', 'arrows', '--out', '-', '--tables', 'traces']);
    expect(result.status).to.equal(0);
    const table = tableFromIPC(result.stdout);
    expect(table.numRows).to.equal(2400);
    expect(table.schema.fields.map((f) => f.name)).to.deep.equal(['cell_index', 'name', 'status', 'sample_index', 'timestamp', 'time_s', 'value', 'recording', 'kind']);
    expect([table.getChild('recording')!.get(2399), table.getChild('kind')!.get(2399)]).to.deep.equal(['demo', 'cell_set']);
    expect(table.schema.metadata.get('isx:source')).to.equal('demo.isxd');
  });

  it('writes NDJSON and CSV with one line per row', async () => {
    const out = dir.file('text');
    expect((await runCli(['convert', movie, '--to', 'ndjson', '--out', out])).status).to.equal(0);
    expect((await runCli(['convert', movie, '--to', 'csv', '--out', out])).status).to.equal(0);
    const ndjson = (await readFile(join(out, 'counting.frames.ndjson'), 'utf8')).trim().split('\n');
    expect(ndjson).to.have.length(10);
    expect(JSON.parse(ndjson[1]!)).to.include({ frame_index: 1, status: 'valid' });
    const csv = (await readFile(join(out, 'counting.frames.csv'), 'utf8')).trim().split('\n');
    expect(csv).to.have.length(11);
    expect(csv[0]!.startsWith('frame_index,timestamp,time_s,status')).to.equal(true);
  });

  it('keeps the cells with the statuses given by --cells', async () => {
    const result = await runCli(['convert', DEMO, '--to', 'ndjson', '--out', '-', '--tables', 'cells', '--cells', 'accepted,undecided']);
    expect(lines(result).map((line) => JSON.parse(line).status)).to.deep.equal([
      'accepted',
      'accepted',
      'accepted',
      'undecided',
      'accepted',
      'undecided',
      'accepted',
    ]);
  });

  it('keeps the samples in [--start, --end) seconds and shortens the cells table traces to match', async () => {
    const out = dir.file('window');
    expect((await runCli(['convert', DEMO, '--to', 'parquet', '--out', out, '--start', '1', '--end', '2'])).status).to.equal(0);
    const traces = await duckRows(`select min(sample_index)::int as lo, max(sample_index)::int as hi, count(*)::int as n from '${out}/demo.traces.parquet'`);
    expect(traces[0]).to.deep.equal({ lo: 20, hi: 39, n: 160 });
    const cells = await duckRows(`select len(trace)::int as n from '${out}/demo.cells.parquet' limit 1`);
    expect(cells[0]!.n).to.equal(20);
  });

  it('keeps every n-th frame with --decimate', async () => {
    const result = await runCli(['convert', movie, '--to', 'ndjson', '--out', '-', '--decimate', '4']);
    expect(lines(result).map((line) => JSON.parse(line).frame_index)).to.deep.equal([0, 4, 8]);
  });

  it('crops with --crop x,y,w,h and then bins with --bin', async () => {
    const result = await runCli(['convert', movie, '--to', 'arrows', '--out', '-', '--crop', '2,1,4,2', '--bin', '2']);
    expect(result.status).to.equal(0);
    const table = tableFromIPC(result.stdout);
    expect(table.schema.metadata.get('isx:rows')).to.equal('1');
    expect(table.schema.metadata.get('isx:cols')).to.equal('2');
    // Frame 0 pixels (row r, col c) = 6r + c; the crop keeps rows 1-2, cols 2-5; 2x2 means of those.
    expect(Array.from(table.getChild('pixels_uint16')!.get(0)!.toArray() as Uint16Array)).to.deep.equal([Math.round((8 + 9 + 14 + 15) / 4), Math.round((10 + 11 + 16 + 17) / 4)]);
  });

  it('splits an interleaved multiplane movie into one frames table per plane with --planes', async () => {
    const out = dir.file('planes');
    expect((await runCli(['convert', movie, '--to', 'parquet', '--out', out, '--planes', '2'])).status).to.equal(0);
    expect((await outputsIn(out)).sort()).to.deep.equal(['counting.frames_plane0.parquet', 'counting.frames_plane1.parquet']);
    const rows = await duckRows(`select frame_index::int as i, pixels_uint16[1]::int as p from '${out}/counting.frames_plane1.parquet' order by i`);
    // Plane 1 holds frames 1, 3, 5, 7, 9; frame 3 was dropped, so its pixels are null.
    expect(rows).to.deep.equal([
      { i: 0, p: 1000 },
      { i: 1, p: null },
      { i: 2, p: 5000 },
      { i: 3, p: 7000 },
      { i: 4, p: 9000 },
    ]);
  });

  it('assigns frames to planes by the e-focus in their headers with --planes efocus=...', async () => {
    const path = dir.file('multiplane.isxd');
    // e-focus cycles 300, 100, 200, so frame i belongs to plane [100, 200, 300].indexOf(efocus(i)).
    const efocus = [300, 100, 200];
    await writeTestMovie(path, {
      timing: new Timing({ numSamples: 7, period: new Ratio(10, 1000), start: Time.fromMicros(MOVIE_START_US) }),
      dataType: 'uint16',
      hasFrameHeaderFooter: true,
      header: (i) => ({ efocus: efocus[i % 3]! }),
    });
    const out = dir.file('efocus');
    const result = await runCli(['convert', path, '--to', 'parquet', '--out', out, '--planes', 'efocus=100,200,300', '--tables', 'frames_plane0,frames_plane2']);
    expect(result.status).to.equal(0);
    expect((await outputsIn(out)).sort()).to.deep.equal(['multiplane.frames_plane0.parquet', 'multiplane.frames_plane2.parquet']);
    const us = (i: number): number => Number(MOVIE_START_US) + i * 10_000;
    const plane0 = await duckRows(`select frame_index::int as i, epoch_us(timestamp)::bigint as t from '${out}/multiplane.frames_plane0.parquet' order by i`);
    expect(plane0).to.deep.equal([{ i: 0, t: BigInt(us(1)) }, { i: 1, t: BigInt(us(4)) }]);
    const plane2 = await duckRows(`select frame_index::int as i, epoch_us(timestamp)::bigint as t from '${out}/multiplane.frames_plane2.parquet' order by i`);
    expect(plane2).to.deep.equal([{ i: 0, t: BigInt(us(0)) }, { i: 1, t: BigInt(us(3)) }, { i: 2, t: BigInt(us(6)) }]);
  });

  it('refuses a --planes value that is neither a count nor an e-focus list with exit 2', async () => {
    const result = await runCli(['convert', movie, '--to', 'parquet', '--out', dir.file('bad'), '--planes', '0,1']);
    expect(result.status).to.equal(2);
    expect(result.stderr).to.contain('--planes: expected a number of planes or efocus=A,B,..., got "0,1"');
  });

  it('applies --compression and --row-group-size to Parquet output', async () => {
    const out = dir.file('groups');
    expect((await runCli(['convert', movie, '--to', 'parquet', '--out', out, '--compression', 'snappy', '--row-group-size', '3'])).status).to.equal(0);
    const meta = await duckRows(`select row_group_id::int as g, compression from parquet_metadata('${out}/counting.frames.parquet') where path_in_schema = 'frame_index' order by g`);
    expect(meta.map((m) => m.g)).to.deep.equal([0, 1, 2, 3]);
    expect(meta.every((m) => m.compression === 'SNAPPY')).to.equal(true);
  });

  it('refuses to replace an output without --overwrite (exit 1), and replaces it with --overwrite', async () => {
    const out = dir.file('again');
    expect((await runCli(['convert', movie, '--to', 'csv', '--out', out])).status).to.equal(0);
    const second = await runCli(['convert', movie, '--to', 'csv', '--out', out, '--quiet']);
    expect(second.status).to.equal(1);
    expect(second.stderr).to.equal(
      `isx-stream: ${join(out, 'counting.frames.csv')}: output file already exists (pass --overwrite to replace it) (input ${movie})\n`,
    );
    expect((await runCli(['convert', movie, '--to', 'csv', '--out', out, '--overwrite'])).status).to.equal(0);
  });

  it('writes Hive partitions with --partition-by recording that DuckDB reads as one table', async () => {
    const second = dir.file('counting2.isxd');
    await writeCountingMovie(second, 6, 4, 5);
    const out = dir.file('hive');
    expect((await runCli(['convert', movie, second, '--to', 'parquet', '--out', out, '--partition-by', 'recording'])).status).to.equal(0);
    const rows = await duckRows(
      `select recording, kind, count(*)::int as n from read_parquet('${out}/frames/*/*.parquet', hive_partitioning=true) group by all order by recording`,
    );
    expect(rows).to.deep.equal([
      { recording: 'counting', kind: 'movie', n: 10 },
      { recording: 'counting2', kind: 'movie', n: 5 },
    ]);
  });

  it('skips a folder entry that is not an Inscopix file quietly, counts it in the summary and exits 0', async () => {
    const folder = dir.file('mixed');
    await mkdir(folder);
    await writeFile(join(folder, 'notes.txt'), 'not data');
    await writeCountingMovie(join(folder, 'm.isxd'), 2, 2, 2);
    const out = dir.file('mixed-out');
    const result = await runCli(['convert', folder, '--to', 'csv', '--out', out]);
    expect(result.status).to.equal(0);
    expect(result.stderr).to.not.include('notes.txt');
    expect(result.stderr).to.match(/; 1 other file \(not Inscopix\) skipped\n$/);
    expect(await outputsIn(out)).to.deep.equal(['m.frames.csv']);
  });

  it('refuses a file named directly that is not an Inscopix file (exit 1), converting the rest', async () => {
    const notes = dir.file('named-notes.txt');
    await writeFile(notes, 'not data');
    const out = dir.file('named-out');
    const result = await runCli(['convert', notes, movie, '--to', 'csv', '--out', out, '--quiet']);
    expect(result.status).to.equal(1);
    expect(result.stderr).to.equal(`isx-stream: ${notes}: not an Inscopix file: extension .txt is not one of .isxd .isxb .gpio .raw .imu\n`);
    expect(await outputsIn(out)).to.deep.equal(['counting.frames.csv']);
  });

  it('names the file, the problem and the byte offset of a corrupt file, leaves no output and exits 1', async () => {
    const demo = await readFile(DEMO);
    const footerLength = Number(demo.readBigUInt64LE(demo.length - 8));
    const footerStart = demo.length - 9 - footerLength;
    const cut = dir.file('cut.isxd');
    // Keep the footer but lose 20000 payload bytes: the footer then promises more cells than the payload holds.
    await writeFile(cut, Buffer.concat([demo.subarray(0, footerStart - 20000), demo.subarray(footerStart)]));
    const out = dir.file('cut-out');
    const result = await runCli(['convert', cut, '--to', 'parquet', '--out', out, '--quiet']);
    expect(result.status).to.equal(1);
    expect(result.stderr).to.equal(
      `isx-stream: ${cut}: Number of cells in header (8) does not match number of cells in file (4): payload is 30560 bytes, 6320 bytes per cell (4·(rows·cols + numSamples)) (at byte offset 30560)\n`,
    );
    expect(await readdir(out).catch(() => [])).to.deep.equal([]);
  });

  describeReal('on real files', () => {
    it('joins a cell-set series with --series: one traces table, sample indices continuing', async () => {
      const parts = [realFixture('ideas-toolbox-caiman', 'cellset_series_part1.isxd'), realFixture('ideas-toolbox-caiman', 'cellset_series_part2.isxd')];
      const result = await runCli(['convert', ...parts, '--series', '--to', 'arrows', '--out', '-']);
      expect(result.status).to.equal(0);
      const table = tableFromIPC(result.stdout);
      const samples = table.getChild('sample_index')!.toArray() as BigInt64Array;
      // part 1: 100 samples from 0 s; part 2: 95 samples from 30.1 s.
      expect(table.numRows).to.equal(6 * (100 + 95));
      expect(samples.reduce((max, s) => (s > max ? s : max), 0n)).to.equal(194n);
      expect(rawMicros(table, 'timestamp').at(-1)).to.equal(30_100_000n + 94n * 100_000n);
    });

    it('keeps the event-set channels named or numbered by --channels', async () => {
      const path = realFixture('ideas-toolbox-caiman', 'sample_eventset_msr_1.isxd');
      const result = await runCli(['convert', path, '--to', 'ndjson', '--out', '-', '--channels', 'C001,1']);
      const names = new Set(lines(result).map((line) => JSON.parse(line).name));
      expect([...names]).to.deep.equal(['C001', 'C014']);
      expect(lines(result)).to.have.length(2072 + 2984);
    });

    it('decodes behaviour-movie frames to uint8 pixels with --decode', async () => {
      const path = realFixture('ideas-toolbox-deeplabcut', 'Group-20240111-080531_2024-01-12-08-55-21_sched_0.isxb');
      const result = await runCli(['convert', path, '--to', 'arrows', '--out', '-', '--tables', 'behavior_frames', '--decode', '--bin', '8']);
      expect(result.status).to.equal(0);
      const table = tableFromIPC(result.stdout);
      expect(table.numRows).to.equal(10);
      expect(table.schema.fields.map((f) => f.name)).to.include('pixels');
      expect((table.getChild('pixels')!.get(0)!.toArray() as Uint8Array).length).to.equal(135 * 240);
    });

    it('writes the tracking and zones tables of an nVision movie that has them', async () => {
      const path = realFixture('ideas-toolbox-deeplabcut', 'Group-20240111-080531_2024-01-12-08-55-21_sched_0.isxb');
      const out = dir.file('isxb');
      expect((await runCli(['convert', path, '--to', 'parquet', '--out', out])).status).to.equal(0);
      // An .isxb keeps its extension in output names, so the movie's own .isxd (same name) never collides.
      const stem = 'Group-20240111-080531_2024-01-12-08-55-21_sched_0.isxb';
      expect((await outputsIn(out)).sort()).to.deep.equal([`${stem}.behavior_frames.parquet`, `${stem}.tracking.parquet`, `${stem}.zones.parquet`]);
      const first = await duckRows(`select frame_index::int as i, confidence from '${out}/${stem}.tracking.parquet' order by i limit 1`);
      expect(first[0]!.i).to.equal(0);
      expect(first[0]!.confidence as number).to.be.closeTo(67.986031, 1e-4);
    });
  });
});
