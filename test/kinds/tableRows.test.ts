import { expect } from 'chai';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { convertFile } from '../../lib/convert/convertFile.js';
import { open } from '../../lib/kinds/open.js';
import { summarize } from '../../lib/kinds/summarize.js';
import { MovieWriter } from '../../lib/isxd/writeMovie.js';
import { Spacing } from '../../lib/core/spacing.js';
import type { JsonObject } from '../../lib/json/jsonValue.js';
import { describeReal, REAL_FIXTURES, realFixture } from '../helpers/fixtures.js';
import { makeTiming } from '../helpers/isxdFiles.js';
import { ROOT } from '../../scripts/repositoryRoot.js';
import { useTempDir } from '../helpers/tempDir.js';

const DEMO = join(ROOT, 'examples/data/demo.isxd');

/** The row counts `summarize` promises, and the rows a whole-file conversion writes. */
async function promisedAndWritten(path: string, outDir: string): Promise<[JsonObject, Record<string, number>]> {
  const dataSet = await open(path);
  const summary = await summarize(dataSet).finally(() => dataSet.close());
  const written = await convertFile(path, { to: 'arrows', outDir, overwrite: true });
  return [summary.tables as JsonObject, Object.fromEntries(written.map((output) => [output.table, output.rows]))];
}

describe('summarize: tables and their rows', () => {
  const dir = useTempDir();

  it('promises the rows a conversion of the demo cell set writes', async () => {
    const [promised, written] = await promisedAndWritten(DEMO, dir.path);
    expect(promised).to.deep.equal(written);
  });

  it('finds the planes of a multiplane movie from its frame headers', async () => {
    const path = dir.file('planes.isxd');
    const writer = await MovieWriter.create(path, { timing: makeTiming(6), spacing: new Spacing(2, 2), dataType: 'uint16', hasFrameHeaderFooter: true });
    for (let i = 0; i < 6; i++) await writer.writeFrame(i, new Uint16Array(4), { efocus: [100, 250, 400][i % 3]! });
    await writer.finish();
    const movie = await open(path);
    const summary = await summarize(movie).finally(() => movie.close());
    expect(summary).to.deep.include({ multiplane: true, efocusValues: [100, 250, 400] });
  });

  describeReal('on every real file', () => {
    it('promises exactly the rows a conversion writes, for every kind', async function () {
      this.timeout(120_000);
      const folders = await readdir(REAL_FIXTURES);
      for (const folder of folders.filter((name) => !name.includes('.'))) {
        for (const name of (await readdir(realFixture(folder))).filter((file) => /\.isx[db]$/.test(file))) {
          const [promised, written] = await promisedAndWritten(realFixture(folder, name), dir.file(name));
          expect(promised, name).to.deep.equal(written);
        }
      }
    });
  });
});
