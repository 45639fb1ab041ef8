import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh folder for one describe block: created before its tests, removed after them.
 * `dir.path` is valid inside tests and hooks.
 */
export function useTempDir(prefix = 'isx-stream-test-'): { readonly path: string; file(name: string): string } {
  let path = '';
  before(async () => {
    path = await mkdtemp(join(tmpdir(), prefix));
  });
  after(async () => {
    await rm(path, { recursive: true, force: true });
  });
  return {
    get path() {
      return path;
    },
    file(name: string) {
      return join(path, name);
    },
  };
}
