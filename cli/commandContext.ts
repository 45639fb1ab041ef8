import type { CliIo } from './cliIo.js';
import { EXIT_OK } from './exitCodes.js';
import { OutputGuard } from './outputGuard.js';

/** What a command handler gets besides its options: the io to use, the watches on stdout and stderr and where to leave its exit status. */
export interface CommandContext {
  io: CliIo;
  stdout: OutputGuard;
  stderr: OutputGuard;
  exitCode: number;
}

/** A command's parsed arguments, with the context yargs merges in from `parseAsync(argv, { cli })`. */
export type WithContext<T> = T & { cli: CommandContext };

export function newContext(io: CliIo): CommandContext {
  return { io, stdout: new OutputGuard(io.stdout.stream, '<stdout>'), stderr: new OutputGuard(io.stderr.stream, '<stderr>'), exitCode: EXIT_OK };
}
