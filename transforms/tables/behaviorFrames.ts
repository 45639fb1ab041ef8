import { Binary, Field, Uint8, Uint64 } from 'apache-arrow';
import type { VideoFrameRecord } from '../../lib/core/records.js';
import {
  concatenateRows,
  fixedListType,
  frameIndexColumn,
  makeBinaryData,
  makeFixedListData,
  makeUint64Data,
  timestampColumn,
} from './columns.js';
import { FRAME_STATUS } from './frames.js';
import { columnLayout, pixelShapeMetadata, tableMetadata, type Column, type TableSource, type TableSpec } from './tableSpec.js';

export interface BehaviorFramesTableOptions extends TableSource {
  rows: number;
  cols: number;
  /** Decoded luma planes (`pixels` uint8) instead of the stored JPEG bytes (`jpeg` binary). */
  decoded: boolean;
}

/** The behaviour movie `frames` table (design 5); dropped frames have null `jpeg`/`pixels`. */
export function behaviorFramesTable(options: BehaviorFramesTableOptions): TableSpec<VideoFrameRecord> {
  const pixelCount = options.rows * options.cols;
  const pixelType = fixedListType(new Uint8(), pixelCount);
  const image: Column<readonly VideoFrameRecord[]> = options.decoded
    ? {
        field: new Field('pixels', pixelType, true),
        build: (frames) =>
          makeFixedListData(
            pixelType,
            concatenateRows(frames.map((f) => f.data ?? new Uint8Array(pixelCount)), pixelCount, Uint8Array),
            frames.map((f) => f.status === 'valid'),
          ),
      }
    : { field: new Field('jpeg', new Binary(), true), build: (frames) => makeBinaryData(frames.map((f) => (f.status === 'valid' ? f.jpeg : undefined))) };
  const columns: Column<readonly VideoFrameRecord[]>[] = [
    frameIndexColumn(),
    timestampColumn(),
    { field: new Field('tsc', new Uint64(), false), build: (frames) => makeUint64Data(BigUint64Array.from(frames, (f) => f.tsc)) },
    { field: new Field('fc', new Uint64(), false), build: (frames) => makeUint64Data(BigUint64Array.from(frames, (f) => f.fc)) },
    { field: new Field('status', FRAME_STATUS.type, false), build: (frames) => FRAME_STATUS.makeData(frames.map((f) => f.status)) },
    image,
  ];
  const { schema, toBatch } = columnLayout(columns, tableMetadata(options, pixelShapeMetadata(options.rows, options.cols)));
  return {
    name: 'frames',
    schema,
    rowCountOf: () => 1,
    byteLengthOf: (frame) => (frame.jpeg?.byteLength ?? frame.data?.byteLength ?? 0) + 48,
    toBatch: (frames) => toBatch(frames, frames.length),
  };
}
