import { VesselSet } from '../isxd/vesselSet.js';
import { DataSetKind } from '../core/kinds.js';
import { vessels } from '../sources/vessels.js';
import { countStatuses } from './cellSet.js';
import type { KindDescriptor } from './descriptor.js';
import { traceUnit } from './units.js';

/** Vessel sets (spec 7): `.isxd` type 8. Their traces are written whole: no time range or decimation. */
export const vesselSetKind: KindDescriptor<'vessel_set'> = {
  name: 'vessel_set',
  label: 'vessel set',
  footerTypes: [DataSetKind.VESSELSET],
  extensions: [],
  fromIsxd: (source) => VesselSet.fromSource(source),
  tables: {
    vessels: { series: false, rows: (set) => set.numVessels },
    vessel_traces: { series: true, rows: (set) => set.numVessels * set.timing.numSamples },
  },
  options: ['cells'],
  members: (set) => ({ noun: 'vessel', names: Array.from({ length: set.numVessels }, (_, i) => set.getVesselName(i)) }),
  memberUnits: (set) => new Array<string | undefined>(set.numVessels).fill(traceUnit(set.metadata, 'vesselset')),
  memberDetails: (set) => ({
    statuses: Array.from({ length: set.numVessels }, (_, i) => set.getVesselStatus(i)),
    numSamples: new Array<number>(set.numVessels).fill(set.timing.numSamples),
  }),
  fixedPeriod: false,
  seriesJoin: 'append',
  records: (set, options) => vessels(set, options),
  summarize: (set) => ({
    dataType: 'float32',
    numVessels: set.numVessels,
    vesselStatuses: countStatuses(set.numVessels, (i) => set.getVesselStatus(i)),
  }),
};
