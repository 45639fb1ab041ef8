import { Bool, Field, Float32, Int32, Int64, Uint32, Utf8 } from 'apache-arrow';
import type { VesselRecord } from '../../lib/core/records.js';
import { CELL_STATUS } from './cells.js';
import {
  FixedDictionary,
  fieldWithUnit,
  listType,
  makeListData,
  makeBoolData,
  makeInt32Data,
  makeUint32Data,
  makeUtf8Data,
} from './columns.js';
import { columnLayout, tableMetadata, type Column, type TableSource, type TableSpec } from './tableSpec.js';

export type VesselSetType = VesselRecord['type'];

/** spec 7.1: `extraProperties.idps.vesselset.type`. Dictionary id 1: `status` uses id 0. */
export const VESSEL_TYPE = new FixedDictionary<VesselSetType>(1, ['vessel diameter', 'rbc velocity']);

export interface VesselsTableOptions extends TableSource {
  /** The traces' unit, as the file states it (`idps.vesselset.units`). */
  unit?: string;
}

/** spec 7.2: direction traces are degrees from the +x axis. */
export const DIRECTION_UNIT = 'deg';

const floatList = () => listType(new Float32());

/**
 * The `vessels` table: one row per vessel with every field of spec 7.3, in one schema for diameter and
 * RBC sets of any length: `line` (x, y per point: 2 points for diameter sets, 4 for RBC boxes) and the
 * traces are variable-length lists; `center_trace`, `direction_trace` and the correlation columns are null
 * where the set does not store them. Correlation heatmaps are numSamples × 3 × height × width, row-major.
 */
function vesselColumns(options: VesselsTableOptions): Column<readonly VesselRecord[]>[] {
  const traceColumn = (name: string, unit: string | undefined, pick: (v: VesselRecord) => Float32Array | undefined): Column<readonly VesselRecord[]> => ({
    field: fieldWithUnit(name, floatList(), name !== 'trace', unit),
    build: (vessels) => makeListData(new Float32(), Float32Array, vessels.map(pick)),
  });
  const optionalInt32 = (name: string, pick: (v: VesselRecord) => number | undefined): Column<readonly VesselRecord[]> => ({
    field: new Field(name, new Int32(), true),
    build: (vs) => makeInt32Data(Int32Array.from(vs, (v) => pick(v) ?? 0), vs.map((v) => pick(v) !== undefined)),
  });
  return [
    { field: new Field('vessel_index', new Int32(), false), build: (vs) => makeInt32Data(Int32Array.from(vs, (v) => v.index)) },
    { field: new Field('name', new Utf8(), false), build: (vs) => makeUtf8Data(vs.map((v) => v.name)) },
    { field: new Field('status', CELL_STATUS.type, false), build: (vs) => CELL_STATUS.makeData(vs.map((v) => v.status)) },
    { field: new Field('type', VESSEL_TYPE.type, false), build: (vs) => VESSEL_TYPE.makeData(vs.map((v) => v.type)) },
    { field: new Field('color', new Uint32(), false), build: (vs) => makeUint32Data(Uint32Array.from(vs, (v) => v.color)) },
    { field: new Field('active', new Bool(), false), build: (vs) => makeBoolData(vs.map((v) => v.active)) },
    { field: fieldWithUnit('line', listType(new Int64()), false, 'px'), build: (vs) => makeListData(new Int64(), BigInt64Array, vs.map((v) => v.line)) },
    { field: new Field('num_samples', new Int32(), false), build: (vs) => makeInt32Data(Int32Array.from(vs, (v) => v.trace.length)) },
    traceColumn('trace', options.unit, (v) => v.trace),
    traceColumn('center_trace', undefined, (v) => v.centerTrace),
    traceColumn('direction_trace', DIRECTION_UNIT, (v) => v.directionTrace),
    optionalInt32('correlation_width', (v) => v.correlations?.width),
    optionalInt32('correlation_height', (v) => v.correlations?.height),
    traceColumn('correlations', undefined, (v) => v.correlations?.data),
  ];
}

export function vesselsTable(options: VesselsTableOptions): TableSpec<VesselRecord> {
  const { schema, toBatch } = columnLayout(vesselColumns(options), tableMetadata(options));
  return {
    name: 'vessels',
    schema,
    rowCountOf: () => 1,
    byteLengthOf: (v) => v.trace.byteLength * 3 + (v.correlations?.data.byteLength ?? 0) + 128,
    toBatch: (vessels) => toBatch(vessels, vessels.length),
  };
}
