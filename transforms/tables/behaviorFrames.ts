import { Binary, Field, Int64, Schema, Uint8, Uint64 } from 'apache-arrow';
import type { VideoFrameRecord } from '../../lib/core/records.js';
import {
  TIMESTAMP_US,
  concatenateRows,
  fixedListType,
  makeBatch,
  makeBinaryData,
  makeFixedListData,
  makeInt64Data,
  makeTimestampData,
  makeUint64Data,
} from './columns.js';
import { FRAME_STATUS } from './frames.js';
import { pixelShapeMetadata, tableMetadata, type TableSource, type TableSpec } from './tableSpec.js';

export interface BehaviorFramesTableOptions extends TableSource {
  rows: number;
  cols: number;
  /** Decoded luma planes (`pixels` uint8) instead of the stored JPEG bytes (`jpeg` binary). */
  decoded: boolean;
}

/** Schema of the behaviour movie `frames` table (design 5); dropped frames have null `jpeg`/`pixels`. */
export function behaviorFramesSchema(options: BehaviorFramesTableOptions): Schema {
  const image = options.decoded
    ? new Field('pixels', fixedListType(new Uint8(), options.rows * options.cols), true)
    : new Field('jpeg', new Binary(), true);
  return new Schema(
    [
      new Field('frame_index', new Int64(), false),
      new Field('timestamp', TIMESTAMP_US, false),
      new Field('tsc', new Uint64(), false),
      new Field('fc', new Uint64(), false),
      new Field('status', FRAME_STATUS.type, false),
      image,
    ],
    tableMetadata(options, pixelShapeMetadata(options.rows, options.cols)),
  );
}

export function behaviorFramesTable(options: BehaviorFramesTableOptions): TableSpec<VideoFrameRecord> {
  const schema = behaviorFramesSchema(options);
  const pixelCount = options.rows * options.cols;
  const pixelType = fixedListType(new Uint8(), pixelCount);
  return {
    name: 'frames',
    schema,
    rowCountOf: () => 1,
    byteLengthOf: (frame) => (frame.jpeg?.byteLength ?? frame.data?.byteLength ?? 0) + 48,
    toBatch(frames) {
      const valid = frames.map((f) => f.status === 'valid');
      const image = options.decoded
        ? makeFixedListData(pixelType, concatenateRows(frames.map((f) => f.data ?? new Uint8Array(pixelCount)), pixelCount, Uint8Array), valid)
        : makeBinaryData(frames.map((f) => (f.status === 'valid' ? f.jpeg : undefined)));
      const children = [
        makeInt64Data(BigInt64Array.from(frames, (f) => BigInt(f.index))),
        makeTimestampData(BigInt64Array.from(frames, (f) => BigInt(f.timestampUs))),
        makeUint64Data(BigUint64Array.from(frames, (f) => f.tsc)),
        makeUint64Data(BigUint64Array.from(frames, (f) => f.fc)),
        FRAME_STATUS.makeData(frames.map((f) => f.status)),
        image,
      ];
      return makeBatch(schema, children, frames.length);
    },
  };
}
