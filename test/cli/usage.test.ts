import { readdir } from 'node:fs/promises';
import { expect } from 'chai';
import { useTempDir } from '../helpers/tempDir.js';
import { DEMO, lines, runCli } from './runCli.js';
import { outputsIn } from './outputsIn.js';
import { writeCountingMovie } from './syntheticMovies.js';

describe('isx-stream usage errors and cat', () => {
  const dir = useTempDir();

  it('exits 2 with a message on an unknown option', async () => {
    const result = await runCli(['convert', DEMO, '--to', 'csv', '--out', 'x', '--bogus']);
    expect(result.status).to.equal(2);
    expect(result.stderr.split('\n')[0]).to.equal('isx-stream: Unknown argument: bogus');
  });

  it('exits 2 on a format that is not one of the choices', async () => {
    const result = await runCli(['convert', DEMO, '--to', 'xlsx', '--out', 'x']);
    expect(result.status).to.equal(2);
    expect(result.stderr).to.include('Argument: to, Given: "xlsx", Choices: "parquet", "arrow", "arrows", "ndjson", "csv"');
  });

  it('exits 2 on a malformed --crop', async () => {
    const result = await runCli(['convert', DEMO, '--to', 'csv', '--out', 'x', '--crop', '1,2,3']);
    expect(result.status).to.equal(2);
    expect(result.stderr.split('\n')[0]).to.equal('isx-stream: --crop: expected x,y,width,height (4 integers), got "1,2,3"');
  });

  it('exits 2 when --out - would carry more than one table', async () => {
    const result = await runCli(['convert', DEMO, '--to', 'arrows', '--out', '-']);
    expect(result.status).to.equal(2);
    expect(result.stdout.length).to.equal(0);
    expect(result.stderr.split('\n')[0]).to.equal(
      `isx-stream: --out - writes one table to stdout, but ${DEMO} has 2 (cells, traces): choose one with --tables`,
    );
  });

  it('exits 2 on --compression with a format other than Parquet, writing nothing', async () => {
    const out = dir.file('compression-out');
    const result = await runCli(['convert', DEMO, '--to', 'csv', '--out', out, '--compression', 'zstd']);
    expect(result.status).to.equal(2);
    expect(result.stderr.split('\n')[0]).to.equal('isx-stream: --compression applies to --to parquet, not --to csv');
    expect(await readdir(out).catch(() => [])).to.deep.equal([]);
  });

  it('exits 2 on --row-group-size with NDJSON or CSV output', async () => {
    const result = await runCli(['convert', DEMO, '--to', 'ndjson', '--out', dir.file('groups-out'), '--row-group-size', '10']);
    expect(result.status).to.equal(2);
    expect(result.stderr.split('\n')[0]).to.equal('isx-stream: --row-group-size applies to --to parquet, arrow or arrows, not --to ndjson');
  });

  it('exits 2 on --decode when no input is a behaviour movie', async () => {
    const result = await runCli(['convert', DEMO, '--to', 'csv', '--out', dir.file('decode-out'), '--decode']);
    expect(result.status).to.equal(2);
    expect(result.stderr.split('\n')[0]).to.equal('isx-stream: --decode applies to behaviour movies (.isxb), but no input can be one (inputs: .isxd)');
  });

  it('refuses a kind-dependent option per file (exit 1) when other inputs take it', async () => {
    const movie = dir.file('movie.isxd');
    await writeCountingMovie(movie, 2, 2, 3);
    const out = dir.file('cells-out');
    const result = await runCli(['convert', movie, DEMO, '--to', 'csv', '--out', out, '--cells', 'accepted', '--quiet']);
    expect(result.status).to.equal(1);
    expect(result.stderr).to.equal(`isx-stream: ${movie}: --cells applies to cell sets and vessel sets, not to a movie\n`);
    expect((await outputsIn(out)).sort()).to.deep.equal(['demo.cells.csv', 'demo.traces.csv']);
  });

  it('exits 2 without a command', async () => {
    const result = await runCli([]);
    expect(result.status).to.equal(2);
    expect(result.stderr.split('\n')[0]).to.equal('isx-stream: Name a command: info, convert or cat.');
  });

  it('draws progress on stderr with --progress when stderr is not a terminal, and nothing with --quiet', async () => {
    const shown = await runCli(['convert', DEMO, '--to', 'arrows', '--out', '-', '--tables', 'traces', '--progress']);
    expect(shown.status).to.equal(0);
    expect(shown.stderr).to.include('total');
    expect(shown.stderr).to.include('demo.isxd → - (2400 rows)');
    const quiet = await runCli(['convert', DEMO, '--to', 'arrows', '--out', '-', '--tables', 'traces', '--progress', '--quiet']);
    expect(quiet.stderr).to.equal('');
  });

  it('cat prints NDJSON rows of the chosen table, at most --limit of them', async () => {
    const result = await runCli(['cat', DEMO, '--table', 'traces', '--limit', '3']);
    expect(result.status).to.equal(0);
    const rows = lines(result).map((line) => JSON.parse(line));
    expect(rows.map((r) => [r.name, r.sample_index, r.timestamp])).to.deep.equal([
      ['C00', 0, '2024-01-01T00:00:00.000000Z'],
      ['C00', 1, '2024-01-01T00:00:00.050000Z'],
      ['C00', 2, '2024-01-01T00:00:00.100000Z'],
    ]);
  });

  it('cat prints the traces of a cell set when no --table is given', async () => {
    const result = await runCli(['cat', DEMO, '--limit', '2']);
    expect(result.status).to.equal(0);
    const rows = lines(result).map((line) => JSON.parse(line));
    expect(rows.map((r) => [r.name, r.sample_index])).to.deep.equal([
      ['C00', 0],
      ['C00', 1],
    ]);
  });

  it("cat prints the kind's first table when it has no traces table", async () => {
    const movie = dir.file('cat-movie.isxd');
    await writeCountingMovie(movie, 2, 2, 3);
    const rows = lines(await runCli(['cat', movie])).map((line) => JSON.parse(line));
    expect(rows.map((r) => r.frame_index)).to.deep.equal([0, 1, 2]);
  });

  it('cat prints the cells table, a footprint per row, when asked for it', async () => {
    const result = await runCli(['cat', DEMO, '--table', 'cells', '--limit', '2']);
    const rows = lines(result).map((line) => JSON.parse(line));
    expect(rows.map((r) => r.name)).to.deep.equal(['C00', 'C01']);
    expect(rows[0].footprint).to.have.length(32 * 40);
  });

  it('cat names a table the file does not have and exits 1', async () => {
    const result = await runCli(['cat', DEMO, '--table', 'frames']);
    expect(result.status).to.equal(1);
    expect(result.stderr).to.equal(`isx-stream: ${DEMO}: no table named frames for this cell set; its tables: cells, traces\n`);
  });
});
