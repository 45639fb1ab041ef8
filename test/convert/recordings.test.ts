import { expect } from 'chai';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { Ratio } from '../../lib/core/ratio.js';
import { Spacing } from '../../lib/core/spacing.js';
import { convertFile, describeRecording, writeDescription } from '../../lib/convert/index.js';
import type { ConvertOptions } from '../../lib/convert/index.js';
import { writeEventModel } from '../../lib/events/writeEventModel.js';
import { CellSetWriter } from '../../lib/isxd/writeCellSet.js';
import { open } from '../../lib/kinds/open.js';
import { parseJson } from '../../lib/json/parseJson.js';
import { TABLE_SCHEMA_VERSION } from '../../transforms/tables/tableSpec.js';
import { makeModel } from '../events/eventFixtures.js';
import { makeTiming } from '../helpers/isxdFiles.js';
import { ROOT } from '../../scripts/repositoryRoot.js';
import { useTempDir } from '../helpers/tempDir.js';
import { writeTestMovie } from '../isxd/movieTestKit.js';
import { duckRows, parquetMetadata } from '../sinks/readBack.js';
import { writeRawImu } from '../synthetic/writeRawImu.js';

const VERSION = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const OPTIONS: ConvertOptions = { to: 'parquet', outDir: '/somewhere', startSec: 1, cells: ['accepted'], overwrite: true, signal: new AbortController().signal };

/** A raw .imu file with one sample of each sensor (spec 11). */
function writeSmallImu(path: string): Promise<void> {
  return writeRawImu(path, {
    accelerometer: [{ x: 1, y: 2, z: 3 }],
    orientation: [{ x: 1, y: 2, z: 3, reserved: 0 }],
    magnetometer: [{ x: 1, y: 2, z: 3 }],
    session: {
      timingInfo: {
        start: { secsSinceEpoch: { num: 1581619401465, den: 1000 }, utcOffset: 0 },
        end: { secsSinceEpoch: { num: 1581619405683, den: 1000 }, utcOffset: 0 },
        accelerometer: { periodMs: { num: 20, den: 1 }, dropped: [], numTimes: 1 },
        magnetometer: { periodMs: { num: 400, den: 1 }, dropped: [], numTimes: 1 },
      },
    },
  });
}

