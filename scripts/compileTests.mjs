// Compiles the tests and the sources they import (lib, transforms, cli, scripts, test) into .test-build/tree/, one
// JavaScript file per TypeScript file at the same relative path, for `npm test` to run with plain Node.
// Under tsx every mocha worker compiled the ~300 files it imported through tsx's loader thread: 13 s of
// CPU per run on this 2-core machine, against under a second for esbuild to strip the types of all of them
// once. Types are checked by `tsc --noEmit` beside the run (scripts/test.sh); this only strips them.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, '.test-build', 'tree');
const entryPoints = ['lib', 'transforms', 'cli', 'scripts', 'test'].flatMap((folder) =>
  readdirSync(join(root, folder), { recursive: true })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(root, folder, file)),
);

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints,
  outdir,
  outbase: root,
  bundle: false,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  tsconfig: join(root, 'tsconfig.json'),
  // Failures are reported against the TypeScript lines (mocha runs with --enable-source-maps).
  sourcemap: 'inline',
  logLevel: 'warning',
});
