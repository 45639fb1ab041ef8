import { Bool, Field, Int32, Uint32, Utf8, Float32 } from 'apache-arrow';
import { CELL_STATUSES, type CellRecord, type CellStatusName } from '../../lib/core/records.js';
import { FixedDictionary, fieldWithUnit, listType, makeBoolData, makeInt32Data, makeListData, makeUint32Data, makeUtf8Data } from './columns.js';
import { imageShapeColumns } from './frames.js';
import { columnLayout, pixelShapeMetadata, tableMetadata, type Column, type TableSource, type TableSpec } from './tableSpec.js';

/** spec 5.3: cell statuses 0/1/2; one fixed dictionary for all batches. */
export const CELL_STATUS = new FixedDictionary<CellStatusName>(0, CELL_STATUSES);

export interface CellsTableOptions extends TableSource {
  /** Footprint image size. */
  rows: number;
  cols: number;
  /** The traces' unit, as the file states it (`idps.cellset.units`). */
  unit?: string;
  /** Trace length of the cells to come, if known: sizes Parquet row groups (the schema holds any length). */
  numSamples?: number;
}

/**
 * The cell set `cells` table: one row per cell. Footprint (row-major, `rows`·`cols`) and trace
 * (`num_samples`) are variable-length lists, so cell sets of any image size and length share one schema.
 */
export function cellsTable(options: CellsTableOptions): TableSpec<CellRecord> {
  const columns: Column<readonly CellRecord[]>[] = [
    { field: new Field('cell_index', new Int32(), false), build: (cells) => makeInt32Data(Int32Array.from(cells, (c) => c.index)) },
    { field: new Field('name', new Utf8(), false), build: (cells) => makeUtf8Data(cells.map((c) => c.name)) },
    { field: new Field('status', CELL_STATUS.type, false), build: (cells) => CELL_STATUS.makeData(cells.map((c) => c.status)) },
    { field: new Field('color', new Uint32(), false), build: (cells) => makeUint32Data(Uint32Array.from(cells, (c) => c.color)) },
    { field: new Field('active', new Bool(), false), build: (cells) => makeBoolData(cells.map((c) => c.active)) },
    ...imageShapeColumns<CellRecord>(options.rows, options.cols),
    {
      field: new Field('footprint', listType(new Float32()), false),
      build: (cells) => makeListData(new Float32(), Float32Array, cells.map((c) => c.footprint)),
    },
    { field: new Field('num_samples', new Int32(), false), build: (cells) => makeInt32Data(Int32Array.from(cells, (c) => c.trace.length)) },
    {
      field: fieldWithUnit('trace', listType(new Float32()), false, options.unit),
      build: (cells) => makeListData(new Float32(), Float32Array, cells.map((c) => c.trace)),
    },
  ];
  const { schema, toBatch } = columnLayout(columns, tableMetadata(options, pixelShapeMetadata(options.rows, options.cols)));
  return {
    name: 'cells',
    schema,
    rowCountOf: () => 1,
    ...(options.numSamples === undefined ? {} : { rowBytes: (options.rows * options.cols + options.numSamples) * 4 + 64 }),
    byteLengthOf: (cell) => cell.footprint.byteLength + cell.trace.byteLength + 64,
    toBatch: (cells) => toBatch(cells, cells.length),
  };
}
