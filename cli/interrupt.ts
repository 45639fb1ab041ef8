import type { CliIo } from './cliIo.js';

export type StopReason = 'signal' | 'closed-pipe';

export interface Interrupt {
  /** Aborted on an interrupt (SIGINT/SIGTERM in the bin), or when the reader of stdout went away (EPIPE, e.g. `| head`). */
  readonly signal: AbortSignal;
  readonly reason: StopReason | undefined;
  dispose(): void;
}

/**
 * Turns the io's interrupt source and a closed stdout pipe into one AbortSignal, so the conversion stops
 * between chunks and its sinks abort (temp files removed) instead of the process dying mid-write.
 */
export function watchInterrupt(io: CliIo): Interrupt {
  const controller = new AbortController();
  let reason: StopReason | undefined;
  const source = io.interrupts?.();
  const onInterrupt = (): void => {
    reason ??= 'signal';
    controller.abort(source?.signal.reason);
  };
  const onStdoutError = (error: NodeJS.ErrnoException): void => {
    if (error.code !== 'EPIPE') throw error;
    reason ??= 'closed-pipe';
    controller.abort(error);
  };
  source?.signal.addEventListener('abort', onInterrupt, { once: true });
  io.stdout.stream.on('error', onStdoutError);
  return {
    signal: controller.signal,
    get reason() {
      return reason;
    },
    dispose() {
      source?.signal.removeEventListener('abort', onInterrupt);
      source?.dispose();
      io.stdout.stream.off('error', onStdoutError);
    },
  };
}
