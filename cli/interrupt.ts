import { IsxError } from '../lib/errors.js';
import { EXIT_INTERRUPTED } from './exitCodes.js';

export type StopReason = 'signal' | 'closed-pipe';

export interface Interrupt {
  /** Aborted on SIGINT/SIGTERM, or when the reader of stdout went away (EPIPE, e.g. `| head`). */
  readonly signal: AbortSignal;
  readonly reason: StopReason | undefined;
  dispose(): void;
}

/**
 * Turns Ctrl-C (SIGINT), SIGTERM and a closed stdout pipe into an AbortSignal, so the conversion stops
 * between chunks and its sinks abort (temp files removed) instead of the process dying mid-write. A second
 * signal exits at once.
 */
export function interruptSignal(): Interrupt {
  const controller = new AbortController();
  let reason: StopReason | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    reason = 'signal';
    controller.abort(new IsxError('E_ABORTED', `interrupted by ${signal}`));
  };
  const onStdoutError = (error: NodeJS.ErrnoException): void => {
    if (error.code !== 'EPIPE') throw error;
    reason ??= 'closed-pipe';
    controller.abort(error);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.stdout.on('error', onStdoutError);
  return {
    signal: controller.signal,
    get reason() {
      return reason;
    },
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.stdout.off('error', onStdoutError);
    },
  };
}
