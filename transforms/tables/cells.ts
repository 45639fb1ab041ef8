import { Bool, Field, Int32, Uint32, Utf8, Float32 } from 'apache-arrow';
import { CELL_STATUSES, type CellRecord, type CellStatusName } from '../../lib/core/records.js';
import {
  FixedDictionary,
  concatenateRows,
  fixedListType,
  makeBoolData,
  makeFixedListData,
  makeInt32Data,
  makeUint32Data,
  makeUtf8Data,
} from './columns.js';
import { columnLayout, pixelShapeMetadata, tableMetadata, type Column, type TableSource, type TableSpec } from './tableSpec.js';

/** spec 5.3: cell statuses 0/1/2; one fixed dictionary for all batches. */
export const CELL_STATUS = new FixedDictionary<CellStatusName>(0, CELL_STATUSES);

export interface CellsTableOptions extends TableSource {
  /** Footprint image size. */
  rows: number;
  cols: number;
  /** Trace length (the set's timing numSamples). */
  numSamples: number;
}

/** The cell set `cells` table (design 5): one row per cell, footprint and trace as fixed lists. */
export function cellsTable(options: CellsTableOptions): TableSpec<CellRecord> {
  const pixelCount = options.rows * options.cols;
  const footprintType = fixedListType(new Float32(), pixelCount);
  const traceType = fixedListType(new Float32(), options.numSamples);
  const columns: Column<readonly CellRecord[]>[] = [
    { field: new Field('cell_index', new Int32(), false), build: (cells) => makeInt32Data(Int32Array.from(cells, (c) => c.index)) },
    { field: new Field('name', new Utf8(), false), build: (cells) => makeUtf8Data(cells.map((c) => c.name)) },
    { field: new Field('status', CELL_STATUS.type, false), build: (cells) => CELL_STATUS.makeData(cells.map((c) => c.status)) },
    { field: new Field('color', new Uint32(), false), build: (cells) => makeUint32Data(Uint32Array.from(cells, (c) => c.color)) },
    { field: new Field('active', new Bool(), false), build: (cells) => makeBoolData(cells.map((c) => c.active)) },
    {
      field: new Field('footprint', footprintType, false),
      build: (cells) => makeFixedListData(footprintType, concatenateRows(cells.map((c) => c.footprint), pixelCount, Float32Array)),
    },
    {
      field: new Field('trace', traceType, false),
      build: (cells) => makeFixedListData(traceType, concatenateRows(cells.map((c) => c.trace), options.numSamples, Float32Array)),
    },
  ];
  const { schema, toBatch } = columnLayout(columns, tableMetadata(options, pixelShapeMetadata(options.rows, options.cols)));
  return {
    name: 'cells',
    schema,
    rowCountOf: () => 1,
    byteLengthOf: (cell) => cell.footprint.byteLength + cell.trace.byteLength + 64,
    toBatch: (cells) => toBatch(cells, cells.length),
  };
}
