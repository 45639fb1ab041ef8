import { expect } from 'chai';
import { framesTable } from '../../transforms/tables/frames.js';
import { BIG_TSC, METADATA, START_US, makeFrames } from '../tables/syntheticRecords.js';
import { duckRows, parquetMetadata, rawMicros, readArrow } from './readBack.js';
import { writeRecords } from './writeRecords.js';
import { useTempDir } from '../helpers/tempDir.js';
import { stringifyJson } from '../../lib/json/stringifyJson.js';

const table = () => framesTable({ kind: 'movie', source: 'm.isxd', metadata: METADATA, startUs: START_US, rows: 3, cols: 4, dataType: 'uint16' });
const frames = makeFrames(7);
const FRAME_COLUMNS = ['frame_index', 'timestamp', 'time_s', 'status', 'tsc', 'rows', 'cols', 'pixel_type', 'pixels_uint8', 'pixels_uint16', 'pixels_float32'];
const expectedSum = frames.filter((f) => f.status === 'valid').reduce((s, f) => s + Array.from(f.data).reduce((a, b) => a + b, 0), 0);

describe('frames table through the sinks', () => {
  const dir = useTempDir();

  for (const format of ['arrow', 'arrows'] as const) {
    it(`keeps every frame value in an Arrow ${format} file`, async () => {
      const path = dir.file(`frames.${format}`);
      await writeRecords(table(), frames, format, path);
      const t = await readArrow(path);
      expect(t.numRows).to.equal(7);
      expect(t.batches.length).to.equal(4);
      expect(Array.from(t.getChild('frame_index')!.toArray() as BigInt64Array)).to.deep.equal(frames.map((f) => BigInt(f.index)));
      expect(rawMicros(t, 'timestamp')).to.deep.equal(frames.map((f) => BigInt(f.timestampUs)));
      expect(t.getChild('status')!.toArray()).to.deep.equal(frames.map((f) => f.status));
      const tsc = t.getChild('tsc')!;
      expect(frames.map((_, i) => tsc.get(i))).to.deep.equal(frames.map((f) => f.tsc ?? null));
      const pixels = t.getChild('pixels_uint16')!;
      let sum = 0;
      frames.forEach((f, i) => {
        const row = pixels.get(i);
        expect(row === null).to.equal(f.status !== 'valid');
        if (row) sum += (row.toArray() as Uint16Array).reduce((a: number, b: number) => a + b, 0);
      });
      expect(sum).to.equal(expectedSum);
      expect(t.schema.metadata.get('isx:kind')).to.equal('movie');
      expect(t.schema.metadata.get('isx:source')).to.equal('m.isxd');
      expect(t.schema.metadata.get('isx:metadata')).to.equal(stringifyJson(METADATA));
      expect(t.schema.metadata.get('isx:rows')).to.equal('3');
      expect(t.schema.metadata.get('isx:cols')).to.equal('4');
    });
  }

  it('keeps every frame value in Parquet read back by DuckDB', async () => {
    const path = dir.file('frames.parquet');
    await writeRecords(table(), frames, 'parquet', path, { batchRows: 3 });
    const rows = await duckRows(
      `select frame_index, epoch_us(timestamp) as us, status, tsc::varchar as tsc, list_sum(pixels_uint16)::bigint as s, len(pixels_uint16) as n
       from read_parquet('${path}') order by frame_index`,
    );
    expect(rows.map((r) => r.us)).to.deep.equal(frames.map((f) => BigInt(f.timestampUs)));
    expect(rows.map((r) => r.status)).to.deep.equal(frames.map((f) => f.status));
    expect(rows.map((r) => r.tsc)).to.deep.equal(frames.map((f) => (f.tsc === undefined ? null : f.tsc.toString())));
    expect(rows[0]!.tsc).to.equal(BIG_TSC.toString());
    expect(rows.map((r) => r.n)).to.deep.equal(frames.map((f) => (f.status === 'valid' ? 12n : null)));
    expect(rows.reduce((s, r) => s + Number(r.s ?? 0n), 0)).to.equal(expectedSum);
    const groups = await duckRows(`select count(distinct row_group_id) as g from parquet_metadata('${path}')`);
    expect(groups[0]!.g).to.equal(3n);
    const meta = await parquetMetadata(path);
    expect(meta.get('isx:metadata')).to.equal(stringifyJson(METADATA));
    expect(meta.get('isx:rows')).to.equal('3');
  });

  it('reads Parquet back with apache-arrow through parquet-wasm with the Arrow schema', async () => {
    const { readParquet } = await import('parquet-wasm');
    const { readFile } = await import('node:fs/promises');
    const { tableFromIPC } = await import('apache-arrow');
    const path = dir.file('frames-back.parquet');
    await writeRecords(table(), frames, 'parquet', path);
    const t = tableFromIPC(readParquet(await readFile(path)).intoIPCStream());
    expect(String(t.schema.fields.find((f) => f.name === 'timestamp')!.type)).to.equal('Timestamp<MICROSECOND, UTC>');
    expect(t.getChild('tsc')!.get(0)).to.equal(BIG_TSC);
    expect(t.getChild('status')!.toArray()).to.deep.equal(frames.map((f) => f.status));
  });

  it('writes a valid empty file with the schema for 0 frames in every binary format', async () => {
    for (const format of ['arrow', 'arrows', 'parquet'] as const) {
      const path = dir.file(`empty.${format}`);
      await writeRecords(table(), [], format, path);
      if (format === 'parquet') {
        const rows = await duckRows(`select count(*) as n from read_parquet('${path}')`);
        expect(rows[0]!.n).to.equal(0n);
        const columns = await duckRows(`select column_name from (describe select * from read_parquet('${path}'))`);
        expect(columns.map((c) => c.column_name)).to.deep.equal(FRAME_COLUMNS);
      } else {
        const t = await readArrow(path);
        expect(t.numRows).to.equal(0);
        expect(t.schema.fields.map((f) => f.name)).to.deep.equal(FRAME_COLUMNS);
        expect(t.schema.metadata.get('isx:kind')).to.equal('movie');
      }
    }
  });

  it('writes Parquet column statistics for the scalar columns, so engines can skip row groups', async () => {
    const path = dir.file('stats.parquet');
    await writeRecords(table(), frames, 'parquet', path);
    const stats = await duckRows(
      `select path_in_schema as col, min(stats_min)::varchar as lo, max(stats_max)::varchar as hi from parquet_metadata('${path}') where path_in_schema in ('frame_index', 'timestamp') group by col order by col`,
    );
    expect(stats.map((r) => r.col)).to.deep.equal(['frame_index', 'timestamp']);
    expect(stats[0]).to.include({ lo: '0', hi: '6' });
    expect(stats[1]!.lo).to.not.equal(null);
  });
});
