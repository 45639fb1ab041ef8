import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The package's build (dist/). `npm test` builds it once before mocha runs the test files in parallel;
 * a test file run on its own builds it here when it is missing. Tests never rebuild a present dist/, so
 * parallel test files never see it half-written.
 */
export async function ensureBuilt(): Promise<void> {
  if (existsSync(join(ROOT, 'dist/lib/index.js')) && existsSync(join(ROOT, 'dist/cli/main.js'))) return;
  await promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT });
}
