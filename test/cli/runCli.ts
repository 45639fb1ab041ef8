import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { CliIo } from '../../cli/cliIo.js';
import { run } from '../../cli/run.js';
import { ROOT } from '../../scripts/repositoryRoot.js';

export const CLI = resolve(ROOT, 'cli/main.ts');

/**
 * How a child process runs `isx-stream`: the build under `npm test` (which has just made it, and which
 * starts without compiling TypeScript: a second of CPU saved per child), else the sources through tsx, so
 * a test file run on its own needs no prior build.
 */
export const CLI_COMMAND: readonly string[] =
  process.env.ISX_TEST_BUILT === '1' ? [process.execPath, resolve(ROOT, 'dist/cli/main.js')] : [process.execPath, '--import', 'tsx', CLI];
export const DEMO = resolve(ROOT, 'examples/data/demo.isxd');

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

/** Starts `isx-stream ARGS` as a child process (stdin closed, stdout and stderr piped). */
export function startCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ChildProcess {
  return spawn(CLI_COMMAND[0]!, [...CLI_COMMAND.slice(1), ...args], {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface InProcessOptions {
  /** Pretend stdout / stderr is a terminal of this many columns. */
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
  columns?: number;
  /** Aborting it is an interrupt (what SIGINT is to the bin). */
  interrupt?: AbortSignal;
  env?: Record<string, string>;
  /** What the command reads on stdin (`--files-from -`). */
  stdin?: string;
  /** Write stdout here instead of collecting it (e.g. a stream that fails); `stdout` of the result is then empty. */
  stdout?: Writable;
}

/**
 * Runs `isx-stream ARGS` in this process through run(), collecting its exit status and output as a child
 * process would (signal null). Subprocesses (startCli) are kept for signals, terminals and the bin.
 */
export async function runCli(args: readonly string[], options: InProcessOptions = {}): Promise<CliResult> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const collector = (chunks: Buffer[]): Writable =>
    new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        chunks.push(Buffer.from(chunk));
        callback();
      },
    });
  const interrupt = options.interrupt;
  const io: CliIo = {
    stdout: { stream: options.stdout ?? collector(out), isTTY: options.stdoutTTY ?? false, columns: options.stdoutTTY ? (options.columns ?? 80) : undefined },
    stderr: { stream: collector(err), isTTY: options.stderrTTY ?? false, columns: options.stderrTTY ? (options.columns ?? 80) : undefined },
    env: options.env ?? {},
    stdin: options.stdin === undefined ? undefined : Readable.from([Buffer.from(options.stdin)]),
    interrupts: interrupt ? () => ({ signal: interrupt, dispose: () => undefined }) : undefined,
  };
  const status = await run(args, io);
  return { status, signal: null, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') };
}

export function collect(child: ChildProcess): Promise<CliResult> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => {
      resolvePromise({ status, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** stdout as text lines, without the final empty one. */
export function lines(result: CliResult): string[] {
  return result.stdout.toString('utf8').split('\n').filter((line) => line !== '');
}
