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
import { metadataSidecarPathFor, outputPathFor, outputStem } from './outputPath.js';
import { metadataOmission, placeInputMetadata, writeMetadataSidecar } from './metadataSidecar.js';
import { planTables } from './planTables.js';
import type { TablePlan } from './plans/tablePlan.js';
import { KIND_KEY } from './recordingKeys.js';
import { describeRecording } from './describeRecording.js';
import { writeDescription, type DescriptionTable } from './writeDescription.js';

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
  const layout = layoutOf(options, path, keyValues(options, first.kind));
  // Every table of an input lies in a folder of the same depth, so any table name gives the sidecar's
  // path relative to the tables.
  const files = group === undefined ? undefined : { sidecarPath: layout.sidecarPath(), tablePath: layout.pathOf(TABLE_NAME_FOR_FOLDER) };
  const metadata = placeInputMetadata(first, options.to, files);
  const plans = planTables(first, options, series, metadata.placement);
  if (options.stdout !== undefined && plans.length !== 1) {
    throw new IsxError('E_ARGUMENT', `stdout takes one table, but ${plans.length} were chosen (${plans.map((p) => p.spec.name).join(', ')}); pick one with tables`, { path });
  }
  const paths = plans.map((plan) => (group === undefined ? undefined : layout.pathOf(plan.spec.name)));
  const sidecarPaths = metadata.sidecar === undefined ? [] : [metadata.sidecar.path];
  await prepareDestinations([...sidecarPaths, ...paths.filter((p) => p !== undefined)], options.overwrite ?? false);

  const fileBytes = dataSets.reduce((sum, d) => sum + d.fileSize, 0);
  const bytesRead = (): number => dataSets.reduce((sum, d) => sum + d.bytesRead, 0);
  const totals = plans.map((plan) => dataSets.reduce((sum, d) => sum + plan.recordCount(d), 0));
  const written: ConvertedTable[] = [];
  if (metadata.sidecar !== undefined) {
    await writeMetadataSidecar(group!, metadata.sidecar);
    written.push({ table: 'metadata', path: metadata.sidecar.path, rows: 0, sidecar: true });
  }
  const omission = metadataOmission(metadata, options.to);
  const omitted = omission === undefined ? {} : { metadataOmitted: omission };
  for (const [t, plan] of plans.entries()) {
    const outputPath = paths[t];
    const rows = await writePlan(dataSets, plan, withKeyColumns(plan.spec, layout.columns), outputPath === undefined ? options.stdout! : new GroupedPath(group!, outputPath), options, (records) => {
      const fraction = (t + Math.min(1, records / Math.max(1, totals[t]!))) / plans.length;
      options.onProgress?.({ path, table: plan.spec.name, records, fraction, bytesRead: bytesRead(), fileBytes });
    });
    written.push({ table: plan.spec.name, path: outputPath ?? '-', rows, ...omitted });
  }
  return written;
}

/**
 * An input's `recordings` row and `members` rows (describeRecording) written into its commit group, beside
 * its data tables and laid out as they are (same partition folders, key columns, stem). The rows carry
 * the kind themselves, so `kind` is neither a key column nor a partition folder of these two tables.
 */
export async function writeRecordingDescription(dataSet: AnyDataSet, options: ConvertOptions, group: CommitGroup, sourcePath: string): Promise<ConvertedTable[]> {
  const keys = keyValues(options, undefined);
  const layout = layoutOf({ ...options, partitionBy: options.partitionBy?.filter((key) => key !== KIND_KEY) }, dataSet.filePath, keys);
  const description = await describeRecording(dataSet, Object.fromEntries(keys), options, sourcePath);
  const tables: DescriptionTable[] = description.members.length > 0 ? ['recordings', 'members'] : ['recordings'];
  await prepareDestinations(tables.map((table) => layout.pathOf(table)), options.overwrite ?? false);
  const keyNames = layout.columns.map(([key]) => key);
  return writeDescription(description, keyNames, options, (table) => new GroupedPath(group, layout.pathOf(table)));
}

const TABLE_NAME_FOR_FOLDER = 'table';

/** The keys of a recording in column order: those given, then `kind` (when known); none when the conversion is not keyed. */
function keyValues(options: ConvertOptions, kind: string | undefined): KeyValue[] {
  if (options.keys === undefined && options.partitionBy === undefined) return [];
  return [...Object.entries(options.keys ?? {}), ...(kind === undefined ? [] : [[KIND_KEY, kind] as KeyValue])];
}

/** Where an input's tables go: partition folders from the keys in `partitionBy`, the other keys as columns. */
function layoutOf(options: ConvertOptions, path: string, keys: readonly KeyValue[]): { columns: KeyValue[]; pathOf(table: string): string; sidecarPath(): string } {
  const partitions = (options.partitionBy ?? []).map((name) => keys.find(([key]) => key === name)!);
  const columns = keys.filter(([key]) => !options.partitionBy?.includes(key));
  const stem = outputStem(path, options.keys?.recording);
  return {
    columns,
    pathOf: (table) => outputPathFor(options.outDir!, stem, table, options.to, partitions),
    sidecarPath: () => metadataSidecarPathFor(options.outDir!, stem, partitions),
  };
}

async function writePlan(
  dataSets: readonly AnyDataSet[],
  plan: TablePlan,
  spec: TablePlan['spec'],
  destination: GroupedPath | NonNullable<ConvertOptions['stdout']>,
  options: ConvertOptions,
  onRecords: (records: number) => void,
): Promise<number> {
  const sink = await openSink(options.to, destination, spec.schema, { ...sinkOptions(options), rowBytes: spec.rowBytes });
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
  for (const folder of new Set(paths.map((path) => dirname(path)))) await makeFolder(folder);
}

/** The sink settings a conversion's options ask for. */
export function sinkOptions(options: ConvertOptions): SinkOptions {
  const sink: SinkOptions = { overwrite: options.overwrite ?? false };
  if (options.compression !== undefined) sink.compression = options.compression;
  if (options.batchRows !== undefined) sink.batchRows = options.batchRows;
  if (options.csvSafe !== undefined) sink.csvSafe = options.csvSafe;
  return sink;
}

/** Creates an output folder (and its parents), as an IsxError naming it on failure. */
export async function makeFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true }).catch((cause: unknown) => {
    throw ioError(folder, 'cannot create the output folder', cause);
  });
}
