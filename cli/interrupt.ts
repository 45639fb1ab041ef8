import type { CommandContext } from './commandContext.js';

export type StopReason = 'signal' | 'closed-pipe' | 'stdout-failed';

/** What the CLI prints when a run was interrupted (by the command, or by the bin on a forced exit). */
export const INTERRUPTED_LINE = 'isx-stream: interrupted; unfinished outputs were removed\n';

export interface Interrupt {
  /** Aborted on an interrupt (SIGINT/SIGTERM in the bin), or when stdout stopped taking bytes (see OutputGuard). */
  readonly signal: AbortSignal;
  readonly reason: StopReason | undefined;
  dispose(): void;
}

const STDOUT_STOPS = { open: undefined, 'closed-pipe': 'closed-pipe', failed: 'stdout-failed' } as const;

/**
 * Turns the io's interrupt source and a stopped stdout into one AbortSignal, so the conversion stops
 * between chunks and its sinks abort (temp files removed) instead of the process dying mid-write.
 */
export function watchInterrupt(cli: CommandContext): Interrupt {
  const controller = new AbortController();
  let reason: StopReason | undefined;
  const source = cli.io.interrupts?.();
  const onInterrupt = (): void => {
    reason ??= 'signal';
    controller.abort(source?.signal.reason);
  };
  const stdoutReason = (): StopReason | undefined => STDOUT_STOPS[cli.stdout.state];
  const onStdoutStopped = (): void => {
    reason ??= stdoutReason();
    controller.abort(cli.stdout.signal.reason);
  };
  source?.signal.addEventListener('abort', onInterrupt, { once: true });
  cli.stdout.signal.addEventListener('abort', onStdoutStopped, { once: true });
  if (cli.stdout.signal.aborted) onStdoutStopped();
  return {
    signal: controller.signal,
    get reason() {
      // stdout may have failed before its 'error' event reached the guard (the guard reads `errored`).
      return reason ?? stdoutReason();
    },
    dispose() {
      source?.signal.removeEventListener('abort', onInterrupt);
      source?.dispose();
      cli.stdout.signal.removeEventListener('abort', onStdoutStopped);
    },
  };
}
