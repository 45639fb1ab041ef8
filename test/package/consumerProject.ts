import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../helpers/build.js';
import { ROOT } from '../../scripts/repositoryRoot.js';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A fresh npm project with the packed isx-stream installed from its tarball, as a user installs it. */
export interface ConsumerProject {
  /** The project folder: `package.json` (ESM), `tsconfig.json` (strict, `skipLibCheck: false`), `node_modules`. */
  dir: string;
  /** Seconds taken by `npm pack` (of the build `npm test` made) and by `npm install` of the tarball. */
  packSeconds: number;
  installSeconds: number;
}

let project: Promise<ConsumerProject> | undefined;

/**
 * Packs this repository and installs the tarball into an empty project, once per test process (the
 * package and README tests share it); the folder is removed when the process exits. The install uses
 * npm's cache without revalidating it and skips the optional `sharp`, so it works offline once the
 * dependencies are cached.
 */
export function consumerProject(): Promise<ConsumerProject> {
  project ??= createConsumerProject();
  return project;
}

async function createConsumerProject(): Promise<ConsumerProject> {
  const dir = await mkdtemp(join(tmpdir(), 'isx-stream-consumer-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));

  await ensureBuilt();
  let started = performance.now();
  // --ignore-scripts: `prepare` would rebuild dist/ under test files running in parallel; the tarball
  // is what a user's `npm pack` makes, from the same build.
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  const tarball = join(dir, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
  const packSeconds = (performance.now() - started) / 1000;

  // allowScripts as the README asks for: npm 12 runs no dependency's build scripts without it.
  const manifest = { name: 'consumer', version: '1.0.0', private: true, type: 'module', allowScripts: { 'isx-stream': true } };
  await writeFile(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  started = performance.now();
  // No lock file is written and no install script runs (no dependency has one): a second less of npm's CPU.
  await run('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--omit=optional', '--no-package-lock', '--ignore-scripts', '--loglevel=error'], { cwd: dir });
  const installSeconds = (performance.now() - started) / 1000;

  // No @types/node is added for the type checks: apache-arrow, a dependency, brings it.
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      skipLibCheck: false,
      noEmit: true,
      types: ['node'],
    },
  };
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  return { dir, packSeconds, installSeconds };
}

/** Files to type-check in the consumer project (name → source), added when test files load. */
const toTypeCheck = new Map<string, string>();
let typeCheckRun: Promise<string> | undefined;

/** Adds a TypeScript file to the project's one type check; call it while test files load, before any check runs. */
export function addTypeChecked(name: string, source: string): void {
  if (typeCheckRun !== undefined) throw new Error(`${name} was added after the type check ran`);
  toTypeCheck.set(name, source);
}

/**
 * Type-checks `files` (added with addTypeChecked) with this repository's TypeScript; rejects with tsc's
 * report of errors in them. Every added file is checked in one tsc run (each run reads the package's and
 * Node's declarations again: seconds), shared by every caller.
 */
export async function typeCheck(project: ConsumerProject, files: string[]): Promise<void> {
  typeCheckRun ??= runTypeCheck(project);
  const report = await typeCheckRun;
  const mine = errorsOf(report, files);
  if (mine !== '') throw new Error(`tsc found errors:\n${mine}`);
}

async function runTypeCheck(project: ConsumerProject): Promise<string> {
  const files = [...toTypeCheck.keys()];
  await Promise.all(files.map((name) => writeFile(join(project.dir, name), toTypeCheck.get(name)!)));
  const config = join(project.dir, 'tsconfig.checked.json');
  await writeFile(config, JSON.stringify({ extends: './tsconfig.json', files, include: [] }));
  try {
    await run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config], { cwd: project.dir });
    return '';
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return `${stdout}${stderr}` || String(error);
  }
}

/** The report's errors located in `files`, with their continuation lines; errors located nowhere concern every file. */
function errorsOf(report: string, files: readonly string[]): string {
  const kept: string[] = [];
  let keeping = false;
  for (const line of report.split('\n')) {
    const located = /^(\S+?)\(\d+,\d+\): /.exec(line);
    if (located !== null) keeping = files.includes(located[1]!);
    else if (/^\S/.test(line)) keeping = line.trim() !== '';
    if (keeping) kept.push(line);
  }
  return kept.join('\n').trim();
}
