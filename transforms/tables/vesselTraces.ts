import { Field, Float32, Int32, Int64, Utf8 } from 'apache-arrow';
import type { Timing } from '../../lib/core/timing.js';
import type { VesselRecord } from '../../lib/core/records.js';
import { TIMESTAMP_US, concatenateRows, makeFloat32Data, makeInt64Data, makeRepeatedInt32Data, makeTimestampData, makeUtf8Data } from './columns.js';
import { columnLayout, tableMetadata, type Column, type TableSource, type TableSpec } from './tableSpec.js';
import { sampleAxis, tile } from './traces.js';
import { required } from './vessels.js';

export interface VesselTracesTableOptions extends TableSource {
  /** The vessel set's timing: gives every sample's timestamp. */
  timing: Timing;
  hasCenter: boolean;
  hasDirection: boolean;
}

/**
 * The long `vessel_traces` table: one row per vessel and sample with the trace value (diameter or RBC
 * velocity) and, when stored, the centre / direction value. NaN at invalid samples stays NaN (spec 7.3).
 */
function vesselTraceColumns(options: VesselTracesTableOptions): Column<readonly VesselRecord[]>[] {
  const { sampleIndices, timestampsUs } = sampleAxis(options.timing);
  const T = sampleIndices.length;
  const valueColumn = (name: string, pick: (v: VesselRecord) => Float32Array | undefined): Column<readonly VesselRecord[]> => ({
    field: new Field(name, new Float32(), false),
    build: (vs) => makeFloat32Data(concatenateRows(vs.map((v) => required(v, pick(v), name)), T, Float32Array)),
  });
  const columns: Column<readonly VesselRecord[]>[] = [
    { field: new Field('vessel_index', new Int32(), false), build: (vs) => makeRepeatedInt32Data(vs.map((v) => v.index), vs.map(() => T)) },
    { field: new Field('name', new Utf8(), false), build: (vs) => makeUtf8Data(vs.map((v) => v.name), vs.map(() => T)) },
    { field: new Field('sample_index', new Int64(), false), build: (vs) => makeInt64Data(tile(sampleIndices, vs.length)) },
    { field: new Field('timestamp', TIMESTAMP_US, false), build: (vs) => makeTimestampData(tile(timestampsUs, vs.length)) },
    valueColumn('value', (v) => v.trace),
  ];
  if (options.hasCenter) columns.push(valueColumn('center', (v) => v.centerTrace));
  if (options.hasDirection) columns.push(valueColumn('direction', (v) => v.directionTrace));
  return columns;
}

export function vesselTracesTable(options: VesselTracesTableOptions): TableSpec<VesselRecord> {
  const { schema, toBatch } = columnLayout(vesselTraceColumns(options), tableMetadata(options));
  const T = options.timing.numSamples;
  return {
    name: 'vessel_traces',
    schema,
    rowCountOf: () => T,
    byteLengthOf: (v) => v.trace.byteLength * 7 + 32,
    toBatch: (vessels) => toBatch(vessels, vessels.length * T),
  };
}
