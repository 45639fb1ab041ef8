import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { IsxError } from '../errors.js';
import { CommitGroup, GroupedPath } from '../io/commitGroup.js';
import { ioError } from '../io/fileSource.js';
import type { AnyDataSet } from '../kinds/kindName.js';
import { joinSeries } from '../kinds/series.js';
import { openSink, type SinkOptions } from '../sinks/index.js';
import { writeTable } from '../sinks/writeTable.js';
import { toRecordBatchStream } from '../../transforms/batch.js';
import { withKeyColumns, type KeyValue } from '../../transforms/tables/withKeyColumns.js';
import type { ConvertedTable, ConvertOptions } from './convertOptions.js';
import { outputPathFor, outputStem } from './outputPath.js';
import { planTables } from './planTables.js';
import type { TablePlan } from './plans/tablePlan.js';
import { KIND_KEY } from './recordingKeys.js';

/**
 * Runs `write` with the CommitGroup that the outputs of one input are written through (none for stdout),
 * then publishes them all together; on any failure or abort none appears (issue 12.6). Every table of the
 * input goes into the one group: writeRecording's, and any table made from the whole input afterwards.
 * `beforePublish` gets the final paths once all are written, before the first is published.
 */
export async function commitTogether<T>(
  options: ConvertOptions,
  write: (group: CommitGroup | undefined) => Promise<T>,
  beforePublish?: (paths: readonly string[]) => Promise<void>,
): Promise<T> {
  if (options.stdout !== undefined) return write(undefined);
  const group = new CommitGroup({ overwrite: options.overwrite ?? false });
  try {
    const result = await write(group);
    await beforePublish?.(group.paths);
    await group.commit();
    return result;
  } catch (error) {
    await group.abort();
    throw error;
  }
}

/** The keys of a recording in column order: those given, then `kind`; none when the conversion is not keyed. */
export function recordingKeyValues(options: ConvertOptions, kind: string): KeyValue[] {
  if (options.keys === undefined && options.partitionBy === undefined) return [];
  return [...Object.entries(options.keys ?? {}), [KIND_KEY, kind]];
}

/**
 * Writes the tables of one recording (one file, or the files of a series in order: the series rule of
 * lib/kinds/series.ts) into `group` (or stdout) and returns what was written. Every destination is checked
 * before any work (E_EXISTS without `overwrite`). Tables are written one after another, each read from the
 * files afresh, so memory stays bounded by a batch whatever the recording's length. The caller has
 * validated `options` and checked the series.
 */
export async function writeRecording(
  dataSets: readonly AnyDataSet[],
  options: ConvertOptions,
  series: boolean,
  group: CommitGroup | undefined,
): Promise<ConvertedTable[]> {
  const first = dataSets[0]!;
  const path = first.filePath;
  const plans = planTables(first, options, series);
  if (options.stdout !== undefined && plans.length !== 1) {
    throw new IsxError('E_ARGUMENT', `stdout takes one table, but ${plans.length} were chosen (${plans.map((p) => p.spec.name).join(', ')}); pick one with tables`, { path });
  }
  const keys = recordingKeyValues(options, first.kind);
  const partitions = (options.partitionBy ?? []).map((name) => keys.find(([key]) => key === name)!);
  const columns = keys.filter(([key]) => !options.partitionBy?.includes(key));
  const stem = outputStem(path, options.keys?.recording);
  const paths = plans.map((plan) => (group === undefined ? undefined : outputPathFor(options.outDir!, stem, plan.spec.name, options.to, partitions)));
  await prepareDestinations(paths.filter((p) => p !== undefined), options.overwrite ?? false);

  const fileBytes = dataSets.reduce((sum, d) => sum + d.fileSize, 0);
  const bytesRead = (): number => dataSets.reduce((sum, d) => sum + d.bytesRead, 0);
  const totals = plans.map((plan) => dataSets.reduce((sum, d) => sum + plan.recordCount(d), 0));
  const written: ConvertedTable[] = [];
  for (const [t, plan] of plans.entries()) {
    const outputPath = paths[t];
    const rows = await writePlan(dataSets, plan, withKeyColumns(plan.spec, columns), outputPath === undefined ? options.stdout! : new GroupedPath(group!, outputPath), options, (records) => {
      const fraction = (t + Math.min(1, records / Math.max(1, totals[t]!))) / plans.length;
      options.onProgress?.({ path, table: plan.spec.name, records, fraction, bytesRead: bytesRead(), fileBytes });
    });
    written.push({ table: plan.spec.name, path: outputPath ?? '-', rows });
  }
  return written;
}

async function writePlan(
  dataSets: readonly AnyDataSet[],
  plan: TablePlan,
  spec: TablePlan['spec'],
  destination: GroupedPath | NonNullable<ConvertOptions['stdout']>,
  options: ConvertOptions,
  onRecords: (records: number) => void,
): Promise<number> {
  const sink = await openSink(options.to, destination, spec.schema, sinkOptions(options));
  let recordsRead = 0;
  const countRead = (record: unknown): unknown => {
    recordsRead++;
    return record;
  };
  const batchRows = options.limit === undefined ? options.batchRows : Math.min(options.limit, options.batchRows ?? options.limit);
  const stages = [countRead, ...plan.stages, toRecordBatchStream(spec, batchRows === undefined ? {} : { batchRows })];
  return writeTable(joinSeries(dataSets, plan.source), sink, stages, {
    limit: options.limit,
    signal: options.signal,
    onBatch: () => onRecords(recordsRead),
  });
}

/** Refuses existing outputs before any work (the commit checks again, atomically) and makes their folders. */
async function prepareDestinations(paths: readonly string[], overwrite: boolean): Promise<void> {
  if (!overwrite) {
    for (const path of paths) {
      if (await stat(path).then(() => true, () => false)) {
        throw new IsxError('E_EXISTS', 'output file already exists (pass overwrite to replace it)', { path });
      }
    }
  }
  for (const folder of new Set(paths.map((path) => dirname(path)))) {
    await mkdir(folder, { recursive: true }).catch((cause: unknown) => {
      throw ioError(folder, 'cannot create the output folder', cause);
    });
  }
}

function sinkOptions(options: ConvertOptions): SinkOptions {
  const sink: SinkOptions = { overwrite: options.overwrite ?? false };
  if (options.compression !== undefined) sink.compression = options.compression;
  if (options.batchRows !== undefined) sink.batchRows = options.batchRows;
  return sink;
}
