import { Field, Float32, Int32, Int64, Schema, Utf8 } from 'apache-arrow';
import type { EventRecord } from '../../lib/core/records.js';
import { TIMESTAMP_US, makeBatch, makeFloat32Data, makeInt32Data, makeInt64Data, makeTimestampData, makeUtf8Data } from './columns.js';
import { tableMetadata, type TableSource, type TableSpec } from './tableSpec.js';

/** Schema of the event set `events` table (design 5). */
export function eventsSchema(options: TableSource): Schema {
  return new Schema(
    [
      new Field('cell_index', new Int32(), false),
      new Field('name', new Utf8(), false),
      new Field('offset_us', new Int64(), false),
      new Field('timestamp', TIMESTAMP_US, false),
      new Field('amplitude', new Float32(), false),
    ],
    tableMetadata(options),
  );
}

export function eventsTable(options: TableSource): TableSpec<EventRecord> {
  const schema = eventsSchema(options);
  return {
    name: 'events',
    schema,
    rowCountOf: () => 1,
    byteLengthOf: (event) => event.cellName.length + 24,
    toBatch(events) {
      const children = [
        makeInt32Data(Int32Array.from(events, (e) => e.cellIndex)),
        makeUtf8Data(events.map((e) => e.cellName)),
        makeInt64Data(BigInt64Array.from(events, (e) => BigInt(e.offsetUs))),
        makeTimestampData(BigInt64Array.from(events, (e) => BigInt(e.timestampUs))),
        makeFloat32Data(Float32Array.from(events, (e) => e.amplitude)),
      ];
      return makeBatch(schema, children, events.length);
    },
  };
}
