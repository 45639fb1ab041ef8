import { closeAll, type Closable } from '../core/closeAll.js';

/**
 * Yields `records`, then closes `resources` (one, or every file of a series) however the iteration ends:
 * at the end, on an error, or when the consumer stops early (`Readable.destroy` calls `return()`, which
 * runs this `finally`). Every resource is closed even when one fails, and no error is lost: a read error
 * and close errors together are kept in an AggregateError.
 */
export async function* closing<T>(records: AsyncGenerator<T>, resources: Closable | readonly Closable[]): AsyncGenerator<T> {
  let failure: { error: unknown } | null = null;
  try {
    yield* records;
  } catch (error) {
    failure = { error };
    throw error;
  } finally {
    const list = Array.isArray(resources) ? (resources as readonly Closable[]) : [resources as Closable];
    const closeErrors = await closeAll(list);
    // A `finally` that throws replaces the error in flight; keep every error so none is lost.
    if (closeErrors.length > 0) throw combineErrors(failure, closeErrors);
  }
}

function combineErrors(failure: { error: unknown } | null, closeErrors: readonly unknown[]): unknown {
  if (failure === null) {
    return closeErrors.length === 1 ? closeErrors[0] : new AggregateError(closeErrors, `closing ${closeErrors.length} files failed`);
  }
  const files = closeErrors.length === 1 ? 'the file' : `${closeErrors.length} files`;
  return new AggregateError([failure.error, ...closeErrors], `reading failed, then closing ${files} failed too`);
}