describe('the recordings and members tables', () => {
  const dir = useTempDir();
  let eventsPath = '';
  let cellsPath = '';
  let moviePath = '';
  let imuPath = '';

  before(async () => {
    eventsPath = dir.file('events.isxd');
    await writeEventModel(
      eventsPath,
      makeModel({
        channelNames: ['C0', 'silent', 'C2'],
        packets: [
          { offsetUs: 0, channel: 0, value: 1 },
          { offsetUs: 50, channel: 0, value: 2 },
          { offsetUs: 10, channel: 2, value: 3 },
        ],
      }),
    );
    cellsPath = dir.file('cells.isxd');
    const writer = await CellSetWriter.create(cellsPath, {
      timing: makeTiming(8, { period: new Ratio(1, 20) }),
      spacing: new Spacing(3, 2),
      extraProperties: { idps: { cellset: { units: 'dF over noise' } }, animal: { id: 'mouse-7' } },
    });
    for (let c = 0; c < 2; c++) await writer.writeCell(c, { footprint: new Float32Array(6), trace: new Float32Array(8).fill(c), status: c === 0 ? 'accepted' : 'rejected' });
    await writer.finish();
    moviePath = dir.file('movie.isxd');
    await writeTestMovie(moviePath, { timing: makeTiming(5, { period: new Ratio(50, 1000) }), spacing: new Spacing(4, 3), dataType: 'float32' });
    imuPath = dir.file('motion.imu');
    await writeSmallImu(imuPath);
  });

  it('describes an event set: keys, kind, relative path, size, timing, counts, version and options', async () => {
    await using set = await open(eventsPath);
    const { recording } = await describeRecording(set, { recording: 'mouse1/day1/events', subject: 'mouse1' }, OPTIONS, 'mouse1/day1/events.isxd');
    expect(recording).to.deep.include({
      keys: { recording: 'mouse1/day1/events', subject: 'mouse1' },
      kind: 'event_set',
      sourcePath: 'mouse1/day1/events.isxd',
      sizeBytes: (await stat(eventsPath)).size,
      startUs: Number(set.timing.start.toMicros()),
      periodS: set.timing.period.secsFloat,
      numSamples: set.timing.numSamples,
      durationS: set.timing.period.mulInt(set.timing.numSamples).secsFloat,
      numCells: 3,
      numEvents: 3,
      isxStreamVersion: VERSION,
    });
    expect(recording.rows).to.equal(undefined);
    // Where a conversion writes and how it reports are not settings of the data.
    expect(parseJson(recording.options)).to.deep.equal({ to: 'parquet', startSec: 1, cells: ['accepted'], overwrite: true });
  });

  it('lists every event-set cell as a member, a cell without events too, with its event count', async () => {
    await using set = await open(eventsPath);
    const { members } = await describeRecording(set, { recording: 'events' }, OPTIONS);
    expect(members.map((m) => [m.member, m.index, m.name, m.numEvents])).to.deep.equal([
      ['cell', 0, 'C0', 2],
      ['cell', 1, 'silent', 0],
      ['cell', 2, 'C2', 1],
    ]);
  });

  it('gives a cell set its trace unit, footprint shape, statuses, trace lengths and acquisition info', async () => {
    await using set = await open(cellsPath);
    const { recording, members } = await describeRecording(set, { recording: 'cells' }, OPTIONS);
    expect(recording).to.deep.include({ unit: 'dF over noise', rows: 2, cols: 3, numCells: 2, numSamples: 8, durationS: 0.4 });
    expect(recording.pixelType).to.equal(undefined);
    expect(parseJson(recording.acquisitionInfo!)).to.deep.include({ 'Animal ID': 'mouse-7', 'Trace Units': 'dF over noise' });
    expect(members.map((m) => [m.name, m.status, m.unit, m.numSamples])).to.deep.equal([
      ['C0', 'accepted', 'dF over noise', 8],
      ['C1', 'rejected', 'dF over noise', 8],
    ]);
  });

  it('gives a movie its image shape and pixel type, and no members', async () => {
    await using movie = await open(moviePath);
    const { recording, members } = await describeRecording(movie, { recording: 'movie' }, OPTIONS);
    expect(recording).to.deep.include({ kind: 'movie', rows: 3, cols: 4, pixelType: 'float32', numSamples: 5, periodS: 0.05, durationS: 0.25 });
    expect(members).to.deep.equal([]);
  });

  it('gives IMU channels the units of spec 11.2 (g from a .imu file, radians, raw counts) and no shared unit', async () => {
    await using imu = await open(imuPath);
    const { recording, members } = await describeRecording(imu, { recording: 'motion' }, OPTIONS);
    expect(recording.unit).to.equal(undefined);
    expect(recording.numChannels).to.equal(9);
    expect(members.map((m) => [m.name, m.unit])).to.deep.equal([
      ['Acc x', 'g'],
      ['Acc y', 'g'],
      ['Acc z', 'g'],
      ['Ori yaw', 'rad'],
      ['Ori pitch', 'rad'],
      ['Ori roll', 'rad'],
      ['Mag x', 'counts'],
      ['Mag y', 'counts'],
      ['Mag z', 'counts'],
    ]);
  });

  it('writes both tables to Parquet with the key columns first, read back exactly by DuckDB', async () => {
    await using set = await open(eventsPath);
    const description = await describeRecording(set, { recording: 'mouse1/events', subject: 'mouse1' }, OPTIONS, 'mouse1/events.isxd');
    const out = dir.file('described');
    const written = await writeDescription(description, ['recording', 'subject'], { to: 'parquet', outDir: out }, (table) => join(out, `${table}.parquet`));
    expect(written.map((w) => [w.table, w.rows])).to.deep.equal([
      ['recordings', 1],
      ['members', 3],
    ]);
    const [row] = await duckRows(
      `select recording, subject, kind, source_path, size_bytes, epoch_us(start) as start_us, num_samples, num_cells, num_events, rows, pixel_type, isx_stream_version
       from read_parquet('${join(out, 'recordings.parquet')}')`,
    );
    expect(row).to.deep.equal({
      recording: 'mouse1/events',
      subject: 'mouse1',
      kind: 'event_set',
      source_path: 'mouse1/events.isxd',
      size_bytes: BigInt((await stat(eventsPath)).size),
      start_us: set.timing.start.toMicros(),
      num_samples: BigInt(set.timing.numSamples),
      num_cells: 3,
      num_events: 3n,
      rows: null,
      pixel_type: null,
      isx_stream_version: VERSION,
    });
    const members = await duckRows(`select recording, member_index, name, num_events, status from read_parquet('${join(out, 'members.parquet')}') order by member_index`);
    expect(members.map((m) => [m.recording, m.member_index, m.name, m.num_events, m.status])).to.deep.equal([
      ['mouse1/events', 0, 'C0', 2n, null],
      ['mouse1/events', 1, 'silent', 0n, null],
      ['mouse1/events', 2, 'C2', 1n, null],
    ]);
    expect((await parquetMetadata(join(out, 'recordings.parquet'))).get('isx-stream:version')).to.equal(VERSION);
  });

  it('writes no members output for an input without members', async () => {
    await using movie = await open(moviePath);
    const out = dir.file('movie-described');
    const written = await writeDescription(await describeRecording(movie, { recording: 'movie' }, OPTIONS), ['recording'], { to: 'arrow', outDir: out }, (table) => join(out, `${table}.arrow`));
    expect(written.map((w) => w.table)).to.deep.equal(['recordings']);
    const table = tableFromIPC(await readFile(join(out, 'recordings.arrow')));
    expect(table.schema.fields.find((f) => f.name === 'duration_s')!.metadata.get('unit')).to.equal('s');
    expect(table.getChild('pixel_type')!.get(0)).to.equal('float32');
  });
});

