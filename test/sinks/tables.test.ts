import { expect } from 'chai';
import type { Table } from 'apache-arrow';
import { cellsTable } from '../../transforms/tables/cells.js';
import { tracesTable } from '../../transforms/tables/traces.js';
import { eventsTable } from '../../transforms/tables/events.js';
import { samplesTable } from '../../transforms/tables/samples.js';
import { vesselsTable } from '../../transforms/tables/vessels.js';
import { vesselTracesTable } from '../../transforms/tables/vesselTraces.js';
import { behaviorFramesTable } from '../../transforms/tables/behaviorFrames.js';
import { trackingTable, zonesTable } from '../../transforms/tables/tracking.js';
import { stringifyJson } from '../../lib/json/stringifyJson.js';
import { BIG_TSC, METADATA, START_US, makeCells, makeEvents, makeSamples, makeVessels, makeVideoFrames, timingOf } from '../tables/syntheticRecords.js';
import { duckRows, parquetMetadata, rawMicros, readArrow } from './readBack.js';
import { writeRecords } from './writeRecords.js';
import { useTempDir } from '../helpers/tempDir.js';

const source = (kind: string) => ({ kind, source: `x.${kind}`, metadata: METADATA, startUs: START_US });
const nanCount = (values: ArrayLike<number>) => Array.from(values).filter(Number.isNaN).length;
const column = (t: Table, name: string) => Array.from({ length: t.numRows }, (_, i) => t.getChild(name)!.get(i));

