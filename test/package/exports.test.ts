import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ensureBuilt } from '../helpers/build.js';
import { ROOT } from '../../scripts/repositoryRoot.js';

const run = promisify(execFile);

// The published entry points resolve to dist/ (built by `npm test`), so this imports the package by its name
// (a package can import itself through its own "exports").
describe('the built package', function () {
  this.timeout(180_000);

  // One Node process answers the three import checks: each process costs a second of CPU to load the package.
  let answers: { missing: string[]; readme: unknown[]; transforms: string[] };

  before(async () => {
    await ensureBuilt();
    const script = `
      const api = await import('isx-stream');
      const t = await import('isx-stream/transforms');
      const names = ['Movie', 'Image', 'CellSet', 'EventSet', 'GpioSet', 'VesselSet', 'BehaviorMovie', 'open', 'convertFile', 'frames', 'openSink', 'IsxError'];
      const missing = names.filter((n) => typeof api[n] !== 'function');
      const transforms = ['decimate', 'bin', 'crop', 'timeWindow', 'selectCells', 'dff', 'zscore', 'toRecordBatches', 'framesTable'].filter((n) => typeof t[n] !== 'function');
      const { Movie, open } = api;
      const movie = await Movie.read('examples/data/demo-movie.isxd');
      const frame = await movie.getFrameData(0);
      const any = await open('examples/data/demo.isxd');
      const readme = [movie.timing.numSamples, movie.timing.period.secsFloat, movie.spacing.numPixels, frame.length, frame.constructor.name, any.kind];
      await movie.close();
      await any.close();
      console.log(JSON.stringify({ missing, readme, transforms }));
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT });
    answers = JSON.parse(stdout) as typeof answers;
  });

  it("exports the readers, open() and the conversion job from 'isx-stream'", () => {
    expect(answers.missing).to.deep.equal([]);
  });

  it("runs the README's five API lines against the built package on the demo movie", () => {
    expect(answers.readme).to.deep.equal([50, 0.05, [24, 32], 24 * 32, 'Uint16Array', 'cell_set']);
  });

  it("exports the record transforms and tables from 'isx-stream/transforms'", () => {
    expect(answers.transforms).to.deep.equal([]);
  });
  // The built bin (--version, a conversion) runs from an installed package in install.test.ts.
});
