import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dataTypeFromName } from '../../lib/core/dataType.js';
import { Ratio } from '../../lib/core/ratio.js';
import { Spacing } from '../../lib/core/spacing.js';
import { convertFile } from '../../lib/convert/index.js';
import { CellSetWriter } from '../../lib/isxd/writeCellSet.js';
import { MovieWriter } from '../../lib/isxd/writeMovie.js';
import { VesselSetWriter } from '../../lib/isxd/writeVesselSet.js';
import type { Movie } from '../../lib/isxd/movie.js';
import { writeEventModel } from '../../lib/events/writeEventModel.js';
import { parseJson } from '../../lib/json/parseJson.js';
import { open } from '../../lib/kinds/open.js';
import type { JsonValue } from '../../lib/json/jsonValue.js';
import { makeModel } from '../events/eventFixtures.js';
import { makeTiming } from '../helpers/isxdFiles.js';
import { findPython } from '../helpers/python.js';
import { useTempDir } from '../helpers/tempDir.js';
import { describeReal, haveRealFixtures, realFixture } from '../helpers/fixtures.js';
import { writeRawImu } from '../synthetic/writeRawImu.js';
import { duck, sqlPath } from './e2eKit.js';

/**
 * Item 3 of the data-lake issue: files of different image sizes, pixel types, cell counts and sample counts,
 * converted into one Hive-partitioned folder, read back table by table with ONE glob — in DuckDB with plain
 * `read_parquet(glob, hive_partitioning = true)` (no union_by_name), and in pyarrow datasets and Polars — with
 * every value equal to what that file alone gives.
 */

/** float32 pixels that are not integers (the issue's 974.27 became 974 when a glob cast them to uint16). */
const f32Pixel = (frame: number, p: number): number => Math.fround(974.27 + frame * 0.013 + p * 0.5);
/** uint16 pixels over the whole range, so a cast to a narrower type would show. */
const u16Pixel = (frame: number, p: number): number => (frame * 7919 + p * 10007 + 65000) % 65536;

async function writeMovie(path: string, dataType: 'uint16' | 'float32' | 'uint8', cols: number, rows: number, numFrames: number, dropped: number[]): Promise<void> {
  const timing = makeTiming(numFrames, { period: new Ratio(50, 1000), dropped });
  const writer = await MovieWriter.create(path, { timing, spacing: new Spacing(cols, rows), dataType });
  const pixel = { uint16: u16Pixel, float32: f32Pixel, uint8: (frame: number, p: number) => (frame + p) % 256 }[dataType];
  for (const i of timing.validIndices()) {
    const data = new (dataTypeFromName(dataType).ArrayType)(rows * cols);
    for (let p = 0; p < data.length; p++) data[p] = pixel(i, p);
    await writer.writeFrame(i, data);
  }
  await writer.finish();
}

async function writeCells(path: string, numCells: number, cols: number, rows: number, numSamples: number, units?: string): Promise<void> {
  const timing = makeTiming(numSamples, { dropped: [1] });
  const extraProperties = units === undefined ? undefined : { idps: { cellset: { units } } };
  const writer = await CellSetWriter.create(path, { timing, spacing: new Spacing(cols, rows), extraProperties });
  for (let c = 0; c < numCells; c++) {
    await writer.writeCell(c, {
      footprint: Float32Array.from({ length: rows * cols }, (_, p) => c + p / 7),
      trace: Float32Array.from({ length: numSamples }, (_, i) => Math.fround(c * 100 + i * 0.3 + 0.01)),
      status: (['accepted', 'undecided', 'rejected'] as const)[c % 3],
    });
  }
  await writer.finish();
}

async function writeVessels(path: string, setType: 'vessel diameter' | 'rbc velocity', numSamples: number): Promise<void> {
  const timing = makeTiming(numSamples);
  const spacing = new Spacing(4, 3);
  const writer = await VesselSetWriter.create(path, { timing, spacing, setType });
  const image = new Float32Array(12).fill(1);
  const trace = (v: number) => Float32Array.from({ length: numSamples }, (_, i) => v * 10 + i + 0.5);
  for (let v = 0; v < 2; v++) {
    if (setType === 'vessel diameter') await writer.writeDiameterVessel(v, { image, line: [v, 1, 2, 3], trace: trace(v), centerTrace: trace(v + 5) });
    else {
      await writer.writeRbcVessel(v, {
        image,
        line: BigInt64Array.from({ length: 8 }, (_, k) => BigInt(10 * v + k)),
        trace: trace(v),
        directionTrace: trace(v + 90),
        correlations: { width: 2, height: 1 + v, data: Float32Array.from({ length: numSamples * 3 * 2 * (1 + v) }, (_, k) => k * 0.25) },
      });
    }
  }
  await writer.finish();
}

