import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { findPython } from '../helpers/python.js';
import { useTempDir } from '../helpers/tempDir.js';
import { writeLabFolder } from './lakeFolder.js';
import { runCli } from './runCli.js';

/** Reads each table of the dataset with pyarrow datasets and with Polars, keys typed as strings, and prints its distinct keys. */
const READ_BOTH = `
import json, sys
import pyarrow as pa, pyarrow.dataset as ds, polars as pl
root = sys.argv[1]
keys = ['subject', 'session']
out = {}
for table in ['frames', 'cells', 'traces', 'samples']:
    part = ds.partitioning(pa.schema([(k, pa.string()) for k in keys]), flavor='hive')
    t = ds.dataset(f'{root}/{table}', format='parquet', partitioning=part).to_table()
    df = pl.scan_parquet(f'{root}/{table}/**/*.parquet', hive_partitioning=True, hive_schema={k: pl.String for k in keys}).collect()
    rows = lambda cols: sorted(set(zip(*cols)))
    out[table] = {
        'pyarrow': [list(r) for r in rows([t[c].to_pylist() for c in keys + ['recording']])],
        'polars': [list(r) for r in rows([df[c].to_list() for c in keys + ['recording']])],
        'rows': [t.num_rows, df.height],
    }
print(json.dumps(out))
`;

describe('pyarrow datasets and Polars read a partitioned dataset back exactly (issue 10.1)', function () {
  const dir = useTempDir();
  const python = findPython();

  before(function () {
    if (python === undefined) {
      console.log('    (skipped: no Python with pyarrow and polars; set ISX_PYTHON or make the v/ venv as .ci/run does)');
      this.skip();
    }
  });

  it('reads frames, cells, traces and samples of a lab folder with every partition value as written', async () => {
    const lab = dir.file('lab');
    await writeLabFolder(lab);
    const out = dir.file('lake');
    const args = ['convert', lab, '-r', '--path-pattern', '{subject}/{session}/*', '--partition-by', 'subject,session', '--to', 'parquet', '--out', out];
    expect((await runCli(args)).status).to.equal(0);
    const { stdout } = await promisify(execFile)(python!, ['-c', READ_BOTH, out]);
    const read = JSON.parse(stdout) as Record<string, { pyarrow: string[][]; polars: string[][]; rows: number[] }>;
    const cellSets = [
      ['007', 's2', '007/s2/cellset'],
      ['mouse=1', 'day 1', 'mouse=1/day 1/cellset'],
      ['mouse=1', 'day 2', 'mouse=1/day 2/cellset'],
    ];
    const expected: Record<string, { keys: string[][]; rows: number }> = {
      frames: { keys: [['007', 's1', '007/s1/x'], ['m%2', 'día 7', 'm%2/día 7/x']], rows: 10 },
      cells: { keys: cellSets, rows: 24 },
      traces: { keys: cellSets, rows: 7200 },
      samples: { keys: [['m%2', 'día 7', 'm%2/día 7/x']], rows: 2 },
    };
    for (const [table, { keys, rows }] of Object.entries(expected)) {
      expect(read[table]!.pyarrow, `${table} in pyarrow`).to.deep.equal(keys);
      expect(read[table]!.polars, `${table} in Polars`).to.deep.equal(keys);
      expect(read[table]!.rows, `${table} rows`).to.deep.equal([rows, rows]);
    }
  });
});
