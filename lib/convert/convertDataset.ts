import { basename, extname } from 'node:path';
import { IsxError, isIsxError } from '../errors.js';
import { open } from '../kinds/open.js';
import type { ConvertedTable, ConvertOptions } from './convertOptions.js';
import {
  findInterruptedCommits,
  hashFile,
  identify,
  isComplete,
  makeManifest,
  manifestPath,
  removeCommitJournal,
  undoInterruptedCommits,
  writeCommitJournal,
  writeManifest,
} from './manifest.js';
import { inShard, isShard, type Shard } from './shard.js';
import { validateConvertOptions } from './validateOptions.js';
import { commitTogether, writeRecording, writeRecordingDescription } from './writeRecording.js';

/** One input of a dataset: a file and its string keys (`recording` and path-pattern keys). */
export interface DatasetInput {
  path: string;
  keys: Readonly<Record<string, string>>;
}

export interface DatasetOptions extends Omit<ConvertOptions, 'keys' | 'stdout' | 'limit'> {
  outDir: string;
  /** Convert only this part of the inputs (round-robin by position; see inShard). */
  shard?: Shard;
  /** Skip inputs whose manifest says they were converted with these options and are unchanged. */
  skipExisting?: boolean;
  /** Called once per input of the shard, when it is done with (converted, skipped or failed); awaited. */
  onInput?: (outcome: InputOutcome) => void | Promise<void>;
  /** Called before an input is converted, with its size (for progress). */
  onStart?: (path: string, bytes: number) => void;
}

export type InputOutcome =
  | { path: string; status: 'converted'; bytes: number; tables: ConvertedTable[] }
  | { path: string; status: 'existing' }
  | { path: string; status: 'failed'; error: IsxError };

export interface DatasetSummary {
  converted: number;
  existing: number;
  failed: number;
}

/**
 * Converts many inputs into one dataset under `outDir` (issue 10): each input's tables with its keys (as
 * columns or Hive partitions), committed together, then its manifest (`<outDir>/_manifest/`) as the
 * completion marker. Inputs are taken one at a time from `inputs`, which may be a generator over a whole
 * archive: memory does not grow with their number. A failed input is reported through `onInput` and the
 * run goes on; an abort (`signal`) stops it with E_ABORTED, leaving no partial output.
 *
 * ```ts
 * await convertDataset(inputs, { to: 'parquet', outDir: 'lake', partitionBy: ['subject'], shard: { index: 0, count: 4 }, skipExisting: true });
 * ```
 */
export async function convertDataset(inputs: AsyncIterable<DatasetInput> | Iterable<DatasetInput>, options: DatasetOptions): Promise<DatasetSummary> {
  // Partition keys are checked per input, against its keys; everything else once, before any input.
  validateConvertOptions({ ...options, partitionBy: undefined });
  if (options.shard !== undefined && !isShard(options.shard)) {
    throw new IsxError('E_ARGUMENT', `options.shard ${options.shard.index}/${options.shard.count} must be I/N with 0 <= I < N`);
  }
  const summary: DatasetSummary = { converted: 0, existing: 0, failed: 0 };
  const interrupted = await findInterruptedCommits(options.outDir);
  let position = 0;
  for await (const input of inputs) {
    if (!inShard(position++, options.shard)) continue;
    options.signal?.throwIfAborted();
    let outcome: InputOutcome;
    try {
      outcome = await convertInput(input, options, interrupted);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      outcome = { path: input.path, status: 'failed', error: isIsxError(error) ? error : new IsxError('E_IO', String(error), { path: input.path, cause: error }) };
    }
    summary[outcome.status]++;
    await options.onInput?.(outcome);
  }
  return summary;
}

async function convertInput(input: DatasetInput, datasetOptions: DatasetOptions, interrupted: ReadonlyMap<string, string[]>): Promise<InputOutcome> {
  const { shard: _shard, skipExisting, onInput: _onInput, onStart, ...rest } = datasetOptions;
  const options: ConvertOptions = { ...rest, keys: input.keys };
  validateConvertOptions(options);
  const identity = await identify(input.path);
  const manifest = manifestPath(options.outDir!, input.path, options);
  if (skipExisting && (await isComplete(manifest, input.path, identity, options, options.outDir!))) return { path: input.path, status: 'existing' };
  await undoInterruptedCommits(interrupted.get(manifest) ?? [], options.outDir!);
  onStart?.(input.path, identity.size);
  // The content hash lets --skip-existing know a copied or touched input (same bytes, new mtime) when an
  // archive is resumed somewhere else; it reads the whole input again (0.7 s of CPU per GiB here, and the
  // disk twice), so only dataset runs make it: partition folders, shards or --skip-existing. A plain
  // conversion's manifest has none, and a later run counts a new mtime as a change. The hash is read
  // alongside the conversion, not before it, and stops with it.
  const stopHashing = new AbortController();
  const datasetRun = skipExisting === true || datasetOptions.shard !== undefined || (options.partitionBy?.length ?? 0) > 0;
  const hashing = datasetRun ? hashFile(input.path, stopHashing.signal) : Promise.resolve(undefined);
  hashing.catch(() => undefined);
  let committed = false;
  try {
    const dataSet = await open(input.path);
    try {
      // Every table of this input goes through this one group: its data tables and, in a partitioned
      // dataset (one table per kind of row over all inputs), its recordings and members rows; all are
      // published together.
      const sourcePath = `${input.keys.recording ?? basename(input.path, extname(input.path))}${extname(input.path)}`;
      const describe = options.partitionBy !== undefined && options.partitionBy.length > 0;
      const tables = await commitTogether(
        options,
        async (group) => [
          ...(await writeRecording([dataSet], options, false, group)),
          ...(describe ? await writeRecordingDescription(dataSet, options, group!, sourcePath) : []),
        ],
        (paths) => writeCommitJournal(manifest, options.outDir!, paths),
      );
      committed = true;
      await writeManifest(manifest, makeManifest(input.path, identity, await hashing, options, options.outDir!, tables));
      await removeCommitJournal(manifest);
      return { path: input.path, status: 'converted', bytes: identity.size, tables };
    } finally {
      await dataSet.close();
    }
  } catch (error) {
    // Not committed: nothing of this input was published (or it was undone). Committed but no manifest:
    // the journal stays, and a run after this process has ended undoes the commit and converts again.
    if (!committed) await removeCommitJournal(manifest);
    throw error;
  } finally {
    stopHashing.abort();
  }
}
