import { Field, Float64, Int64, Utf8 } from 'apache-arrow';
import type { TrackingRecord, VideoFrameRecord } from '../../lib/core/records.js';
import {
  TIMESTAMP_US,
  fieldWithUnit,
  fixedListType,
  frameIndexColumn,
  makeFixedListData,
  makeFloat64Data,
  makeInt64Data,
  makeTimestampData,
  makeUtf8Data,
  secondsSince,
  timeSecondsColumn,
  timestampColumn,
} from './columns.js';
import { columnLayout, tableMetadata, type Column, type TableSpec, type TimedTableSource } from './tableSpec.js';

/** spec 8.2: the tracker writes box and confidence as JSON doubles; they are kept as such (float64), not rounded. */
const BOX_TYPE = fixedListType(4);

type TrackedFrame = VideoFrameRecord & { tracking: TrackingRecord };

const trackingColumns = (startUs: number): Column<readonly TrackedFrame[]>[] => [
  frameIndexColumn(),
  timestampColumn(),
  timeSecondsColumn(startUs),
  {
    field: new Field('box', BOX_TYPE, false),
    build: (frames) => {
      const boxes = new Float64Array(frames.length * 4);
      frames.forEach((f, i) => boxes.set(f.tracking.box, i * 4));
      return makeFixedListData(BOX_TYPE, boxes);
    },
  },
  { field: new Field('confidence', new Float64(), false), build: (frames) => makeFloat64Data(Float64Array.from(frames, (f) => f.tracking.confidence)) },
];

/** The behaviour movie `tracking` table: one row per frame that has a tracker entry (spec 8.2). */
export function trackingTable(options: TimedTableSource): TableSpec<VideoFrameRecord> {
  const { schema, toBatch } = columnLayout(trackingColumns(options.startUs), tableMetadata(options));
  return {
    name: 'tracking',
    schema,
    rowCountOf: (frame) => (frame.tracking ? 1 : 0),
    byteLengthOf: () => 40,
    toBatch(frames) {
      const tracked = frames.filter((f): f is TrackedFrame => f.tracking !== undefined);
      return toBatch(tracked, tracked.length);
    },
  };
}

/** One zone entry of a frame's tracker. */
interface ZoneRow {
  frame: VideoFrameRecord;
  zone: TrackingRecord['zones'][number];
}

const zoneColumns = (startUs: number): Column<readonly ZoneRow[]>[] => [
  { field: new Field('frame_index', new Int64(), false), build: (rows) => makeInt64Data(BigInt64Array.from(rows, (r) => BigInt(r.frame.index))) },
  { field: new Field('timestamp', TIMESTAMP_US, false), build: (rows) => makeTimestampData(BigInt64Array.from(rows, (r) => BigInt(r.frame.timestampUs))) },
  { field: fieldWithUnit('time_s', new Float64(), false, 's'), build: (rows) => makeFloat64Data(Float64Array.from(rows, (r) => secondsSince(r.frame.timestampUs, startUs))) },
  // Zone ids exceed 2^31 (real frames carry the low 32 bits of a 41-bit session id; lib/isxb/quirks.ts).
  { field: new Field('zone_id', new Int64(), false), build: (rows) => makeInt64Data(BigInt64Array.from(rows, (r) => BigInt(r.zone.id))) },
  { field: new Field('zone_name', new Utf8(), false), build: (rows) => makeUtf8Data(rows.map((r) => r.zone.name)) },
  { field: new Field('event', new Utf8(), true), build: (rows) => makeUtf8Data(rows.map((r) => r.zone.event)) },
  { field: new Field('trig', new Utf8(), true), build: (rows) => makeUtf8Data(rows.map((r) => r.zone.trig)) },
];

/** The `zones` table: one row per zone entry of a frame's tracker (spec 8.2: event e/o/x, trig). */
export function zonesTable(options: TimedTableSource): TableSpec<VideoFrameRecord> {
  const { schema, toBatch } = columnLayout(zoneColumns(options.startUs), tableMetadata(options));
  return {
    name: 'zones',
    schema,
    rowCountOf: (frame) => frame.tracking?.zones.length ?? 0,
    byteLengthOf: (frame) => (frame.tracking?.zones.length ?? 0) * 48,
    toBatch(frames) {
      const rows = frames.flatMap((f) => (f.tracking?.zones ?? []).map((zone) => ({ frame: f, zone })));
      return toBatch(rows, rows.length);
    },
  };
}
