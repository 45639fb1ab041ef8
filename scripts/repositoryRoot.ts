import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRootAbove } from '../lib/core/packageRoot.js';

/**
 * The repository's root, for the tests and these scripts. They run from their sources (through tsx) or
 * compiled into .test-build/tree/ (`npm test`, scripts/compileTests.mjs), so a fixed number of `..` from
 * a module would point at different folders.
 */
export const ROOT = repositoryRoot();

function repositoryRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = packageRootAbove(here);
  if (root === undefined) throw new Error(`no isx-stream package.json above ${here}`);
  return root;
}
