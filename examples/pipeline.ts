/**
 * A pipeline as a library user writes it: frames of a movie → transforms → Arrow batches → Parquet.
 * Run: npx tsx examples/pipeline.ts examples/data/demo-movie.isxd out/demo-movie.binned.parquet
 */
import { Movie, frames, openSink, tableSourceOf, writeTable } from '../lib/index.js';
import { bin, decimate, framesTable, toRecordBatchStream } from '../transforms/index.js';

const [input, output] = process.argv.slice(2);
if (input === undefined || output === undefined) throw new Error('usage: pipeline.ts MOVIE.isxd OUT.parquet');

await using movie = await Movie.read(input);
const [rows, cols] = movie.spacing.numPixels;
// The table's schema must describe the frames as they leave the transforms: 2x2 binning halves both sides.
const table = framesTable({ ...tableSourceOf(movie), rows: rows >> 1, cols: cols >> 1, dataType: movie.dataType });
const sink = await openSink('parquet', output, table.schema, { overwrite: true });
await writeTable(frames(movie), sink, [decimate(2), bin(2), toRecordBatchStream(table)]);
console.log(`wrote ${output}: every 2nd frame of ${movie.timing.numSamples}, ${rows >> 1} x ${cols >> 1} pixels`);
