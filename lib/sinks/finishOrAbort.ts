import type { ByteDestination } from './byteDestination.js';

/**
 * Ends an output: flushes the encoder, then commits the destination; if either fails, the destination is
 * aborted (a path output's temp file removed) and the failure rethrown.
 */
export async function finishOrAbort(destination: ByteDestination, flushEncoder: () => Promise<void>): Promise<void> {
  try {
    await flushEncoder();
    await destination.finish();
  } catch (error) {
    await destination.abort();
    throw error;
  }
}
