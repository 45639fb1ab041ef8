import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from '../helpers/build.js';
import { promisify } from 'node:util';

export { ROOT };
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
  await run('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--omit=optional', '--loglevel=error'], { cwd: dir });
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

/** Type-checks `files` of the project with this repository's TypeScript; rejects with tsc's report. */
export async function typeCheck(project: ConsumerProject, name: string, files: string[]): Promise<void> {
  const config = join(project.dir, `tsconfig.${name}.json`);
  await writeFile(config, JSON.stringify({ extends: './tsconfig.json', files, include: [] }));
  try {
    await run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config], { cwd: project.dir });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`tsc found errors:\n${stdout}${stderr}`);
  }
}
