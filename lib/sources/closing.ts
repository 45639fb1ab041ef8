/** Anything a source may have to close: every data set. */
export interface Closable {
  close(): Promise<void>;
}

/**
 * Yields `records`, then closes `resource` however the iteration ends: at the end, on an error, or
 * when the consumer stops early (`Readable.destroy` calls `return()`, which runs this `finally`). If the
 * close fails after an error, both errors are kept in an AggregateError.
 */
export async function* closing<T>(records: AsyncGenerator<T>, resource: Closable): AsyncGenerator<T> {
  let failure: { error: unknown } | null = null;
  try {
    yield* records;
  } catch (error) {
    failure = { error };
    throw error;
  } finally {
    try {
      await resource.close();
    } catch (closeError) {
      // A `finally` that throws replaces the error in flight; keep both so neither is lost.
      if (failure !== null) throw new AggregateError([failure.error, closeError], 'reading failed, then closing the file failed too');
      throw closeError;
    }
  }
}
