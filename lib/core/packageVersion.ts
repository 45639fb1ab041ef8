import { existsSync, readFileSync } from 'node:fs';

let cached: string | undefined;

/**
 * The isx-stream package version (`--version`, and `isx-stream:version` in every output), read from the
 * package.json above the sources (lib/core/) or the build (dist/lib/core/).
 */
export function packageVersion(): string {
  cached ??= readVersion();
  return cached;
}

function readVersion(): string {
  for (const relative of ['../../package.json', '../../../package.json']) {
    const url = new URL(relative, import.meta.url);
    if (!existsSync(url)) continue;
    const pkg = JSON.parse(readFileSync(url, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'isx-stream' && pkg.version) return pkg.version;
  }
  return 'unknown';
}
