import type { VesselSet } from '../isxd/vesselSet.js';
import { closing } from './closing.js';
import type { VesselRecord } from '../core/records.js';

export interface VesselSourceOptions {
  /** Close the vessel set when the stream ends, fails or is destroyed (default false). */
  closeOnEnd?: boolean;
}

/** One record per vessel (design section 4), in vessel order, with every trace the set stores. */
export function vessels(vesselSet: VesselSet, options: VesselSourceOptions = {}): AsyncGenerator<VesselRecord> {
  const records = readVesselRecords(vesselSet);
  return options.closeOnEnd ? closing(records, vesselSet) : records;
}

async function* readVesselRecords(vesselSet: VesselSet): AsyncGenerator<VesselRecord> {
  for (let index = 0; index < vesselSet.numVessels; index++) yield await vesselSet.readVessel(index);
}
