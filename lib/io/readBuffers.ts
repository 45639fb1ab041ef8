/**
 * Buffers of large reads, reused once whoever holds them says nothing reads them any more. A fresh
 * multi-MiB buffer per read of a movie cost a garbage collection per read and kept peak memory high
 * (issue 9). `takeReadBuffer` lends one; `releaseReadBuffer` takes it back. A buffer never released is
 * collected as usual, so releasing is an optimisation, never a duty.
 */

/** Smaller reads (headers, footers, traces) are cheap to allocate and not worth keeping. */
const POOLED_MIN_BYTES = 1024 * 1024;
/** Free buffers kept per size: a read in flight, one read ahead, one batch queued, one being written. */
const KEPT_PER_SIZE = 4;

const free = new Map<number, ArrayBuffer[]>();
const lent = new WeakSet<ArrayBuffer>();

/** A buffer of `length` bytes (contents undefined), 8-byte aligned at offset 0. */
export function takeReadBuffer(length: number): ArrayBuffer {
  if (length < POOLED_MIN_BYTES) return new ArrayBuffer(length);
  const buffer = free.get(length)?.pop() ?? new ArrayBuffer(length);
  lent.add(buffer);
  return buffer;
}

/**
 * Hands back a buffer `takeReadBuffer` lent; the caller promises that nothing reads it any more, since a
 * later read will overwrite it. Returns false (and does nothing) for any other buffer.
 */
export function releaseReadBuffer(buffer: ArrayBufferLike): boolean {
  if (!(buffer instanceof ArrayBuffer) || !lent.has(buffer)) return false;
  lent.delete(buffer);
  let sameSize = free.get(buffer.byteLength);
  if (sameSize === undefined) free.set(buffer.byteLength, (sameSize = []));
  if (sameSize.length < KEPT_PER_SIZE) sameSize.push(buffer);
  return true;
}
