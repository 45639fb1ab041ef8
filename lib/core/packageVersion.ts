import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRootAbove } from './packageRoot.js';

let cached: string | undefined;

/**
 * The isx-stream package version (`--version`, and `isx-stream:version` in every output), read from the
 * package.json above this module.
 */
export function packageVersion(): string {
  cached ??= readVersion();
  return cached;
}

function readVersion(): string {
  const root = packageRootAbove(dirname(fileURLToPath(import.meta.url)));
  if (root === undefined) return 'unknown';
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' && pkg.version !== '' ? pkg.version : 'unknown';
}
