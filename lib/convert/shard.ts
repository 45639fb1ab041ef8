import { IsxError } from '../errors.js';

/** One of `count` disjoint parts of an input list (issue 10.6); `index` counts from 0. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `I/N` (0 <= I < N); undefined when the text is not of that form. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (match === null) return undefined;
  const shard = { index: Number(match[1]), count: Number(match[2]) };
  return isShard(shard) ? shard : undefined;
}

export function isShard(shard: Shard): boolean {
  return Number.isSafeInteger(shard.index) && Number.isSafeInteger(shard.count) && shard.count >= 1 && shard.index >= 0 && shard.index < shard.count;
}

/**
 * The shard of a Slurm job-array task: `SLURM_ARRAY_TASK_ID` counted from `SLURM_ARRAY_TASK_MIN` (so
 * `--array=1-8` works like `--array=0-7`) of `SLURM_ARRAY_TASK_COUNT`; undefined outside a job array.
 */
export function slurmShard(env: Readonly<Record<string, string | undefined>>): Shard | undefined {
  const { SLURM_ARRAY_TASK_ID: id, SLURM_ARRAY_TASK_COUNT: count, SLURM_ARRAY_TASK_MIN: min } = env;
  if (id === undefined || count === undefined) return undefined;
  const shard = { index: Number(id) - Number(min ?? 0), count: Number(count) };
  if (!isShard(shard)) {
    throw new IsxError('E_ARGUMENT', `SLURM_ARRAY_TASK_ID=${id} (min ${min ?? 0}) of SLURM_ARRAY_TASK_COUNT=${count} is not a task of a contiguous job array: pass --shard I/N`);
  }
  return shard;
}

/**
 * Whether the input at `position` (0-based, in the expanded input order) belongs to `shard`: round-robin,
 * so every shard gets the same number of inputs ±1, neighbouring files (one session's) are spread over the
 * shards, and the choice needs no list: the same order gives the same split in every process.
 */
export function inShard(position: number, shard: Shard | undefined): boolean {
  return shard === undefined || position % shard.count === shard.index;
}