describe('units, time_s and version metadata in the data tables', () => {
  const dir = useTempDir();

  it('puts the cell set trace unit on the traces value and cells trace fields, and seconds on time_s', async () => {
    const path = dir.file('units.isxd');
    const writer = await CellSetWriter.create(path, { timing: makeTiming(3), spacing: new Spacing(2, 2), extraProperties: { idps: { cellset: { units: 'dF/F' } } } });
    await writer.writeCell(0, { footprint: new Float32Array(4), trace: Float32Array.of(1, 2, 3) });
    await writer.finish();
    const outputs = await convertFile(path, { to: 'arrow', outDir: dir.file('units') });
    const traces = tableFromIPC(await readFile(outputs.find((o) => o.table === 'traces')!.path));
    const unitOf = (name: string) => traces.schema.fields.find((f) => f.name === name)!.metadata.get('unit');
    expect([unitOf('value'), unitOf('time_s')]).to.deep.equal(['dF/F', 's']);
    expect(Array.from(traces.getChild('time_s')!.toArray() as Float64Array)).to.deep.equal([0, 0.05, 0.1]);
    const cells = tableFromIPC(await readFile(outputs.find((o) => o.table === 'cells')!.path));
    expect(cells.schema.fields.find((f) => f.name === 'trace')!.metadata.get('unit')).to.equal('dF/F');
    expect(cells.schema.metadata.get('isx-stream:version')).to.equal(VERSION);
    expect(cells.schema.metadata.get('isx-stream:schema-version')).to.equal(TABLE_SCHEMA_VERSION);
  });

  it('gives each IMU sample its channel unit in a unit column', async () => {
    const path = dir.file('m.imu');
    await writeSmallImu(path);
    const [output] = await convertFile(path, { to: 'parquet', outDir: dir.file('imu') });
    const rows = await duckRows(`select distinct channel, unit from read_parquet('${output!.path}') order by channel`);
    expect(Object.fromEntries(rows.map((r) => [r.channel, r.unit]))).to.deep.equal({
      'Acc x': 'g', 'Acc y': 'g', 'Acc z': 'g', 'Mag x': 'counts', 'Mag y': 'counts', 'Mag z': 'counts', 'Ori pitch': 'rad', 'Ori roll': 'rad', 'Ori yaw': 'rad',
    });
  });

  it('stores the footer JSON once in Parquet (key-value metadata, not the embedded ARROW:schema) and names the version in created_by', async () => {
    const path = dir.file('marked.isxd');
    await writeTestMovie(path, { timing: makeTiming(2), dataType: 'uint16', extraProperties: { marker: 'footer-json-once-7f3a' } });
    const [output] = await convertFile(path, { to: 'parquet', outDir: dir.file('marked') });
    const metadata = await parquetMetadata(output!.path);
    expect(metadata.get('isx:metadata')).to.include('footer-json-once-7f3a');
    const arrowSchema = Buffer.from(metadata.get('ARROW:schema')!, 'base64').toString('latin1');
    expect(arrowSchema).to.include('isx:kind').and.not.include('footer-json-once-7f3a');
    expect(metadata.get('isx-stream:schema-version')).to.equal(TABLE_SCHEMA_VERSION);
    const [file] = await duckRows(`select created_by from parquet_file_metadata('${output!.path}')`);
    expect(file!.created_by).to.equal(`isx-stream version ${VERSION}`);
  });
});
