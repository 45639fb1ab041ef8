import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { DEMO_CELL_SET, DEMO_MOVIE, makeDemoCellSet, makeDemoMovie } from '../../scripts/make-demo-data.js';
import { useTempDir } from '../helpers/tempDir.js';

describe('demo data', () => {
  const dir = useTempDir();

  it('regenerates examples/data/demo.isxd byte for byte', async () => {
    await makeDemoCellSet(dir.file('demo.isxd'));
    expect((await readFile(dir.file('demo.isxd'))).equals(await readFile(DEMO_CELL_SET))).to.equal(true);
  });

  it('regenerates examples/data/demo-movie.isxd byte for byte', async () => {
    await makeDemoMovie(dir.file('demo-movie.isxd'));
    expect((await readFile(dir.file('demo-movie.isxd'))).equals(await readFile(DEMO_MOVIE))).to.equal(true);
  });
});
