import type { CliIo, InterruptSource } from './cliIo.js';
import { EXIT_INTERRUPTED } from './exitCodes.js';

/** The bin's io: the process streams and environment, interrupts from SIGINT and SIGTERM. */
export function processIo(): CliIo {
  return {
    stdout: { stream: process.stdout, isTTY: process.stdout.isTTY === true, columns: process.stdout.columns },
    stderr: { stream: process.stderr, isTTY: process.stderr.isTTY === true, columns: process.stderr.columns },
    env: process.env,
    stdin: process.stdin,
    interrupts: processSignals,
  };
}

/** SIGINT (Ctrl-C) or SIGTERM aborts; a second one exits at once, for a user who does not want to wait. */
function processSignals(): InterruptSource {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
