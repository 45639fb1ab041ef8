import { Readable } from 'node:stream';
import chain from 'stream-chain';
import { toRecordBatches } from '../../transforms/batch.js';
import type { TableSpec } from '../../transforms/tables/tableSpec.js';
import { openSink, writeTable, type SinkFormat, type SinkOptions } from '../../lib/sinks/index.js';

/** Records → toRecordBatches stage → sink, the way the CLI composes a conversion. */
export async function writeRecords<R>(
  table: TableSpec<R>,
  records: readonly R[],
  format: SinkFormat,
  path: string,
  options: SinkOptions = {},
): Promise<void> {
  const sink = await openSink(format, path, table.schema, options);
  // A generic R defeats stream-chain's stage typing; concrete record types compile as is (batchTypes.test.ts).
  // Batches of 2 rows, so sink-side limits (row groups) are tested across batch boundaries.
  const stage = toRecordBatches(table, { batchRows: 2 }) as (record: unknown) => unknown;
  const stages = chain([Readable.from(records), stage]);
  await writeTable(stages, sink);
}
