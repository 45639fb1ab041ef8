import { open, readdir, stat } from 'node:fs/promises';
import { expect } from 'chai';
import { AtomicFile, FLUSH_EVERY_BYTES } from '../../lib/io/atomicFile.js';
import { rejection } from '../helpers/errors.js';
import { useTempDir } from '../helpers/tempDir.js';

/** FileHandle's prototype, whose `datasync` the tests watch (every handle shares it). */
async function fileHandlePrototype(path: string): Promise<{ datasync(): Promise<void> }> {
  const handle = await open(path, 'w');
  await handle.close();
  return Object.getPrototypeOf(handle) as { datasync(): Promise<void> };
}

/** Writes just past one flush interval in 1 MiB writes. */
async function writePastFlushInterval(file: AtomicFile): Promise<void> {
  const chunk = new Uint8Array(1024 * 1024).fill(7);
  for (let written = 0; written <= FLUSH_EVERY_BYTES; written += chunk.byteLength) await file.write(chunk);
}

describe('AtomicFile flushes large outputs to disk as it writes them', () => {
  const dir = useTempDir();
  let prototype: { datasync(): Promise<void> };
  let original: () => Promise<void>;

  before(async () => {
    prototype = await fileHandlePrototype(dir.file('probe'));
    original = prototype.datasync;
  });
  afterEach(() => {
    prototype.datasync = original;
  });

  it('starts a flush once a flush interval is written, before the commit, and commits the file whole', async () => {
    let flushes = 0;
    prototype.datasync = function (this: unknown) {
      flushes++;
      return original.call(this);
    };
    const path = dir.file('large.bin');
    const file = await AtomicFile.create(path);
    await writePastFlushInterval(file);
    expect(flushes).to.equal(1);
    await file.commit();
    expect((await stat(path)).size).to.equal(FLUSH_EVERY_BYTES + 1024 * 1024);
  });

  it('fails the commit with E_IO when a background flush failed, leaving no file', async () => {
    prototype.datasync = () => Promise.reject(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    const path = dir.file('failed.bin');
    const file = await AtomicFile.create(path);
    await writePastFlushInterval(file);
    const error = await rejection(file.commit());
    expect([error.code, error.detail]).to.deep.equal(['E_IO', 'flushing the output file to disk failed: EIO: i/o error, fdatasync']);
    expect((await readdir(dir.path)).filter((name) => name.includes('failed') || name.endsWith('.tmp'))).to.deep.equal([]);
  });
});
