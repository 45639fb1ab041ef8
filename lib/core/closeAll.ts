/** Anything that holds a file open: every data set and byte source. */
export interface Closable {
  close(): Promise<void>;
}

/**
 * Closes every resource, even when some fail, and returns the close errors (empty when all closed).
 * Callers keep them with the error that led to closing, so that no failure is dropped.
 */
export async function closeAll(resources: readonly Closable[]): Promise<unknown[]> {
  const closed = await Promise.allSettled(resources.map((resource) => resource.close()));
  return closed.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
}
