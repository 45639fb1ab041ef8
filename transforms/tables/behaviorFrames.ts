import { Binary, Field, Uint8, Uint64 } from 'apache-arrow';
import type { VideoFrameRecord } from '../../lib/core/records.js';
import { frameIndexColumn, listType, makeBinaryData, makeListData, makeUint64Data, timeSecondsColumn, timestampColumn } from './columns.js';
import { FRAME_STATUS, imageShapeColumns } from './frames.js';
import { columnLayout, pixelShapeMetadata, tableMetadata, type Column, type TableSpec, type TimedTableSource } from './tableSpec.js';

export interface BehaviorFramesTableOptions extends TimedTableSource {
  rows: number;
  cols: number;
  /** Decoded luma planes (`pixels`) instead of the stored JPEG bytes (`jpeg`). */
  decoded: boolean;
}

/**
 * The behaviour movie `behavior_frames` table: its own name, since a video frame (JPEG, tsc, fc) is not a
 * microscope frame. Both `jpeg` and `pixels` (row-major list<uint8> luma) are always columns, one of them
 * all null, so decoded and undecoded conversions share one schema; dropped frames are null in both.
 */
export function behaviorFramesTable(options: BehaviorFramesTableOptions): TableSpec<VideoFrameRecord> {
  const valid = (f: VideoFrameRecord): boolean => f.status === 'valid';
  const columns: Column<readonly VideoFrameRecord[]>[] = [
    frameIndexColumn(),
    timestampColumn(),
    timeSecondsColumn(options.startUs),
    { field: new Field('tsc', new Uint64(), false), build: (frames) => makeUint64Data(BigUint64Array.from(frames, (f) => f.tsc)) },
    { field: new Field('fc', new Uint64(), false), build: (frames) => makeUint64Data(BigUint64Array.from(frames, (f) => f.fc)) },
    { field: new Field('status', FRAME_STATUS.type, false), build: (frames) => FRAME_STATUS.makeData(frames.map((f) => f.status)) },
    ...imageShapeColumns<VideoFrameRecord>(options.rows, options.cols),
    {
      field: new Field('jpeg', new Binary(), true),
      build: (frames) => makeBinaryData(frames.map((f) => (!options.decoded && valid(f) ? f.jpeg : undefined))),
    },
    {
      field: new Field('pixels', listType(new Uint8()), true),
      build: (frames) => makeListData(new Uint8(), Uint8Array, frames.map((f) => (options.decoded && valid(f) ? f.data : undefined))),
    },
  ];
  const { schema, toBatch } = columnLayout(columns, tableMetadata(options, pixelShapeMetadata(options.rows, options.cols)));
  return {
    name: 'behavior_frames',
    schema,
    rowCountOf: () => 1,
    ...(options.decoded ? { rowBytes: options.rows * options.cols + 56 } : {}),
    byteLengthOf: (frame) => (frame.jpeg?.byteLength ?? frame.data?.byteLength ?? 0) + 56,
    toBatch: (frames) => toBatch(frames, frames.length),
  };
}
