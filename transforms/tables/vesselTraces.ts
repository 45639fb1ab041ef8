import { Field, Float32, Float64, Int32, Int64, Utf8 } from 'apache-arrow';
import type { Timing } from '../../lib/core/timing.js';
import type { VesselRecord } from '../../lib/core/records.js';
import {
  TIMESTAMP_US,
  fieldWithUnit,
  makeFloat32Data,
  makeFloat64Data,
  makeInt64Data,
  makeRepeatedInt32Data,
  makeTimestampData,
  makeUtf8Data,
} from './columns.js';
import { columnLayout, tableMetadata, type Column, type TableSpec, type TimedTableSource } from './tableSpec.js';
import { sampleAxis, tile } from './traces.js';
import { DIRECTION_UNIT } from './vessels.js';

export interface VesselTracesTableOptions extends TimedTableSource {
  /** The vessel set's timing: gives every sample's timestamp. */
  timing: Timing;
  /** The traces' unit, as the file states it (`idps.vesselset.units`). */
  unit?: string;
}

/**
 * The long `vessel_traces` table: one row per vessel and sample with the trace value (diameter or RBC
 * velocity), and the centre / direction value, null where the set does not store it (one schema for
 * both set types). NaN at invalid samples stays NaN (spec 7.3).
 */
function vesselTraceColumns(options: VesselTracesTableOptions): Column<readonly VesselRecord[]>[] {
  const { sampleIndices, timestampsUs, timesS } = sampleAxis(options.timing, options.startUs);
  const T = sampleIndices.length;
  const valueColumn = (name: string, unit: string | undefined, pick: (v: VesselRecord) => Float32Array | undefined): Column<readonly VesselRecord[]> => ({
    field: fieldWithUnit(name, new Float32(), name !== 'value', unit),
    build: (vs) => {
      const values = new Float32Array(vs.length * T);
      vs.forEach((v, i) => {
        const trace = pick(v);
        if (trace) values.set(trace.subarray(0, T), i * T);
      });
      return makeFloat32Data(values, vs.flatMap((v) => new Array<boolean>(T).fill(pick(v) !== undefined)));
    },
  });
  return [
    { field: new Field('vessel_index', new Int32(), false), build: (vs) => makeRepeatedInt32Data(vs.map((v) => v.index), vs.map(() => T)) },
    { field: new Field('name', new Utf8(), false), build: (vs) => makeUtf8Data(vs.map((v) => v.name), vs.map(() => T)) },
    { field: new Field('sample_index', new Int64(), false), build: (vs) => makeInt64Data(tile(sampleIndices, vs.length)) },
    { field: new Field('timestamp', TIMESTAMP_US, false), build: (vs) => makeTimestampData(tile(timestampsUs, vs.length)) },
    { field: fieldWithUnit('time_s', new Float64(), false, 's'), build: (vs) => makeFloat64Data(tile(timesS, vs.length)) },
    valueColumn('value', options.unit, (v) => v.trace),
    valueColumn('center', undefined, (v) => v.centerTrace),
    valueColumn('direction', DIRECTION_UNIT, (v) => v.directionTrace),
  ];
}

export function vesselTracesTable(options: VesselTracesTableOptions): TableSpec<VesselRecord> {
  const { schema, toBatch } = columnLayout(vesselTraceColumns(options), tableMetadata(options));
  const T = options.timing.numSamples;
  return {
    name: 'vessel_traces',
    schema,
    rowCountOf: () => T,
    byteLengthOf: (v) => v.trace.byteLength * 8 + 32,
    toBatch: (vessels) => toBatch(vessels, vessels.length * T),
  };
}