/** The inputs: every table gets at least two files that differ in what used to change the schema. */
async function writeInputs(dir: string): Promise<void> {
  await writeMovie(join(dir, 'raw-u16.isxd'), 'uint16', 7, 4, 6, [2]);
  await writeMovie(join(dir, 'mc-f32.isxd'), 'float32', 5, 6, 4, []);
  await writeMovie(join(dir, 'small-u8.isxd'), 'uint8', 3, 2, 3, []);
  await writeCells(join(dir, 'cells-a.isxd'), 3, 4, 3, 12);
  await writeCells(join(dir, 'cells-b.isxd'), 5, 6, 5, 20, 'dF over noise');
  const events = (type: 3 | 5, names: string[], packets: { offsetUs: number; channel: number; value: number }[]) => makeModel({ type, channelNames: names, packets });
  await writeEventModel(join(dir, 'events-a.isxd'), events(5, ['C0', 'C1', 'C2'], [
    { offsetUs: 0, channel: 0, value: 1.5 },
    { offsetUs: 70, channel: 0, value: Number.NaN },
    { offsetUs: 20, channel: 2, value: 2.25 },
  ]));
  await writeEventModel(join(dir, 'events-b.isxd'), events(5, ['X1', 'X2'], [{ offsetUs: 2 ** 33 + 7, channel: 1, value: 9 }]));
  await writeEventModel(join(dir, 'gpio.isxd'), events(3, ['GPIO-1', 'EX-LED', 'Digital GPI 0'], [
    { offsetUs: 0, channel: 0, value: 1 },
    { offsetUs: 10, channel: 1, value: 0.5 },
    { offsetUs: 30, channel: 2, value: 1 },
  ]));
  await writeRawImu(join(dir, 'motion.imu'), {
    accelerometer: Array.from({ length: 3 }, (_, i) => ({ x: -1 - i, y: 100 + i, z: 16384 })),
    orientation: Array.from({ length: 3 }, (_, i) => ({ x: -3224, y: 2048 * i, z: 1, reserved: 25 })),
    magnetometer: [{ x: 7, y: -8, z: 9 }],
    session: {
      timingInfo: {
        start: { secsSinceEpoch: { num: 1581619401465, den: 1000 }, utcOffset: 0 },
        end: { secsSinceEpoch: { num: 1581619405683, den: 1000 }, utcOffset: 0 },
        accelerometer: { periodMs: { num: 20, den: 1 }, dropped: [1], numTimes: 4 },
        magnetometer: { periodMs: { num: 400, den: 1 }, dropped: [], numTimes: 1 },
      },
    },
  });
  await writeVessels(join(dir, 'diameter.isxd'), 'vessel diameter', 6);
  await writeVessels(join(dir, 'rbc.isxd'), 'rbc velocity', 9);
}

/**
 * A list of numbers (pixels, traces: millions of values) as the digest of its float64 bytes: every value
 * exact, without writing each as text.
 */
function numbersDigest(values: readonly (number | bigint)[]): string {
  return `f64:${values.length}:${createHash('sha256').update(Float64Array.from(values, Number)).digest('hex')}`;
}

/** A value a float64 holds exactly (engines give int64 lists as numbers or bigints); NaN is left to `canonical`. */
function isExactNumber(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isNaN(value);
  return typeof value === 'bigint' && value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER);
}

/** One value in a form every engine's output can be compared in: exact text of numbers, NaN by name. */
function canonical(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (Array.isArray(value)) return value.every(isExactNumber) ? numbersDigest(value as (number | bigint)[]) : value.map(canonical);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  return value as JsonValue;
}

/** Rows as sorted JSON lines, so tables from different engines compare as multisets of exact rows. */
function rowSet(rows: readonly Record<string, unknown>[]): string[] {
  return rows.map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, canonical(v)])))).sort();
}

