import type { Writable } from 'node:stream';

/**
 * Watches stdout (or stderr) for the whole run. A reader that went away (EPIPE: `| head`) is a normal end:
 * the run stops quietly. Any other error (a full disk, /dev/full, an I/O error) is a failure: on stdout the
 * run stops, prints it as one line and exits 1, so no output is ever cut short silently; on stderr see run().
 */
export class OutputGuard {
  private readonly controller = new AbortController();
  private closedByReader = false;
  private error: NodeJS.ErrnoException | undefined;
  private errorEmitted = false;
  private readonly onError = (error: NodeJS.ErrnoException): void => {
    this.errorEmitted = true;
    this.record(error);
  };

  constructor(
    private readonly stream: Writable,
    /** The stream in messages: `<stdout>`. */
    private readonly name: string,
  ) {
    stream.on('error', this.onError);
  }

  /** Aborted when the stream fails or its reader goes away: work that writes there can stop. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the stream stopped taking bytes, if it did: `closed-pipe` (EPIPE) or `failed`. */
  get state(): 'open' | 'closed-pipe' | 'failed' {
    // A stream can be errored before its 'error' event is emitted (next tick): read that too.
    if (this.stream.errored) this.record(this.stream.errored as NodeJS.ErrnoException);
    return this.error !== undefined ? 'failed' : this.closedByReader ? 'closed-pipe' : 'open';
  }

  /** The line that reports a failed stream (an E_IO failure), or undefined when it did not fail. */
  get failureLine(): string | undefined {
    return this.state === 'failed' ? `isx-stream: ${this.name}: writing failed (E_IO): ${this.error!.message}\n` : undefined;
  }

  /**
   * Waits until the bytes written so far have left the process or the stream failed, and until a failure has
   * been emitted (a stream errors at once but emits 'error' a tick later), so no failure goes unseen.
   */
  async settle(): Promise<void> {
    const stream = this.stream;
    // 'drain' follows only a write that filled the buffer, so waiting for it after a smaller write never
    // ended (with stdout on a file, the bin then exited 13 with its await unsettled). An empty write's
    // callback runs once every write before it is done, or with the error that stopped them.
    if (this.state === 'open' && stream.writableLength > 0 && !stream.destroyed && !stream.writableEnded) {
      await new Promise<void>((resolve) => stream.write(new Uint8Array(0), () => resolve()));
    }
    if (stream.errored && !this.errorEmitted) await once(stream, ['error', 'close']);
  }

  /** Stops watching; call after settle(), when nothing written can still fail. */
  dispose(): void {
    this.stream.off('error', this.onError);
  }

  private record(error: NodeJS.ErrnoException): void {
    if (this.closedByReader || this.error !== undefined) return;
    if (error.code === 'EPIPE') this.closedByReader = true;
    else this.error = error;
    this.controller.abort(error);
  }
}

/** Resolves on the first of `events` (the guard's own listener handles 'error'). */
function once(stream: Writable, events: readonly string[]): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      for (const event of events) stream.off(event, done);
      resolve();
    };
    for (const event of events) stream.on(event, done);
  });
}
