import { readdir } from 'node:fs/promises';
import { expect } from 'chai';
import { useTempDir } from '../helpers/tempDir.js';
import { DEMO, runCli } from './runCli.js';
import { writeCountingMovie, writeLargeSparseMovie } from './syntheticMovies.js';

/** Each text drawn on a terminal: a move to column 1 (ESC[1G) starts one; other control sequences removed. */
function visibleLines(stderr: string): string[] {
  return stderr
    .replace(/\x1b\[1G/g, '\n')
    .replace(/\x1b\[\??[0-9;]*[A-Za-z]/g, '')
    .split('\n')
    .filter((line) => line !== '');
}

const SUMMARY = /^isx-stream: 2 files, 3 tables, 2,418 rows; read \d+\.\d KB, wrote \d+\.\d KB in \d+\.\d s$/;

describe('isx-stream says what it did', () => {
  const dir = useTempDir();
  let movie = '';

  before(async () => {
    movie = dir.file('movie.isxd');
    await writeCountingMovie(movie, 6, 4, 10);
  });

  it('prints a line per output and a closing summary on stderr off a terminal', async () => {
    const out = dir.file('plain');
    const result = await runCli(['convert', movie, DEMO, '--to', 'csv', '--out', out]);
    expect(result.status).to.equal(0);
    const lines = result.stderr.split('\n');
    expect(lines.slice(0, 3)).to.deep.equal([
      `${movie} → ${out}/movie.frames.csv (10 rows)`,
      `${DEMO} → ${out}/demo.cells.csv (8 rows)`,
      `${DEMO} → ${out}/demo.traces.csv (2400 rows)`,
    ]);
    expect(lines[3]).to.match(SUMMARY);
    expect(lines.slice(4)).to.deep.equal(['']);
  });

  it('counts failed inputs in the summary', async () => {
    const result = await runCli(['convert', movie, DEMO, '--to', 'csv', '--out', dir.file('failed'), '--tables', 'frames']);
    expect(result.status).to.equal(1);
    expect(result.stderr.split('\n').at(-2)).to.match(/^isx-stream: 1 file, 1 table, 10 rows; read .* in \d+\.\d s; 1 file failed or skipped$/);
  });

  it('says the bytes went to stdout when they did', async () => {
    const result = await runCli(['convert', DEMO, '--to', 'ndjson', '--out', '-', '--tables', 'cells']);
    expect(result.stderr.split('\n')[1]).to.match(/^isx-stream: 1 file, 1 table, 8 rows; read 52\.7 KB, wrote to stdout in \d+\.\d s$/);
  });

  it('prints nothing on stderr with --quiet', async () => {
    const result = await runCli(['convert', movie, DEMO, '--to', 'csv', '--out', dir.file('quiet'), '--quiet'], { stderrTTY: true });
    expect(result.status).to.equal(0);
    expect(result.stderr).to.equal('');
  });

  it('keeps every line and the summary on a terminal, above the progress bars', async () => {
    const out = dir.file('tty');
    const result = await runCli(['convert', movie, DEMO, '--to', 'csv', '--out', out], { stderrTTY: true, columns: 100 });
    expect(result.status).to.equal(0);
    const lines = visibleLines(result.stderr);
    for (const line of [`${movie} → ${out}/movie.frames.csv (10 rows)`, `${DEMO} → ${out}/demo.cells.csv (8 rows)`, `${DEMO} → ${out}/demo.traces.csv (2400 rows)`]) {
      expect(lines).to.include(line);
    }
    expect(lines.some((line) => SUMMARY.test(line))).to.equal(true);
    expect(lines.some((line) => /^total \|[█░]+\| 100% /.test(line))).to.equal(true);
  });

  it('shows bytes read, time spent and time left, within the terminal width', async () => {
    for (const columns of [60, 100]) {
      const result = await runCli(['convert', DEMO, '--to', 'csv', '--out', dir.file(`width${columns}`), '--quiet'], { stderrTTY: true, columns });
      expect(result.stderr).to.equal('');
      const shown = await runCli(['convert', DEMO, '--to', 'csv', '--out', dir.file(`shown${columns}`)], { stderrTTY: true, columns });
      const bars = visibleLines(shown.stderr).filter((line) => line.includes('|'));
      expect(bars.length).to.be.greaterThan(0);
      for (const bar of bars) {
        expect(bar.length, bar).to.be.at.most(columns);
        expect(bar).to.match(/\| \d+% \d+(\.\d)? [KMG]?B\/52\.7 KB \d+:\d\d ETA (\d+:\d\d|-)$/);
      }
    }
  });

  it('takes the width from COLUMNS when the terminal reports none', async () => {
    const result = await runCli(['convert', DEMO, '--to', 'csv', '--out', dir.file('columns-env')], { stderrTTY: true, columns: 0, env: { COLUMNS: '50' } });
    const bars = visibleLines(result.stderr).filter((line) => line.includes('|'));
    expect(bars.length).to.be.greaterThan(0);
    for (const bar of bars) expect(bar.length, bar).to.be.at.most(50);
  });

  it('stops when interrupted, removes the unfinished output and exits 130', async () => {
    const large = dir.file('large.isxd');
    // 1200 frames of 1024 x 1024 uint16: seconds of work, interrupted after the first progress report.
    await writeLargeSparseMovie(large, 1200);
    const out = dir.file('interrupted');
    const controller = new AbortController();
    const pending = runCli(['convert', large, '--to', 'parquet', '--out', out], { interrupt: controller.signal });
    for (;;) {
      const entries = await readdir(out).catch(() => [] as string[]);
      if (entries.some((name) => name.endsWith('.tmp'))) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    controller.abort(new Error('interrupted'));
    const result = await pending;
    expect(result.status).to.equal(130);
    expect(result.stderr).to.equal('isx-stream: interrupted; unfinished outputs were removed\n');
    expect(await readdir(out)).to.deep.equal([]);
  });
});
