import { writeFile } from 'node:fs/promises';
import { expect } from 'chai';
import { useTempDir } from '../helpers/tempDir.js';
import { DEMO, runCli } from './runCli.js';
import { outputsIn } from './outputsIn.js';
import { writeCountingMovie } from './syntheticMovies.js';

/** The first line of stderr: the message, before the pointer to --help. */
function firstLine(stderr: string): string {
  return stderr.split('\n')[0]!;
}

describe('isx-stream messages in CLI terms', () => {
  const dir = useTempDir();
  let movie = '';

  before(async () => {
    movie = dir.file('movie.isxd');
    await writeCountingMovie(movie, 6, 4, 3);
  });

  it('says a negative --crop starts outside the image (exit 2)', async () => {
    const result = await runCli(['convert', movie, '--to', 'csv', '--out', dir.file('crop-out'), '--crop', '-1,0,5,5']);
    expect(result.status).to.equal(2);
    expect(firstLine(result.stderr)).to.equal('isx-stream: --crop: x is -1, but the rectangle must start inside the image (x >= 0, the first column is 0)');
  });

  it('names the --crop value that is wrong', async () => {
    const result = await runCli(['convert', movie, '--to', 'csv', '--out', dir.file('crop-out'), '--crop', '0,0,0,0']);
    expect(result.status).to.equal(2);
    expect(firstLine(result.stderr)).to.equal('isx-stream: --crop: width is 0, but the rectangle must be at least 1 pixel wide');
    const height = await runCli(['convert', movie, '--to', 'csv', '--out', dir.file('crop-out'), '--crop', '0,0,2,x']);
    expect(firstLine(height.stderr)).to.equal('isx-stream: --crop: height must be a whole number, got "x"');
  });

  it('says the crop does not fit a frame in --crop terms', async () => {
    const result = await runCli(['convert', movie, '--to', 'csv', '--out', dir.file('fit-out'), '--crop', '4,0,5,5', '--quiet']);
    expect(result.status).to.equal(1);
    expect(result.stderr).to.equal(
      `isx-stream: ${movie}: --crop: rectangle x=4 y=0 width=5 height=5 does not fit in a frame of 6 columns by 4 rows\n`,
    );
  });

  it('refuses an --out that is an existing file, not a folder (exit 2)', async () => {
    const file = dir.file('a-file');
    await writeFile(file, 'x');
    const result = await runCli(['convert', movie, '--to', 'csv', '--out', file]);
    expect(result.status).to.equal(2);
    expect(firstLine(result.stderr)).to.equal(`isx-stream: --out ${file} is an existing file, not a folder: name a folder (created if missing), or - for stdout`);
  });

  it('refuses to print a binary format to a terminal, with a hint (exit 2)', async () => {
    for (const format of ['parquet', 'arrow', 'arrows']) {
      const result = await runCli(['convert', DEMO, '--to', format, '--out', '-', '--tables', 'traces'], { stdoutTTY: true });
      expect(result.status).to.equal(2);
      expect(result.stdout.length).to.equal(0);
      expect(firstLine(result.stderr)).to.equal(
        `isx-stream: --to ${format} writes binary data, which a terminal cannot show: redirect stdout (> out.${format}), pipe it to a program, or pass --out DIR`,
      );
    }
  });

  it('prints text formats to a terminal', async () => {
    const result = await runCli(['convert', DEMO, '--to', 'csv', '--out', '-', '--tables', 'cells', '--quiet'], { stdoutTTY: true });
    expect(result.status).to.equal(0);
    expect(result.stdout.toString().split('\n')[0]).to.match(/^cell_index,/);
  });

  it('warns on stderr when the time window leaves a table empty', async () => {
    const out = dir.file('empty-out');
    const result = await runCli(['convert', DEMO, '--to', 'csv', '--out', out, '--start', '100', '--quiet']);
    expect(result.status).to.equal(0);
    expect(result.stderr).to.equal(`isx-stream: warning: ${DEMO} → ${out}/demo.traces.csv has 0 rows: --start left nothing to write\n`);
    expect((await outputsIn(out)).sort()).to.deep.equal(['demo.cells.csv', 'demo.traces.csv']);
  });

  it('names every narrowing option given when a table is left empty', async () => {
    const out = dir.file('none-out');
    const result = await runCli(['convert', DEMO, '--to', 'csv', '--out', out, '--cells', 'rejected', '--start', '100', '--quiet']);
    expect(result.stderr).to.equal(`isx-stream: warning: ${DEMO} → ${out}/demo.traces.csv has 0 rows: --start, --cells left nothing to write\n`);
  });
});
