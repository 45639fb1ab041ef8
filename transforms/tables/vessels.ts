import { Bool, Field, Float32, Int32, Int64, List, Uint32, Utf8 } from 'apache-arrow';
import { IsxError } from '../../lib/errors.js';
import type { VesselRecord } from '../../lib/core/records.js';
import { CELL_STATUS } from './cells.js';
import {
  FixedDictionary,
  concatenateRows,
  fixedListType,
  makeFixedListData,
  makeFloat32ListData,
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
  setType: VesselSetType;
  /** Trace length (the set's timing numSamples). */
  numSamples: number;
  /** spec 7.1: `VesselCenterSaved` (diameter sets). */
  hasCenter: boolean;
  /** spec 7.1: `VesselDirectionSaved` (RBC sets). */
  hasDirection: boolean;
  /** spec 7.1: `VesselCorrelationSizes` (RBC sets). */
  hasCorrelations: boolean;
}

/** spec 7.2: 2 line points for diameter sets, 4 (the velocity box) for RBC sets; x, y each. */
function lineValueCount(setType: VesselSetType): number {
  return setType === 'vessel diameter' ? 4 : 8;
}

/**
 * The `vessels` table: one row per vessel with every field of spec 7.3. Correlation heatmaps
 * (numSamples x 3 x height x width, row-major) are a variable list because their size differs per vessel.
 */
function vesselColumns(options: VesselsTableOptions): Column<readonly VesselRecord[]>[] {
  const T = options.numSamples;
  const lineType = fixedListType(new Int64(), lineValueCount(options.setType));
  const traceType = fixedListType(new Float32(), T);
  const traceColumn = (name: string, pick: (v: VesselRecord) => Float32Array | undefined): Column<readonly VesselRecord[]> => ({
    field: new Field(name, traceType, false),
    build: (vessels) => makeFixedListData(traceType, concatenateRows(vessels.map((v) => required(v, pick(v), name)), T, Float32Array)),
  });
  const columns: Column<readonly VesselRecord[]>[] = [
    { field: new Field('vessel_index', new Int32(), false), build: (vs) => makeInt32Data(Int32Array.from(vs, (v) => v.index)) },
    { field: new Field('name', new Utf8(), false), build: (vs) => makeUtf8Data(vs.map((v) => v.name)) },
    { field: new Field('status', CELL_STATUS.type, false), build: (vs) => CELL_STATUS.makeData(vs.map((v) => v.status)) },
    { field: new Field('type', VESSEL_TYPE.type, false), build: (vs) => VESSEL_TYPE.makeData(vs.map((v) => v.type)) },
    { field: new Field('color', new Uint32(), false), build: (vs) => makeUint32Data(Uint32Array.from(vs, (v) => v.color)) },
    { field: new Field('active', new Bool(), false), build: (vs) => makeBoolData(vs.map((v) => v.active)) },
    {
      field: new Field('line', lineType, false),
      build: (vs) => makeFixedListData(lineType, concatenateRows(vs.map((v) => v.line), lineType.listSize, BigInt64Array)),
    },
    traceColumn('trace', (v) => v.trace),
  ];
  if (options.hasCenter) columns.push(traceColumn('center_trace', (v) => v.centerTrace));
  if (options.hasDirection) columns.push(traceColumn('direction_trace', (v) => v.directionTrace));
  if (options.hasCorrelations) {
    columns.push(
      { field: new Field('correlation_width', new Int32(), false), build: (vs) => makeInt32Data(Int32Array.from(vs, (v) => v.correlations?.width ?? 0)) },
      { field: new Field('correlation_height', new Int32(), false), build: (vs) => makeInt32Data(Int32Array.from(vs, (v) => v.correlations?.height ?? 0)) },
      {
        field: new Field('correlations', new List(new Field('item', new Float32(), false)), true),
        build: (vs) => makeFloat32ListData(vs.map((v) => v.correlations?.data)),
      },
    );
  }
  return columns;
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

export function required<T>(vessel: VesselRecord, value: T | undefined, what: string): T {
  if (value === undefined) {
    throw new IsxError('E_ARGUMENT', `vessel ${vessel.index} has no ${what}, which the table's schema holds`);
  }
  return value;
}
