import type { Readable, Writable } from 'node:stream';

/** One output stream of the CLI and what the CLI needs to know about where it goes. */
export interface CliOutput {
  stream: Writable;
  /** A terminal: progress bars are drawn (stderr), binary formats are refused (stdout). */
  isTTY: boolean;
  /** The terminal's width in characters; undefined off a terminal. */
  columns: number | undefined;
}

/** Aborted when the user asks the CLI to stop (SIGINT/SIGTERM in the bin); disposed when a command ends. */
export interface InterruptSource {
  readonly signal: AbortSignal;
  dispose(): void;
}

/**
 * Everything `run` touches outside its arguments, so that it runs the same in the `isx-stream` bin (process
 * streams and signals) and in-process in tests (collected streams, an AbortController).
 */
export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
  env: Readonly<Record<string, string | undefined>>;
  /** What `--files-from -` reads; none: such a run is refused. */
  stdin?: Readable;
  /** Starts listening for interrupts; called once per command that can be stopped. None: never interrupted. */
  interrupts?: () => InterruptSource;
}

/**
 * The width to lay text out in: the terminal's, else `COLUMNS` from the environment (a pseudo-terminal with
 * no size set reports 0 columns), else 100.
 */
export function layoutWidth(output: CliOutput, env: CliIo['env']): number {
  return output.columns || Number(env.COLUMNS) || 100;
}