describe('every table through Arrow and Parquet', () => {
  const dir = useTempDir();
  const T = 5;
  const cells = makeCells(4, T);

  it('cells: footprints, traces with NaN, statuses and colours survive', async () => {
    const table = cellsTable({ ...source('cell_set'), rows: 2, cols: 3, unit: 'dF over noise' });
    await writeRecords(table, cells, 'arrow', dir.file('c.arrow'));
    const t = await readArrow(dir.file('c.arrow'));
    expect(column(t, 'name')).to.deep.equal(['C0', 'C1', 'C2', 'C3']);
    expect(column(t, 'status')).to.deep.equal(['accepted', 'undecided', 'rejected', 'accepted']);
    expect(column(t, 'color')).to.deep.equal(cells.map((c) => c.color));
    expect(column(t, 'active')).to.deep.equal([true, false, true, false]);
    expect(Array.from(t.getChild('trace')!.get(2)!.toArray() as Float32Array)).to.deep.equal(Array.from(cells[2]!.trace));
    expect(Array.from(t.getChild('footprint')!.get(3)!.toArray() as Float32Array)).to.deep.equal(Array.from(cells[3]!.footprint));
    expect(t.schema.metadata.get('isx:rows')).to.equal('2');

    await writeRecords(table, cells, 'parquet', dir.file('c.parquet'));
    const rows = await duckRows(
      `select name, status, color, active, len(list_filter(trace, x -> isnan(x))) as nans, list_sum(footprint) as fp from read_parquet('${dir.file('c.parquet')}') order by cell_index`,
    );
    expect(rows.map((r) => r.nans)).to.deep.equal([1n, 1n, 1n, 1n]);
    expect(rows.map((r) => r.fp)).to.deep.equal(cells.map((c) => c.footprint.reduce((a, b) => a + b, 0)));
    expect(rows.map((r) => r.color)).to.deep.equal(cells.map((c) => c.color));
  });

  it('traces: one row per cell and sample, NaN kept, µs timestamps exact', async () => {
    const table = tracesTable({ ...source('cell_set'), timing: timingOf(T) });
    await writeRecords(table, cells, 'arrows', dir.file('t.arrows'));
    const t = await readArrow(dir.file('t.arrows'));
    expect(t.numRows).to.equal(4 * T);
    expect(nanCount(t.getChild('value')!.toArray() as Float32Array)).to.equal(4);
    expect(rawMicros(t, 'timestamp').slice(0, T)).to.deep.equal(Array.from({ length: T }, (_, k) => BigInt(START_US + k * 50_000)));
    expect(column(t, 'sample_index').slice(T, 2 * T)).to.deep.equal([0n, 1n, 2n, 3n, 4n]);
    expect(column(t, 'status')[2 * T]).to.equal('rejected');

    await writeRecords(table, cells, 'parquet', dir.file('t.parquet'));
    const rows = await duckRows(
      `select count(*) as n, count(*) filter (where isnan(value)) as nans, min(epoch_us(timestamp)) as first, sum(value) filter (where not isnan(value)) as total from read_parquet('${dir.file('t.parquet')}')`,
    );
    const expectedTotal = cells.reduce((s, c) => s + Array.from(c.trace).filter((v) => !Number.isNaN(v)).reduce((a, b) => a + b, 0), 0);
    expect(rows[0]).to.deep.equal({ n: 20n, nans: 4n, first: BigInt(START_US), total: expectedTotal });
  });

  it('traces: a windowed cell keeps its file sample indices and own times', async () => {
    const windowed = { ...cells[0]!, trace: cells[0]!.trace.subarray(2), firstSampleIndex: 2, timestampsUs: Float64Array.of(10, 20, 30) };
    const batch = tracesTable(source('cell_set')).toBatch([windowed]);
    expect(Array.from({ length: 3 }, (_, i) => batch.getChild('sample_index')!.get(i))).to.deep.equal([2n, 3n, 4n]);
    expect(Array.from(batch.getChild('timestamp')!.data[0]!.values as BigInt64Array)).to.deep.equal([10n, 20n, 30n]);
  });

  it('events and samples: offsets, timestamps and NaN amplitudes survive', async () => {
    const events = makeEvents(6);
    await writeRecords(eventsTable(source('event_set')), events, 'parquet', dir.file('e.parquet'));
    const rows = await duckRows(`select cell_index, name, offset_us, epoch_us(timestamp) as us, amplitude from read_parquet('${dir.file('e.parquet')}')`);
    expect(rows.map((r) => r.offset_us)).to.deep.equal(events.map((e) => BigInt(e.offsetUs)));
    expect(rows.map((r) => r.us)).to.deep.equal(events.map((e) => BigInt(e.timestampUs)));
    expect(Number.isNaN(rows[2]!.amplitude)).to.equal(true);

    const samples = makeSamples(5);
    await writeRecords(samplesTable(source('gpio')), samples, 'arrow', dir.file('s.arrow'));
    const t = await readArrow(dir.file('s.arrow'));
    expect(column(t, 'channel')).to.deep.equal(samples.map((s) => s.channel));
    expect(nanCount(t.getChild('value')!.toArray() as Float32Array)).to.equal(1);
    expect(rawMicros(t, 'timestamp')).to.deep.equal(samples.map((s) => BigInt(s.timestampUs)));
  });

  it('vessels and vessel traces: int64 line points beyond 2^53, direction, heatmaps', async () => {
    const vessels = makeVessels(2, 3);
    const options = { ...source('vessel_set'), unit: 'microns per second' };
    await writeRecords(vesselsTable(options), vessels, 'arrow', dir.file('v.arrow'));
    const t = await readArrow(dir.file('v.arrow'));
    expect(t.schema.fields.map((f) => f.name)).to.deep.equal(
      // One schema for diameter and RBC sets: columns a set does not store are null.
      ['vessel_index', 'name', 'status', 'type', 'color', 'active', 'line', 'num_samples', 'trace', 'center_trace', 'direction_trace', 'correlation_width', 'correlation_height', 'correlations'],
    );
    expect(Array.from(t.getChild('line')!.get(1)!.toArray() as BigInt64Array)).to.deep.equal(Array.from(vessels[1]!.line));
    expect(column(t, 'type')).to.deep.equal(['rbc velocity', 'rbc velocity']);
    expect(column(t, 'color')).to.deep.equal([0xff00ff00, 0xff00ff01]);
    expect(column(t, 'active')).to.deep.equal([true, false]);
    expect(Array.from(t.getChild('correlations')!.get(1)!.toArray() as Float32Array)).to.deep.equal(Array.from(vessels[1]!.correlations!.data));

    await writeRecords(vesselsTable(options), vessels, 'parquet', dir.file('v.parquet'));
    const rows = await duckRows(`select line[1]::varchar as x0, len(correlations) as n from read_parquet('${dir.file('v.parquet')}') order by vessel_index`);
    expect(rows).to.deep.equal([
      { x0: (2n ** 60n).toString(), n: 18n },
      { x0: (2n ** 60n + 100n).toString(), n: 18n },
    ]);

    const traces = vesselTracesTable({ ...source('vessel_set'), timing: timingOf(3) });
    await writeRecords(traces, vessels, 'parquet', dir.file('vt.parquet'));
    const traceRows = await duckRows(`select vessel_index, sample_index, value, direction from read_parquet('${dir.file('vt.parquet')}') order by vessel_index, sample_index`);
    expect(traceRows.length).to.equal(6);
    expect(Number.isNaN(traceRows[0]!.value)).to.equal(true);
    expect(traceRows.slice(1, 3).map((r) => r.value)).to.deep.equal([1, 2]);
    expect(traceRows.map((r) => r.direction)).to.deep.equal([90, 91, 92, 90, 91, 92]);
  });

  it('behaviour frames: JPEG bytes, u64 tsc and fc, null image for dropped frames', async () => {
    const frames = makeVideoFrames(5);
    const table = behaviorFramesTable({ ...source('behavior_movie'), rows: 2, cols: 2, decoded: false });
    await writeRecords(table, frames, 'arrow', dir.file('b.arrow'));
    const t = await readArrow(dir.file('b.arrow'));
    expect(column(t, 'tsc')[0]).to.equal(BIG_TSC);
    expect(column(t, 'fc')).to.deep.equal([1n, 2n, 3n, 4n, 5n]);
    expect(column(t, 'status')).to.deep.equal(['valid', 'dropped', 'valid', 'valid', 'valid']);
    expect(column(t, 'jpeg')[1]).to.equal(null);
    expect(Array.from(column(t, 'jpeg')[4] as Uint8Array)).to.deep.equal([0xff, 0xd8, 4, 0xff, 0xd9]);

    await writeRecords(table, frames, 'parquet', dir.file('b.parquet'));
    const rows = await duckRows(`select tsc::varchar as tsc, octet_length(jpeg) as n from read_parquet('${dir.file('b.parquet')}') order by frame_index`);
    expect(rows.map((r) => r.n)).to.deep.equal([5n, null, 5n, 5n, 5n]);
    expect(rows[0]!.tsc).to.equal(BIG_TSC.toString());
    expect((await parquetMetadata(dir.file('b.parquet'))).get('isx:kind')).to.equal('behavior_movie');
  });

  it('behaviour frames: decoded luma planes as uint8 pixels', async () => {
    const frames = makeVideoFrames(2).map((f, i) => ({ ...f, data: Uint8Array.of(i, 2, 3, 4) }));
    const batch = behaviorFramesTable({ ...source('behavior_movie'), rows: 2, cols: 2, decoded: true }).toBatch(frames);
    expect(batch.getChild('pixels')!.get(0)!.toArray()).to.deep.equal(Uint8Array.of(0, 2, 3, 4));
    expect(batch.getChild('pixels')!.get(1)).to.equal(null);
  });

  it('tracking: box and confidence read back as the float64 the file holds, in every format', async () => {
    const box: [number, number, number, number] = [526.136215209961, 682.003509521484, 650.984802246094, 908.188293457031];
    const frames = makeVideoFrames(1).map((f) => ({ ...f, tracking: { box, confidence: 67.9860305786133, zones: [] } }));
    await writeRecords(trackingTable(source('behavior_movie')), frames, 'arrow', dir.file('tr64.arrow'));
    const t = await readArrow(dir.file('tr64.arrow'));
    expect([...(t.getChild('box')!.get(0)!.toArray() as Float64Array)]).to.deep.equal(box);
    expect(column(t, 'confidence')).to.deep.equal([67.9860305786133]);
    await writeRecords(trackingTable(source('behavior_movie')), frames, 'parquet', dir.file('tr64.parquet'));
    expect(await duckRows(`select box, confidence from read_parquet('${dir.file('tr64.parquet')}')`)).to.deep.equal([{ box, confidence: 67.9860305786133 }]);
  });

  it('tracking and zones: one row per tracked frame and per zone entry', async () => {
    const frames = makeVideoFrames(5);
    await writeRecords(trackingTable(source('behavior_movie')), frames, 'parquet', dir.file('tr.parquet'));
    const tracking = await duckRows(`select frame_index, box, confidence from read_parquet('${dir.file('tr.parquet')}') order by frame_index`);
    expect(tracking.map((r) => r.frame_index)).to.deep.equal([0n, 2n, 4n]);
    expect(tracking[1]!.box).to.deep.equal([2, 3, 12, 13]);

    await writeRecords(zonesTable(source('behavior_movie')), frames, 'arrow', dir.file('z.arrow'));
    const t = await readArrow(dir.file('z.arrow'));
    expect(column(t, 'frame_index')).to.deep.equal([0n, 0n, 2n, 4n, 4n]);
    expect(column(t, 'zone_name')).to.deep.equal(['left', 'right', 'left', 'left', 'right']);
    expect(column(t, 'event')).to.deep.equal(['e', null, 'e', 'e', null]);
    expect(t.schema.metadata.get('isx:metadata')).to.equal(stringifyJson(METADATA));
  });
});
