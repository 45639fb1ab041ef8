/**
 * A time window of a movie to one Parquet table, one row per frame (design 5, `frames`).
 *
 *   npx tsx examples/movie-to-parquet.ts movie.isxd 10 20 [out.parquet]
 *
 * writes the frames that start between 10 s and 20 s after the recording's start. The source reads only
 * those frames (its `startSec`/`endSec`), in bounded batches, and closes the file when the stream ends.
 */
import { basename } from 'node:path';
import { Movie, frames, openSink, tableSourceOf, writeTable } from 'isx-stream';
import { framesTable, toRecordBatchStream } from 'isx-stream/transforms';

const [path, startSec, endSec, out] = process.argv.slice(2);
if (path === undefined || startSec === undefined || endSec === undefined) {
  console.error('usage: npx tsx examples/movie-to-parquet.ts MOVIE.isxd START_SEC END_SEC [OUT.parquet]');
  process.exit(2);
}

const movie = await Movie.read(path);
const [rows, cols] = movie.spacing.numPixels;
const table = framesTable({ ...tableSourceOf(movie), rows, cols, dataType: movie.dataType });
const destination = out ?? `${basename(path, '.isxd')}.frames.parquet`;
const sink = await openSink('parquet', destination, table.schema, { compression: 'zstd' });

await writeTable(frames(movie, { startSec: Number(startSec), endSec: Number(endSec), closeOnEnd: true }), sink, [toRecordBatchStream(table)]);
console.log(`wrote ${destination}`);