/** `select` list that gives timestamps as epoch microseconds (every engine's common form). */
async function selectList(from: string): Promise<string> {
  const columns = await duck(`select column_name as name, column_type as type from (describe select * from ${from})`);
  return columns.map((c) => (String(c.type).startsWith('TIMESTAMP') ? `epoch_us("${c.name}") as "${c.name}"` : `"${c.name}"`)).join(', ');
}

/** Reads every table with one glob in pyarrow.dataset and in Polars; prints {table: {pyarrow: rows, polars: rows}} as JSON. */
const PYTHON_READER = `
import hashlib, json, math, struct, sys
import pyarrow as pa, pyarrow.dataset as ds, polars as pl

def plain(table):
    columns = {}
    for name in table.column_names:
        col = table[name]
        if pa.types.is_dictionary(col.type):
            col = col.cast(pa.string())
        if pa.types.is_timestamp(col.type):
            col = col.cast(pa.int64())
        columns[name] = col
    return pa.table(columns).to_pylist()

def exact_number(x):
    if isinstance(x, bool):
        return False
    if isinstance(x, float):
        return not math.isnan(x)
    return isinstance(x, int) and abs(x) <= 2**53 - 1

def clean(v):
    if isinstance(v, float) and math.isnan(v):
        return 'NaN'
    if isinstance(v, list):
        # numbersDigest of the test: the sha256 of the list's float64 bytes, little-endian.
        if all(exact_number(x) for x in v):
            return 'f64:%d:%s' % (len(v), hashlib.sha256(struct.pack('<%dd' % len(v), *v)).hexdigest())
        return [clean(x) for x in v]
    if isinstance(v, bytes):
        return v.hex()
    return v

out = {}
root = sys.argv[1]
for table in sys.argv[2:]:
    arrow = ds.dataset(f'{root}/{table}', format='parquet', partitioning='hive').to_table()
    frame = pl.scan_parquet(f'{root}/{table}/**/*.parquet', hive_partitioning=True).collect()
    frame = frame.with_columns([pl.col(c).cast(pl.Utf8) for c, t in frame.schema.items() if t == pl.Categorical or t == pl.Enum])
    frame = frame.with_columns([pl.col(c).dt.epoch('us') for c, t in frame.schema.items() if isinstance(t, pl.Datetime)])
    out[table] = {
        'pyarrow': [{k: clean(v) for k, v in row.items()} for row in plain(arrow)],
        'polars': [{k: clean(v) for k, v in row.items()} for row in frame.to_dicts()],
        'pyarrow_types': {f.name: str(f.type) for f in arrow.schema},
    }
print(json.dumps(out))
`;

/** A converted dataset: its inputs, its Hive-partitioned output folder and how to read it. */
interface Lake {
  inputs: string[];
  out: string;
  /** `read_parquet` of every file of a table, with Hive partitions (the only option given). */
  glob(table: string): string;
}

/**
 * Converts the files `makeInputs` gives into one folder (`partitionBy: ['recording']`) and checks that every
 * table in `tables` reads with one glob in DuckDB, pyarrow.dataset and Polars, each value equal to what
 * DuckDB reads from that file alone. `more` adds checks of its own.
 */
