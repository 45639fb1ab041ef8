import { Bool, Field, Int32, Schema, Uint32, Utf8, Float32 } from 'apache-arrow';
import type { CellRecord, CellStatusName } from '../../lib/core/records.js';
import {
  FixedDictionary,
  concatenateRows,
  fixedListType,
  makeBatch,
  makeBoolData,
  makeFixedListData,
  makeInt32Data,
  makeUint32Data,
  makeUtf8Data,
} from './columns.js';
import { pixelShapeMetadata, tableMetadata, type TableSource, type TableSpec } from './tableSpec.js';

/** spec 5.3: cell statuses 0/1/2; one fixed dictionary for all batches. */
export const CELL_STATUS = new FixedDictionary<CellStatusName>(0, ['accepted', 'undecided', 'rejected']);

export interface CellsTableOptions extends TableSource {
  /** Footprint image size. */
  rows: number;
  cols: number;
  /** Trace length (the set's timing numSamples). */
  numSamples: number;
}

/** Schema of the cell set `cells` table (design 5): one row per cell, footprint and trace as fixed lists. */
export function cellsSchema(options: CellsTableOptions): Schema {
  return new Schema(
    [
      new Field('cell_index', new Int32(), false),
      new Field('name', new Utf8(), false),
      new Field('status', CELL_STATUS.type, false),
      new Field('color', new Uint32(), false),
      new Field('active', new Bool(), false),
      new Field('footprint', fixedListType(new Float32(), options.rows * options.cols), false),
      new Field('trace', fixedListType(new Float32(), options.numSamples), false),
    ],
    tableMetadata(options, pixelShapeMetadata(options.rows, options.cols)),
  );
}

export function cellsTable(options: CellsTableOptions): TableSpec<CellRecord> {
  const schema = cellsSchema(options);
  const pixelCount = options.rows * options.cols;
  const footprintType = fixedListType(new Float32(), pixelCount);
  const traceType = fixedListType(new Float32(), options.numSamples);
  return {
    name: 'cells',
    schema,
    rowCountOf: () => 1,
    byteLengthOf: (cell) => cell.footprint.byteLength + cell.trace.byteLength + 64,
    toBatch(cells) {
      const children = [
        makeInt32Data(Int32Array.from(cells, (c) => c.index)),
        makeUtf8Data(cells.map((c) => c.name)),
        CELL_STATUS.makeData(cells.map((c) => c.status)),
        makeUint32Data(Uint32Array.from(cells, (c) => c.color)),
        makeBoolData(cells.map((c) => c.active)),
        makeFixedListData(footprintType, concatenateRows(cells.map((c) => c.footprint), pixelCount, Float32Array)),
        makeFixedListData(traceType, concatenateRows(cells.map((c) => c.trace), options.numSamples, Float32Array)),
      ];
      return makeBatch(schema, children, cells.length);
    },
  };
}
