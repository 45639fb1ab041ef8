import { expect } from 'chai';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRootAbove } from '../../lib/core/packageRoot.js';
import { packageVersion } from '../../lib/core/packageVersion.js';
import { ROOT } from '../../scripts/repositoryRoot.js';
import { useTempDir } from '../helpers/tempDir.js';

describe('packageRootAbove', () => {
  const dir = useTempDir();

  it("finds the nearest isx-stream package.json, passing other packages' on the way", async () => {
    const installed = join(dir.path, 'app', 'node_modules', 'isx-stream');
    const deep = join(installed, 'dist', 'lib', 'core', 'nested');
    await mkdir(deep, { recursive: true });
    await writeFile(join(dir.path, 'app', 'package.json'), JSON.stringify({ name: 'app' }));
    await writeFile(join(installed, 'package.json'), JSON.stringify({ name: 'isx-stream', version: '9.9.9' }));
    await writeFile(join(installed, 'dist', 'package.json'), JSON.stringify({ type: 'module' }));
    expect(packageRootAbove(deep)).to.equal(installed);
    expect(packageRootAbove(installed)).to.equal(installed);
  });

  it('gives undefined when no isx-stream package.json is above', async () => {
    const lone = join(dir.path, 'lone', 'a', 'b');
    await mkdir(lone, { recursive: true });
    await writeFile(join(dir.path, 'lone', 'package.json'), JSON.stringify({ name: 'other' }));
    expect(packageRootAbove(lone)).to.equal(undefined);
  });

  it("reads the version of the repository's own package.json, from sources or their compiled copy", async () => {
    expect(packageRootAbove(join(ROOT, '.test-build', 'tree', 'lib', 'core'))).to.equal(ROOT);
    expect(packageVersion()).to.equal((JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });
});
