import type { VesselSet } from '../../isxd/vesselSet.js';
import { vessels } from '../../sources/vessels.js';
import { traceUnit } from '../../kinds/units.js';
import { selectCells } from '../../../transforms/select.js';
import { vesselTracesTable } from '../../../transforms/tables/vesselTraces.js';
import { vesselsTable } from '../../../transforms/tables/vessels.js';
import type { KindPlanners, PlanContext, TablePlan } from './tablePlan.js';

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
  vessels: (vesselSet, _name, context) => vesselPlan(context, vesselsTable({ ...context.tableSource, unit: traceUnit(vesselSet.metadata, 'vesselset') })),
  vessel_traces: (vesselSet, _name, context) =>
    vesselPlan(context, vesselTracesTable({ ...context.tableSource, timing: vesselSet.timing, unit: traceUnit(vesselSet.metadata, 'vesselset') })),
};
