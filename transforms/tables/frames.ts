import { Field, Uint8, Uint16, Float32, Uint64 } from 'apache-arrow';
import type { SampleStatus } from '../../lib/core/timing.js';
import { dataTypeFromName, type DataTypeName } from '../../lib/core/dataType.js';
import type { FrameRecord } from '../../lib/core/records.js';
import {
  FixedDictionary,
  concatenateRows,
  fixedListType,
  frameIndexColumn,
  makeFixedListData,
  makeUint64Data,
  timestampColumn,
  type FixedListChild,
} from './columns.js';
import { columnLayout, pixelShapeMetadata, tableMetadata, type Column, type TableSource, type TableSpec } from './tableSpec.js';

/** spec 3.3: every sample is one of these; one fixed dictionary for all batches (design 2). */
export const FRAME_STATUS = new FixedDictionary<SampleStatus>(0, ['valid', 'dropped', 'cropped', 'blank']);

export interface FramesTableOptions extends TableSource {
  rows: number;
  cols: number;
  dataType: DataTypeName;
}

const PIXEL_TYPES: Record<DataTypeName, () => FixedListChild> = {
  uint16: () => new Uint16(),
  float32: () => new Float32(),
  uint8: () => new Uint8(),
};

/** The movie/image `frames` table (design 5): the pixels of a batch are one contiguous buffer, null where the frame is invalid. */
export function framesTable(options: FramesTableOptions): TableSpec<FrameRecord> {
  const pixelType = pixelListType(options);
  const pixelCount = options.rows * options.cols;
  const { ArrayType } = dataTypeFromName(options.dataType);
  const columns: Column<readonly FrameRecord[]>[] = [
    frameIndexColumn(),
    timestampColumn(),
    { field: new Field('status', FRAME_STATUS.type, false), build: (frames) => FRAME_STATUS.makeData(frames.map((f) => f.status)) },
    {
      field: new Field('tsc', new Uint64(), true),
      build: (frames) =>
        makeUint64Data(
          BigUint64Array.from(frames, (f) => f.tsc ?? 0n),
          frames.map((f) => f.tsc !== undefined),
        ),
    },
    {
      field: new Field('pixels', pixelType, true),
      build: (frames) =>
        makeFixedListData(
          pixelType,
          concatenateRows(
            frames.map((f) => f.data),
            pixelCount,
            ArrayType as typeof Uint16Array,
          ),
          frames.map((f) => f.status === 'valid'),
        ),
    },
  ];
  const { schema, toBatch } = columnLayout(columns, tableMetadata(options, pixelShapeMetadata(options.rows, options.cols)));
  return {
    name: 'frames',
    schema,
    rowCountOf: () => 1,
    byteLengthOf: (frame) => frame.data.byteLength + 32,
    toBatch: (frames) => toBatch(frames, frames.length),
  };
}

function pixelListType(options: FramesTableOptions) {
  return fixedListType(PIXEL_TYPES[options.dataType](), options.rows * options.cols);
}
