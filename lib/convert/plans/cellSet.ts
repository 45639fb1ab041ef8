import type { CellSet } from '../../isxd/cellSet.js';
import { cellSetKind } from '../../kinds/cellSet.js';
import { traceUnit } from '../../kinds/units.js';
import { resolveIndexRange } from '../../sources/range.js';
import { selectCells } from '../../../transforms/select.js';
import { cellsTable } from '../../../transforms/tables/cells.js';
import { tracesTable } from '../../../transforms/tables/traces.js';
import type { KindPlanners, PlanContext, Stage, TablePlan } from './tablePlan.js';

function cellPlan(context: PlanContext, spec: TablePlan['spec']): TablePlan {
  const { options } = context;
  const stages: Stage[] = options.cells === undefined ? [] : [selectCells({ statuses: options.cells })];
  return {
    spec,
    source: (dataSet, indexBase) => cellSetKind.records(dataSet as CellSet, { ...context.range, indexBase }),
    stages,
    recordCount: (dataSet) => (dataSet as CellSet).numCells,
  };
}

export const cellSetPlanners: KindPlanners<'cell_set'> = {
  cells: (cellSet, _name, context) => {
    const [firstSample, endSample] = resolveIndexRange(cellSet.timing, context.range, context.path);
    const [rows, cols] = cellSet.spacing.numPixels;
    const unit = traceUnit(cellSet.metadata, 'cellset');
    return cellPlan(context, cellsTable({ ...context.tableSource, rows, cols, unit, numSamples: endSample - firstSample }));
  },
  traces: (cellSet, _name, context) =>
    cellPlan(context, tracesTable({ ...context.tableSource, timing: cellSet.timing, unit: traceUnit(cellSet.metadata, 'cellset') })),
};
