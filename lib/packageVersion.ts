import { existsSync, readFileSync } from 'node:fs';

/** The package version, read next to the sources (lib/) or the build (dist/lib/). */
export function readPackageVersion(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    const url = new URL(relative, import.meta.url);
    if (!existsSync(url)) continue;
    const pkg = JSON.parse(readFileSync(url, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'isx-stream' && pkg.version) return pkg.version;
  }
  return 'unknown';
}
