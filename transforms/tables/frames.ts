import { Field, Float32, Int32, Uint64 } from 'apache-arrow';
import type { SampleStatus } from '../../lib/core/timing.js';
import type { DataTypeName } from '../../lib/core/dataType.js';
import type { FrameRecord } from '../../lib/core/records.js';
import { IsxError } from '../../lib/errors.js';
import {
  FixedDictionary,
  frameIndexColumn,
  listType,
  makeInt32Data,
  makeListData,
  makeUint64Data,
  timeSecondsColumn,
  timestampColumn,
} from './columns.js';
import { columnLayout, pixelShapeMetadata, tableMetadata, type Column, type TableSpec, type TimedTableSource } from './tableSpec.js';

/** spec 3.3: every sample is one of these; one fixed dictionary for all batches (design 2). */
export const FRAME_STATUS = new FixedDictionary<SampleStatus>(0, ['valid', 'dropped', 'cropped', 'blank']);

/** spec 1.2: the pixel types of movies, as stored (dictionary id 1: `status` uses id 0). */
export const PIXEL_TYPE = new FixedDictionary<DataTypeName>(1, ['uint8', 'uint16', 'float32']);

export interface FramesTableOptions extends TimedTableSource {
  rows: number;
  cols: number;
  dataType: DataTypeName;
}

/** Frame size columns shared by the movie and behaviour frame tables: the shape of each row's `pixels`. */
export function imageShapeColumns<R>(rows: number, cols: number): Column<readonly R[]>[] {
  return [
    { field: new Field('rows', new Int32(), false), build: (rs) => makeInt32Data(new Int32Array(rs.length).fill(rows)) },
    { field: new Field('cols', new Int32(), false), build: (rs) => makeInt32Data(new Int32Array(rs.length).fill(cols)) },
  ];
}

/**
 * The movie/image `frames` table: one schema for every movie, so a dataset's frames read as one table.
 * `pixels` is a row-major list<float32> of rows·cols values (null for invalid frames): float32 holds every
 * uint8, uint16 (< 2^24) and float32 pixel exactly; `pixel_type` keeps the stored type to cast back.
 */
export function framesTable(options: FramesTableOptions): TableSpec<FrameRecord> {
  const columns: Column<readonly FrameRecord[]>[] = [
    frameIndexColumn(),
    timestampColumn(),
    timeSecondsColumn(options.startUs),
    { field: new Field('status', FRAME_STATUS.type, false), build: (frames) => FRAME_STATUS.makeData(frames.map((f) => f.status)) },
    {
      field: new Field('tsc', new Uint64(), true),
      build: (frames) =>
        makeUint64Data(
          BigUint64Array.from(frames, (f) => f.tsc ?? 0n),
          frames.map((f) => f.tsc !== undefined),
        ),
    },
    ...imageShapeColumns<FrameRecord>(options.rows, options.cols),
    { field: new Field('pixel_type', PIXEL_TYPE.type, false), build: (frames) => PIXEL_TYPE.makeData(frames.map(() => options.dataType)) },
    {
      field: new Field('pixels', listType(new Float32()), true),
      build: (frames) => makeListData(new Float32(), Float32Array, frames.map((f) => (f.status === 'valid' ? checkedPixels(f, options) : undefined))),
    },
  ];
  const { schema, toBatch } = columnLayout(columns, tableMetadata(options, pixelShapeMetadata(options.rows, options.cols)));
  return {
    name: 'frames',
    schema,
    rowCountOf: () => 1,
    byteLengthOf: (frame) => frame.data.length * 4 + 48,
    toBatch: (frames) => toBatch(frames, frames.length),
  };
}

/** A frame's pixels, refused when they do not have the table's size (a stage that changed it unannounced). */
function checkedPixels(frame: FrameRecord, options: FramesTableOptions): ArrayLike<number> {
  const expected = options.rows * options.cols;
  if (frame.data.length !== expected) {
    throw new IsxError('E_ARGUMENT', `frame ${frame.index} has ${frame.data.length} pixels; the table's rows × cols is ${options.rows} × ${options.cols} = ${expected}`);
  }
  return frame.data;
}
