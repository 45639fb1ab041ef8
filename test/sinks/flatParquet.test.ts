import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import {
  Bool,
  Field,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  RecordBatch,
  Schema,
  Struct,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  Utf8,
  makeData,
  tableFromIPC,
  type Data,
  type Table,
} from 'apache-arrow';
import { IsxError } from '../../lib/errors.js';
import { ParquetSink } from '../../lib/sinks/parquetSink.js';
import { FlatParquetSink } from '../../lib/sinks/flatParquetSink.js';
import { encoderThreadsAvailable } from '../../lib/parquet/encoderPool.js';
import { openSink } from '../../lib/sinks/index.js';
import { seededRandom } from '../../scripts/seededRandom.js';
import { FixedDictionary, TIMESTAMP_US, listType, makeUtf8Data } from '../../transforms/tables/columns.js';
import { ensureBuilt } from '../helpers/build.js';
import { findPython } from '../helpers/python.js';
import { ROOT } from '../../scripts/repositoryRoot.js';
import { useTempDir } from '../helpers/tempDir.js';
import { duckRows } from './readBack.js';

const ROWS = 2000;
const COLOUR = new FixedDictionary(7, ['red', 'green', 'blue', 'ünïcode ✓']);

/** Every flat type, required and nullable, with the values that stress each encoding. */
const FIELDS = [
  new Field('row', new Int32(), false),
  new Field('i8', new Int8(), false),
  new Field('i16', new Int16(), true),
  new Field('i32', new Int32(), true),
  new Field('i64', new Int64(), true),
  new Field('i64_wide', new Int64(), false),
  new Field('u8', new Uint8(), false),
  new Field('u16', new Uint16(), false),
  new Field('u32', new Uint32(), true),
  new Field('u64', new Uint64(), false),
  new Field('u64_wide', new Uint64(), true),
  new Field('f32', new Float32(), true),
  new Field('f64', new Float64(), false),
  new Field('flag', new Bool(), true),
  new Field('name', new Utf8(), false),
  new Field('note', new Utf8(), true),
  new Field('colour', COLOUR.type, true),
  new Field('timestamp', TIMESTAMP_US, false),
  new Field('all_null', new Int32(), true),
  new Field('no_text', new Utf8(), true),
];
const SCHEMA = new Schema(FIELDS, new Map([['isx:kind', 'test'], ['isx:metadata', '{"big": "json"}']]));

/** Validity bits for `valid` flags (arrow's layout). */
function bitmap(valid: boolean[]): Uint8Array {
  const bits = new Uint8Array(Math.ceil(valid.length / 8));
  valid.forEach((v, i) => {
    if (v) bits[i >> 3]! |= 1 << (i & 7);
  });
  return bits;
}

function column(field: Field, values: ArrayBufferView, valid?: boolean[]): Data {
  const nulls = valid === undefined ? 0 : valid.filter((v) => !v).length;
  return makeData({ type: field.type, length: ROWS, data: values, ...(valid ? { nullBitmap: bitmap(valid), nullCount: nulls } : {}) } as never);
}

