import { expect } from 'chai';
import { readdir, writeFile } from 'node:fs/promises';
import { openFileWith } from '../../lib/io/openFileWith.js';
import { FileSource } from '../../lib/io/fileSource.js';
import { useTempDir } from '../helpers/tempDir.js';

async function openFdCount(): Promise<number> {
  return (await readdir('/proc/self/fd')).length;
}

describe('openFileWith', () => {
  const dir = useTempDir();

  it('hands the open file to the builder and leaves it open on success', async () => {
    const path = dir.file('ok.bin');
    await writeFile(path, Buffer.from([1, 2, 3]));
    const source = await openFileWith(path, async (s) => s);
    expect(source).to.be.instanceOf(FileSource);
    expect([...(await source.readAt(1, 2))]).to.deep.equal([2, 3]);
    await source.close();
  });

  it('closes the file and rethrows the builder error unchanged', async () => {
    const path = dir.file('fail.bin');
    await writeFile(path, Buffer.from([1]));
    const before = await openFdCount();
    const cause = new Error('bad content');
    const error = await openFileWith(path, async () => {
      throw cause;
    }).catch((e: unknown) => e);
    expect(error).to.equal(cause);
    expect(await openFdCount()).to.equal(before);
  });

  it('keeps both errors when closing fails after the builder failed', async () => {
    const path = dir.file('both.bin');
    await writeFile(path, Buffer.from([1]));
    const cause = new Error('bad content');
    const closeFailure = new Error('close failed');
    const error = await openFileWith(path, async (source) => {
      const close = source.close.bind(source);
      source.close = async () => {
        await close();
        throw closeFailure;
      };
      throw cause;
    }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(AggregateError);
    expect((error as AggregateError).errors).to.deep.equal([cause, closeFailure]);
    expect((error as AggregateError).message).to.equal(`${path}: opening failed, then closing the file failed too`);
  });
});
