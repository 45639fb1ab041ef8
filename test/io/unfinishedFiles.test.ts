import { expect } from 'chai';
import { readdir } from 'node:fs/promises';
import { basename } from 'node:path';
import { AtomicFile } from '../../lib/io/atomicFile.js';
import { removeUnfinishedOutputsSync } from '../../lib/io/unfinishedFiles.js';
import { useTempDir } from '../helpers/tempDir.js';

// What the bin does on a second Ctrl-C: remove the temp files of outputs still being written, then exit.
describe('removeUnfinishedOutputsSync', () => {
  const dir = useTempDir();

  it('removes the temp file of every output being written and leaves committed outputs', async () => {
    const done = await AtomicFile.create(dir.file('done.csv'));
    await done.write(Buffer.from('a\n'));
    await done.commit();
    const unfinished = await AtomicFile.create(dir.file('unfinished.csv'));
    await unfinished.write(Buffer.from('b\n'));
    const aborted = await AtomicFile.create(dir.file('aborted.csv'));
    await aborted.abort();
    expect((await readdir(dir.path)).sort()).to.deep.equal([basename(unfinished.tempPath), 'done.csv']);

    const removed = removeUnfinishedOutputsSync();
    expect(removed).to.include(unfinished.tempPath);
    expect(removed).not.to.include(done.tempPath);
    expect(removed).not.to.include(aborted.tempPath);
    expect(await readdir(dir.path)).to.deep.equal(['done.csv']);
    expect(removeUnfinishedOutputsSync()).to.deep.equal([]);
    await unfinished.abort();
  });
});
