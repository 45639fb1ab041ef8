import { many, none } from 'stream-chain';
import type { Many } from 'stream-chain/defs.js';
import { IsxError } from '../lib/errors.js';
import type { CellRecord, TraceRow } from '../lib/core/records.js';

/**
 * A stage that turns each cell into one `TraceRow` per trace sample (the long `traces` table, design
 * section 5), in sample order. NaN values are kept. `sampleIndex` is the time index in the file, so rows
 * of a windowed cell keep their original indices. A cell with an empty trace gives no rows.
 */
export function traceRows(): (cell: CellRecord) => Many<TraceRow> | typeof none {
  return (cell) => {
    const { trace, timestampsUs } = cell;
    if (timestampsUs === undefined || timestampsUs.length !== trace.length) {
      throw new IsxError(
        'E_ARGUMENT',
        `traceRows: cell ${cell.index} needs timestampsUs with one time per trace sample (${trace.length}), found ${timestampsUs?.length ?? 'none'}`,
      );
    }
    if (trace.length === 0) return none;
    const first = cell.firstSampleIndex ?? 0;
    const rows: TraceRow[] = new Array(trace.length);
    for (let k = 0; k < trace.length; k++) {
      rows[k] = {
        cellIndex: cell.index,
        name: cell.name,
        status: cell.status,
        sampleIndex: first + k,
        timestampUs: timestampsUs[k]!,
        value: trace[k]!,
      };
    }
    return many(rows);
  };
}
