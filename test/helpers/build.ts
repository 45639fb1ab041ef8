import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../../scripts/repositoryRoot.js';


/**
 * The package's build (dist/). `npm test` builds it once before mocha runs the test files in parallel;
 * a test file run on its own builds it here when it is missing. Tests never rebuild a present dist/, so
 * parallel test files never see it half-written.
 */
export async function ensureBuilt(): Promise<void> {
  if (existsSync(join(ROOT, 'dist/lib/index.js')) && existsSync(join(ROOT, 'dist/cli/main.js'))) return;
  await promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT });
}

/**
 * `examples/<name>` as JavaScript that plain Node runs: tsx compiles an example afresh in every process
 * (1.5 s of CPU each), and tests run them many times. The folder sits inside this package, so an
 * example's `import 'isx-stream'` resolves to dist/ as an installed package's would. Named by a hash of
 * the sources, so an edited example is never run stale, and made by rename, so parallel test files share it.
 */
export async function builtExample(name: string): Promise<string> {
  builtExamples ??= buildExamples();
  return join(await builtExamples, name.replace(/\.ts$/, '.js'));
}

let builtExamples: Promise<string> | undefined;

/** The folder of the compiled examples, made once per process. */
async function buildExamples(): Promise<string> {
  const names = (await readdir(join(ROOT, 'examples'))).filter((file) => file.endsWith('.ts')).sort();
  const hash = createHash('sha256');
  for (const file of names) hash.update(file).update(await readFile(join(ROOT, 'examples', file)));
  const folder = join(ROOT, '.test-build', `examples-${hash.digest('hex').slice(0, 16)}`);
  if (!existsSync(folder)) {
    const temp = `${folder}.${process.pid}.tmp`;
    // Types are checked by `npm run typecheck`; this only strips them.
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    await promisify(execFile)(process.execPath, [tsc, '--ignoreConfig', '--noCheck', '--module', 'nodenext', '--target', 'es2022', '--rootDir', join(ROOT, 'examples'), '--outDir', temp, ...names.map((file) => join(ROOT, 'examples', file))], { cwd: ROOT });
    await rename(temp, folder).catch(async (error: NodeJS.ErrnoException) => {
      if (!existsSync(folder)) throw error;
      await rm(temp, { recursive: true, force: true });
    });
  }
  return folder;
}
