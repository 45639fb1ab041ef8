import { createWriteStream, fstatSync, type Stats } from 'node:fs';
import { isatty } from 'node:tty';
import type { Writable } from 'node:stream';
// The one module of the library the bin loads before a command needs it: lib/index.js would load it all,
// and `isx-stream -V` answers without the library.
import { removeUnfinishedOutputsSync } from '../lib/io/unfinishedFiles.js';
import type { CliIo, InterruptSource } from './cliIo.js';
import { EXIT_INTERRUPTED } from './exitCodes.js';
import { INTERRUPTED_LINE } from './interrupt.js';

/** The bin's io: the process streams and environment, interrupts from SIGINT and SIGTERM. */
export function processIo(): CliIo {
  return {
    stdout: { stream: stdoutStream(), isTTY: process.stdout.isTTY === true, columns: process.stdout.columns },
    stderr: { stream: process.stderr, isTTY: process.stderr.isTTY === true, columns: process.stderr.columns },
    env: process.env,
    stdin: process.stdin,
    interrupts: processSignals,
  };
}

/**
 * Node writes a stdout redirected to a file (or a device such as /dev/full) with one `writeSync` per
 * chunk and ignores a short write: on a full disk the rest of the chunk was dropped and the run ended with
 * exit 0. An fs.WriteStream on the same descriptor writes until every byte is out or reports the error.
 * Pipes and terminals keep process.stdout, whose writes libuv completes.
 */
function stdoutStream(): Writable {
  const stdout = fstatOrUndefined(1);
  const isFile = stdout !== undefined && (stdout.isFile() || (stdout.isCharacterDevice() && !isatty(1)));
  return isFile ? createWriteStream('', { fd: 1, autoClose: false }) : process.stdout;
}

/** No status for fd 1 (Node reopens a closed one on /dev/null, but not everywhere): its own stream then reports what writing does. */
function fstatOrUndefined(fd: number): Stats | undefined {
  try {
    return fstatSync(fd);
  } catch {
    return undefined;
  }
}

/**
 * Time a first SIGINT or SIGTERM gives the run to stop by itself (its writers abort and remove their temp
 * files) before the process removes them itself and exits: a stop is honoured within a second.
 */
const GRACE_MS = 500;

/**
 * SIGINT (Ctrl-C) or SIGTERM aborts the run; a second one, or a run that has not stopped after GRACE_MS,
 * exits at once, for a user who does not want to wait. Either way unfinished outputs are removed.
 */
function processSignals(): InterruptSource {
  const controller = new AbortController();
  let deadline: NodeJS.Timeout | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) exitNow();
    controller.abort(new Error(`interrupted by ${signal}`));
    deadline = setTimeout(exitNow, GRACE_MS).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(deadline);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

function exitNow(): never {
  removeUnfinishedOutputsSync();
  process.stderr.write(INTERRUPTED_LINE);
  process.exit(EXIT_INTERRUPTED);
}
