import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { FileSource } from '../../lib/io/fileSource.js';
import { open } from '../../lib/kinds/open.js';
import { rejection } from '../helpers/errors.js';
import { useTempDir } from '../helpers/tempDir.js';

describe('FileSource refuses what is not a regular file', () => {
  const dir = useTempDir();

  // A FIFO opened for reading waits for a writer inside a libuv thread: were it opened that way, these
  // tests would time out and the test process could not exit.
  for (const name of ['x.isxd', 'x.isxb', 'x.gpio']) {
    it(`refuses a FIFO named ${name} with E_NOT_FILE without waiting for a writer`, async function () {
      if (process.platform === 'win32') this.skip();
      const path = dir.file(name);
      execFileSync('mkfifo', [path]);
      const direct = await rejection(FileSource.open(path));
      expect(direct.code).to.equal('E_NOT_FILE');
      expect(direct.message).to.equal(`${path}: is not a regular file (a FIFO, socket or device?); refused without reading`);
      expect((await rejection(open(path))).code).to.equal('E_NOT_FILE');
    });
  }

  it('refuses a character device with E_NOT_FILE', async function () {
    if (process.platform === 'win32') this.skip();
    expect((await rejection(FileSource.open('/dev/null'))).code).to.equal('E_NOT_FILE');
  });

  it('still reports a directory as E_IO', async () => {
    expect((await rejection(FileSource.open(dir.path))).code).to.equal('E_IO');
  });
});
