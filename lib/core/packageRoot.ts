import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The nearest folder at or above `start` whose package.json is isx-stream's: the repository for the
 * sources, the installed package for its build, whatever folder depth the calling module sits at
 * (lib/core/, dist/lib/core/, dist/cli/ for the bundle, or a compiled copy of the tests).
 */
export function packageRootAbove(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'isx-stream') return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
