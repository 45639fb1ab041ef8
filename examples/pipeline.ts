/**
 * A pipeline as a library user writes it: frames of a movie → transforms → Arrow batches → Parquet.
 * The README's "A pipeline" section shows this file.
 *
 *   npx tsx examples/pipeline.ts examples/data/demo-movie.isxd out/demo-movie.binned.parquet
 */
import { Movie, frames, openSink, tableSourceOf, writeTable } from 'isx-stream';
import { bin, crop, framesTable, toRecordBatchStream } from 'isx-stream/transforms';

const [input, output] = process.argv.slice(2);
if (input === undefined || output === undefined) throw new Error('usage: pipeline.ts MOVIE.isxd OUT.parquet');

const movie = await Movie.read(input);
try {
  const [rows, cols] = movie.spacing.numPixels;
  // The table's schema describes the frames as they leave the transforms: the top half, binned 2x2.
  const table = framesTable({ ...tableSourceOf(movie), rows: rows >> 2, cols: cols >> 1, dataType: movie.dataType });
  const stages = [crop({ x: 0, y: 0, width: cols, height: rows >> 1 }), bin(2), toRecordBatchStream(table)];
  await writeTable(frames(movie), await openSink('parquet', output, table.schema, { overwrite: true }), stages);
  console.log(`wrote ${output}: ${movie.timing.numSamples} frames of ${rows >> 2} x ${cols >> 1} pixels`);
} finally {
  await movie.close();
}
