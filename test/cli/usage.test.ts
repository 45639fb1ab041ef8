import { expect } from 'chai';
import { DEMO, lines, runCli } from './runCli.js';

describe('isx-stream usage errors and cat', () => {
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

  it("cat prints the kind's first table when no --table is given", async () => {
    const result = await runCli(['cat', DEMO, '--limit', '2']);
    const rows = lines(result).map((line) => JSON.parse(line));
    expect(rows.map((r) => r.name)).to.deep.equal(['C00', 'C01']);
    expect(rows[0].footprint).to.have.length(32 * 40);
  });

  it('cat names a table the file does not have and exits 1', async () => {
    const result = await runCli(['cat', DEMO, '--table', 'frames']);
    expect(result.status).to.equal(1);
    expect(result.stderr).to.equal(`isx-stream: ${DEMO}: no table named frames for this cellset; its tables: cells, traces\n`);
  });
});