/** One batch of ROWS deterministic rows. */
function makeTable(): RecordBatch {
  const random = seededRandom(42);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const sometimes = (p: number) => Array.from({ length: ROWS }, () => random() >= p);
  const fill = <A extends { length: number; [i: number]: number | bigint }>(array: A, of: (i: number) => number | bigint): A => {
    for (let i = 0; i < ROWS; i++) array[i] = of(i) as never;
    return array;
  };
  const specials32 = [NaN, Infinity, -Infinity, -0, 0, 3.4028234663852886e38, 1.401298464324817e-45];
  const specials64 = [NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, Number.MIN_VALUE];
  // Runs of equal strings of every length 1..20 (RLE and bit-packed sections), from more than 256
  // distinct names (dictionary indices wider than 8 bits).
  const names: string[] = [];
  const runs: number[] = [];
  for (let total = 0; total < ROWS; ) {
    const run = Math.min(ROWS - total, random() < 0.8 ? int(1, 3) : int(4, 20));
    names.push(random() < 0.05 ? '' : `cell ${int(0, 2000)} · ${'x'.repeat(int(0, 3))}`);
    runs.push(run);
    total += run;
  }
  const notes = Array.from({ length: ROWS }, (_, i) => (i % 7 === 3 ? undefined : `note ${i % 5}`));
  const colours = Array.from({ length: ROWS }, (_, i) => COLOUR.values[Math.floor(i / 13) % 4]!);
  const colourData = COLOUR.makeData(colours);
  const children: Data[] = [
    column(FIELDS[0]!, fill(new Int32Array(ROWS), (i) => i)),
    column(FIELDS[1]!, fill(new Int8Array(ROWS), () => int(-128, 127))),
    column(FIELDS[2]!, fill(new Int16Array(ROWS), () => int(-32768, 32767)), sometimes(0.2)),
    // Alternating extremes: deltas that wrap around 2^32.
    column(FIELDS[3]!, fill(new Int32Array(ROWS), (i) => (i % 3 === 0 ? -2147483648 : i % 3 === 1 ? 2147483647 : int(-5, 5))), sometimes(0.1)),
    // Within ±2^51: delta-encoded, up to 53-bit miniblocks.
    column(FIELDS[4]!, fill(new BigInt64Array(ROWS), () => BigInt(int(-(2 ** 51), 2 ** 51 - 1))), sometimes(0.3)),
    // Beyond: stored PLAIN.
    column(FIELDS[5]!, fill(new BigInt64Array(ROWS), (i) => (i === 0 ? -(2n ** 63n) : i === 1 ? 2n ** 63n - 1n : BigInt(int(-1000, 1000)) * 2n ** 52n + 1n))),
    column(FIELDS[6]!, fill(new Uint8Array(ROWS), () => int(0, 255))),
    column(FIELDS[7]!, fill(new Uint16Array(ROWS), () => int(0, 65535))),
    column(FIELDS[8]!, fill(new Uint32Array(ROWS), (i) => (i % 2 === 0 ? 4294967295 - int(0, 10) : int(0, 10))), sometimes(0.05)),
    column(FIELDS[9]!, fill(new BigUint64Array(ROWS), (i) => BigInt(i) * 1_000_003n)),
    column(FIELDS[10]!, fill(new BigUint64Array(ROWS), (i) => (i % 2 === 0 ? 2n ** 64n - 1n - BigInt(i) : BigInt(i))), sometimes(0.5)),
    column(FIELDS[11]!, fill(new Float32Array(ROWS), (i) => (i % 10 === 0 ? specials32[(i / 10) % specials32.length]! : random() * 2 - 1)), sometimes(0.1)),
    column(FIELDS[12]!, fill(new Float64Array(ROWS), (i) => (i % 10 === 0 ? specials64[(i / 10) % specials64.length]! : (random() - 0.5) * 1e300))),
    column(FIELDS[13]!, bitmap(Array.from({ length: ROWS }, () => random() < 0.5)), sometimes(0.25)),
    makeUtf8Data(names, runs),
    makeUtf8Data(notes),
    makeData({ ...colourData, type: COLOUR.type, length: ROWS, data: colourData.values, dictionary: colourData.dictionary!, nullBitmap: bitmap(sometimes(0.15)), nullCount: -1 } as never),
    column(FIELDS[17]!, fill(new BigInt64Array(ROWS), (i) => 1_648_798_026_332_000n + BigInt(i) * 50_000n + BigInt(i % 7 === 0 ? 1 : 0))),
    column(FIELDS[18]!, new Int32Array(ROWS), new Array<boolean>(ROWS).fill(false)),
    makeUtf8Data(new Array<undefined>(ROWS).fill(undefined)),
  ];
  return new RecordBatch(SCHEMA, makeData({ type: new Struct(FIELDS), length: ROWS, nullCount: 0, children }));
}

