import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { IsxError } from '../errors.js';
import { ioError } from '../io/fileSource.js';
import type { AnyDataSet } from '../kinds/kindName.js';
import { joinSeries } from '../kinds/series.js';
import { openSink, type SinkOptions } from '../sinks/index.js';
import { writeTable } from '../sinks/writeTable.js';
import { toRecordBatchStream } from '../../transforms/batch.js';
import type { ConvertedTable, ConvertOptions } from './convertOptions.js';
import { fileStem, outputPathFor } from './outputPath.js';
import { planTables } from './planTables.js';

/**
 * Writes the tables of one recording (one file, or the files of a series in order: the series rule of
 * lib/kinds/series.ts) and returns what was written. Tables are written one after another, each read
 * from the files afresh, so memory stays bounded by a batch whatever the recording's length. The caller
 * has validated `options` and checked the series.
 */
export async function writeRecording(dataSets: readonly AnyDataSet[], options: ConvertOptions, series: boolean): Promise<ConvertedTable[]> {
  const first = dataSets[0]!;
  const path = first.filePath;
  const plans = planTables(first, options, series);
  if (options.stdout !== undefined && plans.length !== 1) {
    throw new IsxError('E_ARGUMENT', `stdout takes one table, but ${plans.length} were chosen (${plans.map((p) => p.spec.name).join(', ')}); pick one with tables`, { path });
  }
  const fileBytes = dataSets.reduce((sum, d) => sum + d.fileSize, 0);
  const bytesRead = (): number => dataSets.reduce((sum, d) => sum + d.bytesRead, 0);
  const totals = plans.map((plan) => dataSets.reduce((sum, d) => sum + plan.recordCount(d), 0));
  const written: ConvertedTable[] = [];
  for (const [t, plan] of plans.entries()) {
    const table = plan.spec.name;
    const destination = options.stdout ?? outputPathFor(options.outDir!, fileStem(path), table, options.to, options.partitionBy);
    if (typeof destination === 'string') await makeFolder(dirname(destination));
    const sink = await openSink(options.to, destination, plan.spec.schema, sinkOptions(options));
    let recordsRead = 0;
    const countRead = (record: unknown): unknown => {
      recordsRead++;
      return record;
    };
    const batchRows = options.limit === undefined ? options.batchRows : Math.min(options.limit, options.batchRows ?? options.limit);
    const stages = [countRead, ...plan.stages, toRecordBatchStream(plan.spec, batchRows === undefined ? {} : { batchRows })];
    const rows = await writeTable(joinSeries(dataSets, plan.source), sink, stages, {
      limit: options.limit,
      signal: options.signal,
      onBatch: () => {
        const fraction = (t + Math.min(1, recordsRead / Math.max(1, totals[t]!))) / plans.length;
        options.onProgress?.({ path, table, records: recordsRead, fraction, bytesRead: bytesRead(), fileBytes });
      },
    });
    written.push({ table, path: typeof destination === 'string' ? destination : '-', rows });
  }
  return written;
}

function sinkOptions(options: ConvertOptions): SinkOptions {
  const sink: SinkOptions = { overwrite: options.overwrite ?? false };
  if (options.compression !== undefined) sink.compression = options.compression;
  if (options.batchRows !== undefined) sink.batchRows = options.batchRows;
  if (options.csvSafe !== undefined) sink.csvSafe = options.csvSafe;
  return sink;
}

async function makeFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true }).catch((cause: unknown) => {
    throw ioError(folder, 'cannot create the output folder', cause);
  });
}
