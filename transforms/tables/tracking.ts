import { Field, Float32, Int64, Schema, Utf8 } from 'apache-arrow';
import type { TrackingRecord, VideoFrameRecord } from '../../lib/core/records.js';
import {
  TIMESTAMP_US,
  fixedListType,
  makeBatch,
  makeFixedListData,
  makeFloat32Data,
  makeInt64Data,
  makeTimestampData,
  makeUtf8Data,
} from './columns.js';
import { tableMetadata, type TableSource, type TableSpec } from './tableSpec.js';

const BOX_TYPE = fixedListType(new Float32(), 4);

/** Schema of the behaviour movie `tracking` table: one row per frame that has a tracker entry (spec 8.2). */
export function trackingSchema(options: TableSource): Schema {
  return new Schema(
    [
      new Field('frame_index', new Int64(), false),
      new Field('timestamp', TIMESTAMP_US, false),
      new Field('box', BOX_TYPE, false),
      new Field('confidence', new Float32(), false),
    ],
    tableMetadata(options),
  );
}

export function trackingTable(options: TableSource): TableSpec<VideoFrameRecord> {
  const schema = trackingSchema(options);
  return {
    name: 'tracking',
    schema,
    rowCountOf: (frame) => (frame.tracking ? 1 : 0),
    byteLengthOf: () => 40,
    toBatch(frames) {
      const tracked = frames.filter((f): f is VideoFrameRecord & { tracking: TrackingRecord } => f.tracking !== undefined);
      const boxes = new Float32Array(tracked.length * 4);
      tracked.forEach((f, i) => boxes.set(f.tracking.box, i * 4));
      const children = [
        makeInt64Data(BigInt64Array.from(tracked, (f) => BigInt(f.index))),
        makeTimestampData(BigInt64Array.from(tracked, (f) => BigInt(f.timestampUs))),
        makeFixedListData(BOX_TYPE, boxes),
        makeFloat32Data(Float32Array.from(tracked, (f) => f.tracking.confidence)),
      ];
      return makeBatch(schema, children, tracked.length);
    },
  };
}

/** Schema of the `zones` table: one row per zone entry of a frame's tracker (spec 8.2: event e/o/x, trig). */
export function zonesSchema(options: TableSource): Schema {
  return new Schema(
    [
      new Field('frame_index', new Int64(), false),
      new Field('timestamp', TIMESTAMP_US, false),
      new Field('zone_id', new Int64(), false),
      new Field('zone_name', new Utf8(), false),
      new Field('event', new Utf8(), true),
      new Field('trig', new Utf8(), true),
    ],
    tableMetadata(options),
  );
}

export function zonesTable(options: TableSource): TableSpec<VideoFrameRecord> {
  const schema = zonesSchema(options);
  return {
    name: 'zones',
    schema,
    rowCountOf: (frame) => frame.tracking?.zones.length ?? 0,
    byteLengthOf: (frame) => (frame.tracking?.zones.length ?? 0) * 48,
    toBatch(frames) {
      const rows = frames.flatMap((f) => (f.tracking?.zones ?? []).map((zone) => ({ frame: f, zone })));
      const children = [
        makeInt64Data(BigInt64Array.from(rows, (r) => BigInt(r.frame.index))),
        makeTimestampData(BigInt64Array.from(rows, (r) => BigInt(r.frame.timestampUs))),
        // Zone ids exceed 2^31 (real frames carry the low 32 bits of a 41-bit session id; lib/isxb/quirks.ts).
        makeInt64Data(BigInt64Array.from(rows, (r) => BigInt(r.zone.id))),
        makeUtf8Data(rows.map((r) => r.zone.name)),
        makeUtf8Data(rows.map((r) => r.zone.event)),
        makeUtf8Data(rows.map((r) => r.zone.trig)),
      ];
      return makeBatch(schema, children, rows.length);
    },
  };
}