/** The batch cut into irregular pieces, two of them slices (offsets into shared buffers and bitmaps). */
function pieces(batch: RecordBatch): RecordBatch[] {
  const cuts = [0, 1, 9, 130, 131, 700, 1333, ROWS];
  return cuts.slice(1).map((end, i) => batch.slice(cuts[i]!, end));
}

async function write(path: string, batches: RecordBatch[], compression: 'zstd' | 'uncompressed' | 'snappy', batchRows = 97, encodeThreads = 0): Promise<void> {
  const sink = await openSink('parquet', path, SCHEMA, { compression, batchRows, encodeThreads });
  for (const batch of batches) await sink.write(batch);
  await sink.close();
}

/** Read back by arrow-rs (parquet-wasm's reader), an implementation independent of the writer here. */
async function readWithArrowRs(path: string): Promise<Table> {
  const parquet = await import('parquet-wasm');
  const table = parquet.readParquet(await readFile(path));
  return tableFromIPC(table.intoIPCStream());
}

/** Row values as exact strings (NaN, -0 and bigints kept apart). */
function rowsOf(table: Table | RecordBatch): string[][] {
  const columns = table.schema.fields.map((f) => table.getChild(f.name)!);
  return Array.from({ length: table.numRows }, (_, row) =>
    columns.map((c) => {
      const value = c.get(row) as unknown;
      if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
      return value === null ? 'null' : String(value);
    }),
  );
}

