/**
 * The traces of a cell set's accepted cells to one long Parquet table: one row per cell and sample
 * (design 5, `traces`: cell_index, name, status, sample_index, timestamp, value; NaN kept).
 *
 *   npx tsx examples/accepted-traces.ts cellset.isxd [out.parquet]
 */
import { basename } from 'node:path';
import { CellSet, cells, openSink, tableSourceOf, writeTable } from 'isx-stream';
import { selectCells, toRecordBatchStream, tracesTable } from 'isx-stream/transforms';

const [path, out] = process.argv.slice(2);
if (path === undefined) {
  console.error('usage: npx tsx examples/accepted-traces.ts CELLSET.isxd [OUT.parquet]');
  process.exit(2);
}

const cellSet = await CellSet.read(path);
const table = tracesTable(tableSourceOf(cellSet));
const destination = out ?? `${basename(path, '.isxd')}.accepted-traces.parquet`;
const sink = await openSink('parquet', destination, table.schema, { compression: 'zstd' });

await writeTable(cells(cellSet, { closeOnEnd: true }), sink, [selectCells({ statuses: ['accepted'] }), toRecordBatchStream(table)]);
console.log(`wrote ${destination}`);
