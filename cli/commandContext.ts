import type { CliIo } from './cliIo.js';
import { EXIT_OK } from './exitCodes.js';

/** What a command handler gets besides its options: the io to use and where to leave its exit status. */
export interface CommandContext {
  io: CliIo;
  exitCode: number;
}

/** A command's parsed arguments, with the context yargs merges in from `parseAsync(argv, { cli })`. */
export type WithContext<T> = T & { cli: CommandContext };

export function newContext(io: CliIo): CommandContext {
  return { io, exitCode: EXIT_OK };
}