describe('FlatParquetSink (Parquet of flat tables without parquet-wasm)', () => {
  const dir = useTempDir();
  const batch = makeTable();

  it('has test data that needs dictionary indices wider than 8 bits', () => {
    expect(new Set(batch.getChild('name')!.toArray() as string[]).size).to.be.greaterThan(256);
  });

  it('is chosen for flat tables with zstd or no compression, parquet-wasm for other codecs and nested columns', async () => {
    const flat = await ParquetSink.open(dir.file('choice-flat.parquet'), SCHEMA, { overwrite: true });
    const plain = await ParquetSink.open(dir.file('choice-plain.parquet'), SCHEMA, { compression: 'uncompressed', overwrite: true });
    const snappy = await ParquetSink.open(dir.file('choice-snappy.parquet'), SCHEMA, { compression: 'snappy', overwrite: true });
    const nestedSchema = new Schema([new Field('pixels', listType(new Uint16()), false)]);
    const nested = await ParquetSink.open(dir.file('choice-nested.parquet'), nestedSchema, { overwrite: true });
    expect([flat, plain, snappy, nested].map((s) => s.constructor.name)).to.deep.equal(['FlatParquetSink', 'FlatParquetSink', 'ParquetSink', 'ParquetSink']);
    for (const sink of [flat, plain, snappy, nested]) await sink.abort();
    expect(await readdir(dir.path)).to.deep.equal([]);
  });

  for (const [compression, threads] of [
    ['zstd', 0],
    ['uncompressed', 0],
    ['zstd', 2],
  ] as const) {
    it(`writes every flat type (${compression}, ${threads || 'no'} encoder threads) so arrow-rs reads back each value bit for bit, over row groups that span batches`, async function () {
      if (threads > 0 && !encoderThreadsAvailable()) {
        console.log('      (skipped: encoder threads run from the build; `npm test` runs this compiled)');
        this.skip();
      }
      const path = dir.file(`all-${compression}-${threads}.parquet`);
      await write(path, pieces(batch), compression, 97, threads);
      const back = await readWithArrowRs(path);
      expect(back.schema.fields.map((f) => `${f.name}: ${f.type} ${f.nullable}`)).to.deep.equal(FIELDS.map((f) => `${f.name}: ${f.type} ${f.nullable}`));
      expect(rowsOf(back)).to.deep.equal(rowsOf(batch));
      const groups = await duckRows(`select row_group_id, any_value(row_group_num_rows)::int as n from parquet_metadata('${path}') group by row_group_id order by row_group_id`);
      expect(groups.map((g) => g.n)).to.deep.equal([...Array(20).fill(97), ROWS - 20 * 97]);
    });
  }

  it('reads in DuckDB exactly as parquet-wasm output of the same batches', async () => {
    const ours = dir.file('duck-ours.parquet');
    const wasm = dir.file('duck-wasm.parquet');
    await write(ours, pieces(batch), 'zstd');
    await write(wasm, pieces(batch), 'snappy');
    // DuckDB's VARCHAR of each value: exact for floats (shortest round trip), NaN and -0 included.
    const select = (path: string) => `select ${FIELDS.map((f) => `"${f.name}"::varchar as "${f.name}"`).join(', ')} from '${path}' order by "row"`;
    const [a, b] = [await duckRows(select(ours)), await duckRows(select(wasm))];
    expect(a).to.have.length(ROWS);
    expect(a).to.deep.equal(b);
    const types = async (path: string) => duckRows(`select column_name, column_type from (describe select * from '${path}')`);
    expect(await types(ours)).to.deep.equal(await types(wasm));
  });

  it('stores min/max statistics of integer and timestamp columns per row group, none where values pass ±2^51', async () => {
    const path = dir.file('stats.parquet');
    await write(path, pieces(batch), 'zstd', 500);
    const stats = await duckRows(
      `select row_group_id::int as g, path_in_schema as p, stats_min_value as lo, stats_max_value as hi, stats_null_count::int as nulls from parquet_metadata('${path}') order by g, column_id`,
    );
    const of = (g: number, p: string) => stats.find((s) => s.g === g && s.p === p)!;
    const expected = (name: string, g: number) => {
      const values = Array.from(batch.getChild(name)!.toArray() as ArrayLike<number | bigint>).slice(g * 500, g * 500 + 500);
      const valid = values.filter((_, i) => batch.getChild(name)!.isValid(g * 500 + i));
      const sorted = [...valid].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      return { lo: String(sorted[0]), hi: String(sorted[sorted.length - 1]), nulls: values.length - valid.length };
    };
    for (const g of [0, 3]) {
      for (const name of ['row', 'i8', 'i16', 'i32', 'i64', 'u8', 'u16', 'u32', 'u64']) expect(of(g, name), `${name} in group ${g}`).to.deep.include({ g, p: name, ...expected(name, g) });
      expect(of(g, 'i64_wide')).to.include({ lo: null, hi: null });
      expect(of(g, 'name')).to.include({ lo: null, hi: null });
    }
    expect(of(0, 'timestamp').lo).to.match(/^2022-04-01 07:27:06\.332/);
  });

  it('keeps the Arrow schema (dictionary, unsigned and time zone types, metadata) for pyarrow, which reads the same table as from parquet-wasm', async function () {
    const python = findPython();
    if (python === undefined) {
      console.log('      (skipped: set ISX_PYTHON to a Python with pyarrow, e.g. ISX_PYTHON=/work/pyenv/bin/python)');
      this.skip();
    }
    const ours = dir.file('py-ours.parquet');
    const wasm = dir.file('py-wasm.parquet');
    await write(ours, pieces(batch), 'zstd');
    await write(wasm, pieces(batch), 'snappy');
    // Floats compare as their bit patterns (NaN equals itself, -0 differs from 0); dictionaries by value
    // (each writer orders a row group's dictionary its own way).
    const script = [
      'import sys, pyarrow as pa, pyarrow.parquet as pq',
      'a, b = pq.read_table(sys.argv[1]), pq.read_table(sys.argv[2])',
      'def exact(column):',
      '    column = column.combine_chunks()',
      '    if pa.types.is_dictionary(column.type): return column.cast(pa.string())',
      '    if pa.types.is_float32(column.type): return column.view(pa.int32())',
      '    if pa.types.is_float64(column.type): return column.view(pa.int64())',
      '    return column',
      'print(a.schema.to_string(show_schema_metadata=False))',
      'print(all(exact(a[n]).equals(exact(b[n])) for n in a.column_names), a.schema.equals(b.schema, check_metadata=True))',
    ].join('\n');
    const result = spawnSync(python!, ['-c', script, ours, wasm], { encoding: 'utf8' });
    expect(result.stderr).to.equal('');
    const lines = result.stdout.trim().split('\n');
    expect(lines).to.include('colour: dictionary<values=string, indices=int8, ordered=0>');
    expect(lines).to.include('u64_wide: uint64');
    expect(lines).to.include('timestamp: timestamp[us, tz=UTC] not null');
    expect(lines[lines.length - 1]).to.equal('True True');
  });

  it('writes a table of no rows that engines read as empty, with its columns', async () => {
    const path = dir.file('empty.parquet');
    await write(path, [], 'zstd');
    expect((await duckRows(`select count(*)::int as n from '${path}'`))[0]).to.deep.equal({ n: 0 });
    expect((await readWithArrowRs(path)).schema.fields.map((f) => f.name)).to.deep.equal(FIELDS.map((f) => f.name));
  });

  it('refuses a null in a column its schema says is not nullable, naming the output and leaving no file', async () => {
    const schema = new Schema([new Field('x', new Int32(), false)]);
    const data = makeData({ type: new Int32(), length: 2, data: new Int32Array([1, 2]), nullBitmap: bitmap([true, false]), nullCount: 1 });
    const path = dir.file('not-nullable.parquet');
    const sink = await openSink('parquet', path, schema);
    await sink.write(new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: 2, children: [data] })));
    const error = await sink.close().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(IsxError);
    expect(error).to.include({ code: 'E_ARGUMENT', path, detail: 'column "x" holds nulls but its field is not nullable' });
    expect(existsSync(path)).to.equal(false);
    expect(await readdir(dir.path)).to.not.include.members(['not-nullable.parquet']);
  });

  it("starts encoder threads from a program run as `node --input-type=module -e` (the thread must not inherit that flag)", async () => {
    await ensureBuilt();
    const path = dir.file('eval.parquet');
    const script = `
      import { Field, Int32, Schema, tableFromArrays } from 'apache-arrow';
      import { openSink } from 'isx-stream';
      const table = tableFromArrays({ x: Int32Array.from({ length: 1000 }, (_, i) => i) });
      const schema = new Schema([new Field('x', new Int32(), false)]);
      const sink = await openSink('parquet', ${JSON.stringify(path)}, schema, { batchRows: 100, encodeThreads: 1 });
      for (const batch of table.batches) await sink.write(batch);
      await sink.close();
    `;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stderr).to.equal('');
    expect(await duckRows(`select count(*)::int as n, sum(x)::int as s from '${path}'`)).to.deep.equal([{ n: 1000, s: 499500 }]);
  });

  it('refuses more rows per row group than one page holds, before creating the file', async () => {
    const path = dir.file('huge-groups.parquet');
    const error = await openSink('parquet', path, SCHEMA, { batchRows: 2 ** 27 + 1 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(IsxError);
    expect(error).to.include({ code: 'E_ARGUMENT', detail: '134217729 rows per row group is more than one Parquet page of this writer holds; use at most 134217728' });
    expect(existsSync(path)).to.equal(false);
  });

  it('leaves no file when aborted after row groups were written', async () => {
    const path = dir.file('aborted.parquet');
    const sink = await openSink('parquet', path, SCHEMA, { batchRows: 10 });
    expect(sink).to.be.instanceOf(FlatParquetSink);
    await sink.write(batch);
    await sink.abort(new Error('stop'));
    expect(existsSync(path)).to.equal(false);
    expect((await readdir(dir.path)).filter((f) => f.startsWith('aborted'))).to.deep.equal([]);
  });
});
