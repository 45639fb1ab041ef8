import { expect } from 'chai';
import { Readable } from 'node:stream';
import { tableSourceOf } from '../../lib/convert/index.js';
import { Movie } from '../../lib/isxd/movie.js';
import { frames } from '../../lib/sources/frames.js';
import { openSink, writeTable } from '../../lib/sinks/index.js';
import { toRecordBatchStream } from '../../transforms/batch.js';
import { framesTable } from '../../transforms/tables/frames.js';
import { describeReal, realFixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { duckRows, parquetMetadata } from './readBack.js';

describeReal('converting a real movie to Parquet', () => {
  const dir = useTempDir();

  it('keeps the pixel sum of movie_part2_108x123x63.isxd (MANIFEST: about 782762718.23)', async () => {
    const input = realFixture('ideas-toolbox-caiman', 'movie_part2_108x123x63.isxd');
    await using movie = await Movie.read(input);
    const [rows, cols] = movie.spacing.numPixels;
    const table = framesTable({ ...tableSourceOf(movie), rows, cols, dataType: movie.dataType });
    const path = dir.file('movie.frames.parquet');
    const sink = await openSink('parquet', path, table.schema);
    await writeTable(Readable.from(frames(movie)), sink, [toRecordBatchStream(table, { batchRows: 16 })]);

    const [stats] = await duckRows(
      `select count(*) as n, sum(list_sum(pixels_float32::double[])) as total, min(list_min(pixels_float32)) as lo, max(list_max(pixels_float32)) as hi, min(len(pixels_float32)) as width
       from read_parquet('${path}')`,
    );
    expect(stats!.n).to.equal(63n);
    expect(stats!.width).to.equal(BigInt(108 * 123));
    expect(stats!.total as number).to.be.closeTo(782762718.23, 0.01);
    expect(stats!.lo).to.equal(689.704345703125);
    expect(stats!.hi).to.equal(1235.418212890625);
    const metadata = await parquetMetadata(path);
    expect(metadata.get('isx:source')).to.equal('movie_part2_108x123x63.isxd');
    expect(JSON.parse(metadata.get('isx:metadata')!).type).to.equal(0);
  });
});
