import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { IsxError } from '../errors.js';
import { ioError } from '../io/fileSource.js';
import { openSink, PARQUET_CODECS, type ParquetCodec, type SinkOptions } from '../sinks/index.js';
import type { ConvertedTable, ConvertOptions } from './convertOptions.js';
import { fileStem, outputPathFor } from './outputPath.js';
import { pumpTable } from './pumpTable.js';
import { planTables, type OpenedDataSet } from './tableRegistry.js';

/**
 * Writes the tables of one recording (one file, or the files of a series in order) and returns what was
 * written. Tables are written one after another, each read from the files afresh, so memory stays bounded
 * by a batch whatever the recording's length.
 */
export async function writeRecording(dataSets: readonly OpenedDataSet[], options: ConvertOptions, series: boolean): Promise<ConvertedTable[]> {
  const first = dataSets[0]!;
  const path = first.filePath;
  checkDestination(options, path);
  const plans = planTables(first, options, series);
  if (options.stdout !== undefined && plans.length !== 1) {
    throw new IsxError('E_ARGUMENT', `stdout takes one table, but ${plans.length} were chosen (${plans.map((p) => p.spec.name).join(', ')}); pick one with tables`, { path });
  }
  const fileBytes = dataSets.reduce((sum, d) => sum + d.fileSize, 0);
  const totals = plans.map((plan) => dataSets.reduce((sum, d) => sum + plan.recordCount(d), 0));
  const written: ConvertedTable[] = [];
  for (const [t, plan] of plans.entries()) {
    const table = plan.spec.name;
    const destination = options.stdout ?? outputPathFor(options.outDir!, fileStem(path), table, options.to, options.partitionBy);
    if (typeof destination === 'string') await makeFolder(dirname(destination));
    const sink = await openSink(options.to, destination, plan.spec.schema, sinkOptions(options));
    const rows = await pumpTable(plan, dataSets, sink, {
      batchRows: options.batchRows,
      limit: options.limit,
      signal: options.signal,
      onBatch: (recordsRead) => {
        const fraction = (t + Math.min(1, recordsRead / Math.max(1, totals[t]!))) / plans.length;
        options.onProgress?.({ path, table, records: recordsRead, fraction, bytesRead: Math.round(fraction * fileBytes), fileBytes });
      },
    });
    written.push({ table, path: typeof destination === 'string' ? destination : '-', rows });
  }
  return written;
}

function sinkOptions(options: ConvertOptions): SinkOptions {
  const sink: SinkOptions = { overwrite: options.overwrite ?? false };
  if (options.compression !== undefined) sink.compression = options.compression as ParquetCodec;
  if (options.batchRows !== undefined) sink.batchRows = options.batchRows;
  return sink;
}

function checkDestination(options: ConvertOptions, path: string): void {
  if ((options.outDir === undefined) === (options.stdout === undefined)) {
    throw new IsxError('E_ARGUMENT', 'give exactly one of outDir and stdout', { path });
  }
  if (options.stdout !== undefined && options.partitionBy !== undefined) {
    throw new IsxError('E_ARGUMENT', 'partitionBy needs an output folder (outDir), not stdout', { path });
  }
  if (options.compression !== undefined && options.to !== 'parquet') {
    throw new IsxError('E_ARGUMENT', `compression applies to parquet output, not ${options.to}`, { path });
  }
  if (options.compression !== undefined && !(PARQUET_CODECS as readonly string[]).includes(options.compression)) {
    throw new IsxError('E_ARGUMENT', `unknown compression "${options.compression}"; expected one of ${PARQUET_CODECS.join(', ')}`, { path });
  }
}

async function makeFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true }).catch((cause: unknown) => {
    throw ioError(folder, 'cannot create the output folder', cause);
  });
}
