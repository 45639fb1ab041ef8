import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { tableFromIPC } from 'apache-arrow';
import { ROOT } from '../../scripts/repositoryRoot.js';
import { addTypeChecked, consumerProject, typeCheck, type ConsumerProject } from './consumerProject.js';
// The README's code blocks are checked against the same installed package: one pack and install for both.
import './readmeCode.js';
import { filesBelow } from '../helpers/filesBelow.js';

const run = promisify(execFile);

// Issue 11.1: the tarball `npm pack` makes installs into an empty project and works from the binary,
// `import`, `require` and TypeScript.
describe('the packed package installed into a fresh project', function () {
  // npm pack packs the build `npm test` made, then npm install reads the dependencies from npm's cache.
  this.timeout(300_000);
  let project: ConsumerProject;
  let installed: string;

  before(async () => {
    project = await consumerProject();
    installed = join(project.dir, 'node_modules', 'isx-stream');
    console.log(`      (npm pack ${project.packSeconds.toFixed(1)} s, npm install ${project.installSeconds.toFixed(1)} s)`);
  });

  it('ships the build, the examples with their demo data, README and LICENSE, and no source maps', async () => {
    const files = await filesBelow(installed);
    for (const file of ['package.json', 'README.md', 'LICENSE', 'dist/lib/index.js', 'dist/lib/index.d.ts', 'dist/transforms/index.js', 'dist/cli/main.js', 'examples/pipeline.ts', 'examples/data/demo.isxd', 'examples/data/demo-movie.isxd']) {
      expect(files, file).to.include(file);
    }
    expect(files.filter((f) => f.endsWith('.map'))).to.deep.equal([]);
    expect(files.filter((f) => /^(lib|transforms|cli|test)\//.test(f))).to.deep.equal([]);
    expect(await readFile(join(installed, 'LICENSE'), 'utf8')).to.match(/^MIT License\n\nCopyright \(c\) \d{4} isx-stream contributors\n/);
  });

  it('puts an isx-stream command on the project PATH that converts the shipped demo', async () => {
    const bin = join(project.dir, 'node_modules', '.bin', 'isx-stream');
    expect((await run(bin, ['--version'], { cwd: project.dir })).stdout.trim()).to.equal('0.1.0');
    const demo = join(installed, 'examples', 'data', 'demo.isxd');
    const { stdout } = await run(bin, ['convert', demo, '--tables', 'traces', '--to', 'arrows', '--out', '-'], { cwd: project.dir, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
    expect(tableFromIPC(stdout).numRows).to.equal(8 * 300);
  });

  it("imports 'isx-stream' and 'isx-stream/transforms' from an ES module", async () => {
    const script = `
      import { Movie, open, convertFile } from 'isx-stream';
      import { bin, framesTable } from 'isx-stream/transforms';
      const movie = await Movie.read('node_modules/isx-stream/examples/data/demo-movie.isxd');
      console.log(JSON.stringify([movie.timing.numSamples, [open, convertFile, bin, framesTable].map((f) => typeof f)]));
      await movie.close();
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project.dir });
    expect(JSON.parse(stdout)).to.deep.equal([50, ['function', 'function', 'function', 'function']]);
  });

  it("requires 'isx-stream' and 'isx-stream/transforms' from CommonJS (no top-level await in their module graphs)", async () => {
    // require() of an ES module fails with ERR_REQUIRE_ASYNC_MODULE if any module it loads awaits at top level.
    const script = `
      const { CellSet, IsxError } = require('isx-stream');
      const { toRecordBatchStream } = require('isx-stream/transforms');
      CellSet.read('node_modules/isx-stream/examples/data/demo.isxd').then(async (cells) => {
        console.log(JSON.stringify([cells.numCells, typeof IsxError, typeof toRecordBatchStream]));
        await cells.close();
      });
    `;
    const { stdout } = await run(process.execPath, ['--input-type=commonjs', '-e', script], { cwd: project.dir });
    expect(JSON.parse(stdout)).to.deep.equal([8, 'function', 'function']);
  });

  addTypeChecked(
    'consumer.ts',
    `import { Movie, convertFile, tableSourceOf, type DataTypeName } from 'isx-stream';
import { framesTable, toRecordBatchStream } from 'isx-stream/transforms';

const movie = await Movie.read('movie.isxd');
const frames: number = movie.timing.numSamples;
const type: DataTypeName = movie.dataType;
const table = framesTable({ ...tableSourceOf(movie), rows: 2, cols: 2, dataType: type });
toRecordBatchStream(table);
const outputs = await convertFile('movie.isxd', { to: 'parquet', outDir: 'out' });
outputs.map((o) => o.rows + frames);
// @ts-expect-error the declarations are real: a path is a string
await Movie.read(42);
`,
  );

  it('type-checks a TypeScript consumer against the shipped declarations with skipLibCheck off', async () => {
    await typeCheck(project, ['consumer.ts']);
  });

  it('runs a shipped example, which imports the package by its name', async () => {
    const tsx = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const example = join(installed, 'examples', 'pipeline.ts');
    const demo = join(installed, 'examples', 'data', 'demo-movie.isxd');
    const { stdout } = await run(process.execPath, ['--import', tsx, example, demo, join(project.dir, 'binned.parquet')], { cwd: project.dir });
    expect(stdout).to.match(/^wrote .*binned\.parquet: 50 frames of 6 x 16 pixels\n$/);
  });
});
