// Builds dist/ (tsc -p tsconfig.build.json) and stamps it with a hash of what it was built from.
// `--if-changed` builds only when the stamp differs: `npm ci` has just built (prepare), and `npm test`
// then need not build the same sources again.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampPath = join(root, 'dist', '.source-hash');

function sourceHash() {
  const hash = createHash('sha256');
  const files = ['package.json', 'tsconfig.json', 'tsconfig.build.json'];
  for (const folder of ['lib', 'transforms', 'cli']) {
    for (const file of readdirSync(join(root, folder), { recursive: true })) files.push(join(folder, file));
  }
  for (const file of files.sort()) {
    let content;
    try {
      content = readFileSync(join(root, file));
    } catch (error) {
      if (error.code === 'EISDIR') continue;
      throw error;
    }
    hash.update(`${file}\0${content.length}\0`).update(content);
  }
  return hash.digest('hex');
}

const hash = sourceHash();
const stamp = (() => {
  try {
    return readFileSync(stampPath, 'utf8');
  } catch {
    return undefined;
  }
})();
if (!(process.argv.includes('--if-changed') && stamp === hash)) {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  chmodSync(join(root, 'dist', 'cli', 'main.js'), 0o755);
  writeFileSync(stampPath, hash);
}
