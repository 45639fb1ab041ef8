import type { VesselSet } from '../../isxd/vesselSet.js';
import { vessels } from '../../sources/vessels.js';
import { selectCells } from '../../../transforms/select.js';
import { vesselTracesTable } from '../../../transforms/tables/vesselTraces.js';
import { vesselsTable } from '../../../transforms/tables/vessels.js';
import type { KindPlanners, PlanContext, TablePlan } from './tablePlan.js';

/** spec 7.1: the presence of these keys says the second trace is stored (VesselSet does not expose it). */
function storedTraces(vesselSet: VesselSet): { hasCenter: boolean; hasDirection: boolean } {
  return {
    hasCenter: Object.hasOwn(vesselSet.metadata, 'VesselCenterSaved'),
    hasDirection: Object.hasOwn(vesselSet.metadata, 'VesselDirectionSaved'),
  };
}

function vesselPlan(context: PlanContext, spec: TablePlan['spec']): TablePlan {
  const { options } = context;
  return {
    spec,
    source: (dataSet) => vessels(dataSet as VesselSet),
    stages: options.cells === undefined ? [] : [selectCells({ statuses: options.cells })],
    recordCount: (dataSet) => (dataSet as VesselSet).numVessels,
  };
}

export const vesselSetPlanners: KindPlanners<'vessel_set'> = {
  vessels: (vesselSet, _name, context) =>
    vesselPlan(
      context,
      vesselsTable({
        ...context.tableSource,
        ...storedTraces(vesselSet),
        setType: vesselSet.setType,
        numSamples: vesselSet.timing.numSamples,
        hasCorrelations: vesselSet.hasCorrelationHeatmaps(),
      }),
    ),
  vessel_traces: (vesselSet, _name, context) =>
    vesselPlan(context, vesselTracesTable({ ...context.tableSource, ...storedTraces(vesselSet), timing: vesselSet.timing })),
};
