import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root and the CLI entry, run through tsx so the tests need no prior build. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = resolve(ROOT, 'cli/main.ts');
export const DEMO = resolve(ROOT, 'examples/data/demo.isxd');

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

/** Starts `isx-stream ARGS` as a child process (stdin closed, stdout and stderr piped). */
export function startCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs `isx-stream ARGS` to the end and collects its exit status and output. */
export function runCli(args: readonly string[], options: { cwd?: string } = {}): Promise<CliResult> {
  return collect(startCli(args, options));
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
