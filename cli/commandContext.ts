import type { CliIo } from './cliIo.js';
import { EXIT_OK } from './exitCodes.js';
import { StdoutGuard } from './stdoutGuard.js';

/** What a command handler gets besides its options: the io to use, the watch on stdout and where to leave its exit status. */
export interface CommandContext {
  io: CliIo;
  stdout: StdoutGuard;
  exitCode: number;
}

/** A command's parsed arguments, with the context yargs merges in from `parseAsync(argv, { cli })`. */
export type WithContext<T> = T & { cli: CommandContext };

export function newContext(io: CliIo): CommandContext {
  return { io, stdout: new StdoutGuard(io.stdout.stream), exitCode: EXIT_OK };
}
