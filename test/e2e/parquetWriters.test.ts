import { expect } from 'chai';
import { readdir } from 'node:fs/promises';
import { convertFile } from '../../lib/convert/convertFile.js';
import { describeReal, REAL_FIXTURES, realFixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { duckRows } from '../sinks/readBack.js';

/**
 * Flat tables with zstd are written by isx-stream's own Parquet encoder, with snappy by parquet-wasm
 * (arrow-rs): on real files both must give DuckDB the same rows, value for value.
 */
describeReal('Parquet from our encoder and from parquet-wasm, on every real file', () => {
  const dir = useTempDir();

  it('reads back the same rows of every table', async function () {
    this.timeout(120_000);
    const files = (await readdir(REAL_FIXTURES, { recursive: true })).filter((file) => /\.isx[db]$/.test(file)).sort();
    let compared = 0;
    for (const [i, file] of files.entries()) {
      // Tables with list or binary columns (frames, cells) go through parquet-wasm either way.
      const ours = [];
      for (const output of await convertFile(realFixture(file), { to: 'parquet', outDir: dir.file(`ours-${i}`), overwrite: true })) {
        const types = await duckRows(`select column_type as t from (describe select * from '${output.path}')`);
        if (types.every(({ t }) => !String(t).endsWith('[]') && t !== 'BLOB')) ours.push(output);
      }
      if (ours.length === 0) continue;
      const wasm = await convertFile(realFixture(file), { to: 'parquet', outDir: dir.file(`wasm-${i}`), tables: ours.map((o) => o.table), compression: 'snappy', overwrite: true });
      expect(wasm.map((o) => [o.table, o.rows]), file).to.deep.equal(ours.map((o) => [o.table, o.rows]));
      for (const [k, output] of ours.entries()) {
        const [a, b] = [`'${output.path}'`, `'${wasm[k]!.path}'`];
        const differing = await duckRows(
          `select (select count(*) from (select * from ${a} except all select * from ${b}))::int as missing, (select count(*) from (select * from ${b} except all select * from ${a}))::int as extra`,
        );
        expect(differing, `${file} ${output.table}`).to.deep.equal([{ missing: 0, extra: 0 }]);
        compared++;
      }
    }
    expect(compared).to.be.greaterThan(15);
  });
});
