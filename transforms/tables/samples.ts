import { Field, Float32, Int32, Int64, Schema, Utf8 } from 'apache-arrow';
import type { SampleRecord } from '../../lib/core/records.js';
import { TIMESTAMP_US, makeBatch, makeFloat32Data, makeInt32Data, makeInt64Data, makeTimestampData, makeUtf8Data } from './columns.js';
import { tableMetadata, type TableSource, type TableSpec } from './tableSpec.js';

/** Schema of the GPIO / IMU `samples` table (design 5). */
export function samplesSchema(options: TableSource): Schema {
  return new Schema(
    [
      new Field('channel_index', new Int32(), false),
      new Field('channel', new Utf8(), false),
      new Field('offset_us', new Int64(), false),
      new Field('timestamp', TIMESTAMP_US, false),
      new Field('value', new Float32(), false),
    ],
    tableMetadata(options),
  );
}

export function samplesTable(options: TableSource): TableSpec<SampleRecord> {
  const schema = samplesSchema(options);
  return {
    name: 'samples',
    schema,
    rowCountOf: () => 1,
    byteLengthOf: (sample) => sample.channel.length + 24,
    toBatch(samples) {
      const children = [
        makeInt32Data(Int32Array.from(samples, (s) => s.channelIndex)),
        makeUtf8Data(samples.map((s) => s.channel)),
        makeInt64Data(BigInt64Array.from(samples, (s) => BigInt(s.offsetUs))),
        makeTimestampData(BigInt64Array.from(samples, (s) => BigInt(s.timestampUs))),
        makeFloat32Data(Float32Array.from(samples, (s) => s.value)),
      ];
      return makeBatch(schema, children, samples.length);
    },
  };
}
