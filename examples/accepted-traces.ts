/**
 * The traces of a cell set's accepted cells to one long Parquet table: one row per cell and sample
 * (design 5, `traces`: cell_index, name, status, sample_index, timestamp, value; NaN kept).
 *
 *   npx tsx examples/accepted-traces.ts cellset.isxd [out.parquet]
 */
import { basename } from 'node:path';
import { chain } from 'stream-chain';
import { CellSet } from '../lib/isxd/cellSet.js';
import { openSink, writeTable } from '../lib/sinks/index.js';
import { cells, tableSourceOf, toReadable } from '../lib/index.js';
import { toRecordBatches } from '../transforms/batch.js';
import { selectCells } from '../transforms/index.js';
import { tracesTable } from '../transforms/tables/index.js';

const [path, out] = process.argv.slice(2);
if (path === undefined) {
  console.error('usage: npx tsx examples/accepted-traces.ts CELLSET.isxd [OUT.parquet]');
  process.exit(2);
}

const cellSet = await CellSet.read(path);
const table = tracesTable(tableSourceOf(cellSet));
const destination = out ?? `${basename(path, '.isxd')}.accepted-traces.parquet`;
const sink = await openSink('parquet', destination, table.schema, { compression: 'zstd' });

await writeTable(
  chain([toReadable(cells(cellSet, { closeOnEnd: true })), selectCells({ statuses: ['accepted'] }), toRecordBatches(table)]),
  sink,
);
console.log(`wrote ${destination}`);