function describeDataset(title: string, tables: readonly string[], makeInputs: (dir: string) => Promise<string[]>, more: (lake: () => Lake) => void): void {
  describe(title, () => {
    const dir = useTempDir();
    let inputs: string[] = [];
    let out = '';
    const glob = (table: string): string => `read_parquet(${sqlPath(`${out}/${table}/*/*.parquet`)}, hive_partitioning = true)`;

    before(async function () {
      this.timeout(300_000);
      const inDir = dir.file('in');
      await mkdir(inDir);
      inputs = await makeInputs(inDir);
      out = dir.file('lake');
      for (const input of inputs) await convertFile(input, { to: 'parquet', outDir: out, keys: { recording: input.split('/').pop()!.replace(/\.[^.]+$/, '') }, partitionBy: ['recording'] });
    });

    const partFiles = async (table: string): Promise<[session: string, path: string][]> => {
      const folders = (await readdir(join(out, table))).sort();
      return Promise.all(
        folders.map(async (folder): Promise<[string, string]> => {
          const [part] = (await readdir(join(out, table, folder))).filter((name) => name.endsWith('.parquet'));
          return [decodeURIComponent(folder.slice('recording='.length)), join(out, table, folder, part!)];
        }),
      );
    };

    /** Each file of a table read alone by DuckDB, with its session added: the reference the glob must equal. */
    /** The rows of each file of `table` read alone by DuckDB, as a `rowSet`: read once, compared with every engine. */
    const singleFileRowSets = new Map<string, Promise<string[]>>();
    function singleFileRows(table: string): Promise<string[]> {
      let rowSetOfTable = singleFileRowSets.get(table);
      if (rowSetOfTable === undefined) {
        rowSetOfTable = (async () => {
          const rows: Record<string, unknown>[] = [];
          for (const [session, path] of await partFiles(table)) {
            const from = `read_parquet(${sqlPath(path)}, hive_partitioning = false)`;
            rows.push(...(await duck(`select ${await selectList(from)}, ${sqlPath(session)} as recording from ${from}`)));
          }
          return rowSet(rows);
        })();
        singleFileRowSets.set(table, rowSetOfTable);
      }
      return rowSetOfTable;
    }

    it('writes every table from at least two inputs that used to give it different schemas', async () => {
      for (const table of tables) expect((await partFiles(table)).length, table).to.be.at.least(2);
    });

    for (const table of tables) {
      it(`DuckDB reads ${table} with one plain glob and gets exactly the rows of each file read alone`, async function () {
        this.timeout(120_000);
        const all = await duck(`select ${await selectList(glob(table))} from ${glob(table)}`);
        expect(all.length).to.be.greaterThan(0);
        expect(rowSet(all)).to.deep.equal(await singleFileRows(table));
      });
    }

    it('gives every time-based table time_s = (timestamp − recording start) / 10^6', async function () {
      this.timeout(120_000);
      for (const table of tables.filter((t) => TIMED.includes(t))) {
        const rows = await duck(`select recording, epoch_us(timestamp) as us, time_s from ${glob(table)}`);
        for (const input of inputs) {
          const session = input.split('/').pop()!.replace(/\.[^.]+$/, '');
          const mine = rows.filter((r) => r.recording === session);
          if (mine.length === 0) continue;
          await using dataSet = await open(input);
          const startUs = dataSet.timing.start.toMicros();
          for (const row of mine) expect(row.time_s, `${table} ${session}`).to.equal(Number((row.us as bigint) - startUs) / 1e6);
        }
      }
    });

    describe('in pyarrow datasets and Polars', () => {
      const python = findPython();
      let read: Record<string, { pyarrow: Record<string, unknown>[]; polars: Record<string, unknown>[]; pyarrow_types: Record<string, string> }>;

      before(async function () {
        if (python === undefined) {
          console.log('      (skipped: set ISX_PYTHON to a Python with pyarrow and polars, e.g. ISX_PYTHON=/work/pyenv/bin/python)');
          this.skip();
        }
        this.timeout(300_000);
        const script = dir.file('read_lake.py');
        await writeFile(script, PYTHON_READER);
        const result = spawnSync(python!, [script, out, ...tables], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
        expect(result.status, result.stderr).to.equal(0);
        read = parseJson(result.stdout) as never;
      });

      for (const table of tables) {
        it(`pyarrow.dataset and Polars read ${table} with one glob, every value equal to DuckDB's read of each file`, async function () {
          this.timeout(120_000);
          const expected = await singleFileRows(table);
          expect(rowSet(read[table]!.pyarrow), 'pyarrow').to.deep.equal(expected);
          expect(rowSet(read[table]!.polars), 'polars').to.deep.equal(expected);
        });
      }

      if (tables.includes('frames')) {
        it('pyarrow sees each pixel column in its own type, whichever file comes first', () => {
          const types = read.frames!.pyarrow_types;
          expect([types.pixels_uint8, types.pixels_uint16, types.pixels_float32]).to.deep.equal([
            'list<item: uint8 not null>',
            'list<item: uint16 not null>',
            'list<item: float not null>',
          ]);
        });
      }
    });

    more(() => ({ inputs, out, glob }));
  });
}

/** Tables whose rows are samples in time. */
const TIMED = ['frames', 'behavior_frames', 'traces', 'events', 'samples', 'vessel_traces', 'tracking', 'zones'];

describeDataset(
  'a folder of synthetic files of different sizes, pixel types, cell and sample counts, read back as one dataset',
  ['frames', 'cells', 'traces', 'events', 'samples', 'vessels', 'vessel_traces'],
  async (dir) => {
    await writeInputs(dir);
    return (await readdir(dir)).sort().map((name) => join(dir, name));
  },
  (lake) => {
    it('keeps float32 pixels (974.27…) and uint16 pixels up to 65535 exact through the glob, with shape and stored type', async () => {
      const { inputs, glob } = lake();
      const rows = await duck(
        `select recording, frame_index, rows, cols, pixel_type::varchar as pixel_type, typeof(pixels_uint8) as u8, typeof(pixels_uint16) as u16,
                typeof(pixels_float32) as f32, coalesce(pixels_uint8::double[], pixels_uint16::double[], pixels_float32::double[]) as pixels,
                (pixels_uint8 is not null)::int + (pixels_uint16 is not null)::int + (pixels_float32 is not null)::int as filled
         from ${glob('frames')} order by recording, frame_index`,
      );
      expect([...new Set(rows.map((r) => r.recording))]).to.deep.equal(['mc-f32', 'raw-u16', 'small-u8']);
      // Each pixel type keeps its own column type in every file of the glob; a frame fills at most the one of its type.
      expect(new Set(rows.map((r) => `${r.u8} ${r.u16} ${r.f32}`))).to.deep.equal(new Set(['UTINYINT[] USMALLINT[] FLOAT[]']));
      expect(rows.every((r) => r.filled === (r.pixels === null ? 0 : 1))).to.equal(true);
      for (const input of inputs.filter((path) => /(u16|f32|u8)\.isxd$/.test(path))) {
        await using movie = (await open(input)) as Movie;
        const session = input.split('/').pop()!.replace('.isxd', '');
        const mine = rows.filter((r) => r.recording === session);
        expect(mine).to.have.length(movie.timing.numSamples);
        const [numRows, numCols] = movie.spacing.numPixels;
        for (const [i, row] of mine.entries()) {
          expect([row.rows, row.cols, row.pixel_type], `${session} frame ${i}`).to.deep.equal([numRows, numCols, movie.dataType]);
          const expected = movie.getFrameStatus(i) === 'valid' ? Array.from(await movie.getFrameData(i)) : null;
          expect(row.pixels, `${session} frame ${i}`).to.deep.equal(expected);
        }
      }
      const f32 = rows.find((r) => r.recording === 'mc-f32')!.pixels as number[];
      expect(f32[0]).to.equal(Math.fround(974.27));
      expect(Math.max(...rows.filter((r) => r.recording === 'raw-u16' && r.pixels !== null).flatMap((r) => r.pixels as number[]))).to.be.at.least(65000);
    });
  },
);

/** Real files of every kind the fixtures hold, at their own sizes (MANIFEST.md), linked into one input folder. */
const REAL_INPUTS = [
  ['ideas-toolbox-caiman', 'movie_part3.isxd'],
  ['ideas-toolbox-caiman', 'IM13_session1_2024-10-07_local_corr_img.isxd'],
  ['ideas-toolbox-caiman', 'cellset_series_part1.isxd'],
  ['ideas-neural-circuit-analysis', 'cellset_accepted_undecided_and_rejected_cells.isxd'],
  ['ideas-toolbox-caiman', 'IM13_session1_2024-10-07_eventset_10cells-10s-subset.isxd'],
  ['ideas-toolbox-caiman', 'sample_eventset_msr_1.isxd'],
  ['ideas-toolbox-deeplabcut', '2023-01-27-10-34-22-camera-1_trimmed_1s.isxb'],
  ['ideas-toolbox-deeplabcut', 'Group-20240111-080531_2024-01-12-08-55-21_sched_0.isxb'],
] as const;

if (haveRealFixtures) {
  describeDataset(
    'real movies, images, cell sets, event sets and behaviour movies of different sizes, read back as one dataset',
    ['frames', 'cells', 'traces', 'events', 'behavior_frames'],
    async (dir) => {
      const inputs: string[] = [];
      for (const [repo, name] of REAL_INPUTS) {
        inputs.push(join(dir, name));
        await symlink(realFixture(repo, name), join(dir, name));
      }
      return inputs;
    },
    () => undefined,
  );
} else {
  describeReal('real files read back as one dataset', () => undefined);
}
