import { Field, Float32, Int32, Uint8, Uint16, Uint64 } from 'apache-arrow';
import type { SampleStatus } from '../../lib/core/timing.js';
import { dataTypeFromName, type DataTypeName } from '../../lib/core/dataType.js';
import type { FrameRecord } from '../../lib/core/records.js';
import { IsxError } from '../../lib/errors.js';
import {
  FixedDictionary,
  frameIndexColumn,
  listType,
  makeInt32Data,
  type ListChild,
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

/** One list column per pixel type, in `PIXEL_TYPE` order: the column named by a frame's `pixel_type` holds its pixels. */
const PIXEL_COLUMNS: readonly [DataTypeName, () => ListChild][] = [
  ['uint8', () => new Uint8()],
  ['uint16', () => new Uint16()],
  ['float32', () => new Float32()],
];

/**
 * The movie/image `frames` table, in one schema for every movie so a dataset's frames read as one table.
 * The pixels of a frame (row-major, `rows`·`cols`) are in the list column of its stored type —
 * `pixels_uint8`, `pixels_uint16` or `pixels_float32`, named by `pixel_type` — and the other two are null:
 * every value stays in its own type, exact and as compact as stored. Invalid frames have no pixels.
 */
export function framesTable(options: FramesTableOptions): TableSpec<FrameRecord> {
  const pixelColumns = PIXEL_COLUMNS.map(
    ([dataType, element]): Column<readonly FrameRecord[]> => ({
      field: new Field(`pixels_${dataType}`, listType(element()), true),
      build: (frames) =>
        makeListData(
          element(),
          dataTypeFromName(dataType).ArrayType,
          frames.map((f) => (dataType === options.dataType && f.status === 'valid' ? checkedPixels(f, options) : undefined)),
        ),
    }),
  );
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
    ...pixelColumns,
  ];
  const { schema, toBatch } = columnLayout(columns, tableMetadata(options, pixelShapeMetadata(options.rows, options.cols)));
  return {
    name: 'frames',
    schema,
    rowCountOf: () => 1,
    rowBytes: options.rows * options.cols * dataTypeFromName(options.dataType).bytesPerPixel + 48,
    byteLengthOf: (frame) => frame.data.byteLength + 48,
    toBatch: (frames) => toBatch(frames, frames.length),
  };
}

/** A frame's pixels, refused when their type or count is not the table's (a stage that changed them unannounced). */
function checkedPixels(frame: FrameRecord, options: FramesTableOptions): ArrayLike<number> {
  const { ArrayType } = dataTypeFromName(options.dataType);
  if (!(frame.data instanceof ArrayType)) {
    throw new IsxError('E_ARGUMENT', `frame ${frame.index} holds ${frame.data.constructor.name}; the table's pixel type ${options.dataType} needs ${ArrayType.name}`);
  }
  const expected = options.rows * options.cols;
  if (frame.data.length !== expected) {
    throw new IsxError('E_ARGUMENT', `frame ${frame.index} has ${frame.data.length} pixels; the table's rows × cols is ${options.rows} × ${options.cols} = ${expected}`);
  }
  return frame.data;
}
