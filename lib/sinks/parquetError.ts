import { IsxError } from '../errors.js';

/** A Parquet writer's failure as E_IO naming the output (an IsxError passes unchanged). */
export function parquetError(path: string, cause: unknown): IsxError {
  if (cause instanceof IsxError) return cause;
  return new IsxError('E_IO', `writing Parquet failed: ${cause instanceof Error ? cause.message : String(cause)}`, { path, cause });
}
