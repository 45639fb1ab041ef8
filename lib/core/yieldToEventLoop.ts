/**
 * Lets timers, I/O and signal handlers run. An async loop that never waits on I/O (records of invalid
 * frames, samples computed from a footer) only ever yields to microtasks, so without this Ctrl-C and
 * SIGTERM would wait until it ends.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Records a loop produces between two {@link yieldToEventLoop} calls: rare enough to cost nothing. */
export const RECORDS_PER_YIELD = 4096;
