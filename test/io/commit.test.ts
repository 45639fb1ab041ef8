import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { open, readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { expect } from 'chai';
import { AtomicFile } from '../../lib/io/atomicFile.js';
import { CommitGroup } from '../../lib/io/commitGroup.js';
import { removeStaleTempFiles, tempPathIn } from '../../lib/io/tempFiles.js';
import { rejection } from '../helpers/errors.js';
import { useTempDir } from '../helpers/tempDir.js';

async function writeFileVia(path: string, text: string, overwrite = false): Promise<AtomicFile> {
  const file = await AtomicFile.create(path, { overwrite });
  await file.write(Buffer.from(text));
  return file;
}

/** A pid that belonged to a process of this host that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('AtomicFile and CommitGroup: outputs appear whole, together, never replacing (issue 12.6)', () => {
  const dir = useTempDir();

  it('refuses at commit a file that appeared after create (no check-then-rename race), keeping it intact', async () => {
    const path = dir.file('race.txt');
    const file = await writeFileVia(path, 'mine');
    await writeFile(path, 'theirs');
    const error = await rejection(file.commit());
    expect(error.code).to.equal('E_EXISTS');
    expect(await readFile(path, 'utf8')).to.equal('theirs');
    expect(await readdir(dir.path)).to.deep.equal(['race.txt']);
  });

  it('lets exactly one of several concurrent writers of one name succeed', async () => {
    const path = dir.file('three.txt');
    const files = await Promise.all(['a', 'b', 'c'].map((text) => writeFileVia(path, text)));
    const results = await Promise.allSettled(files.map((file) => file.commit()));
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).to.deep.equal(['E_EXISTS', 'E_EXISTS']);
    expect(['a', 'b', 'c']).to.include(await readFile(path, 'utf8'));
  });

  it('replaces with overwrite', async () => {
    const path = dir.file('replace.txt');
    await writeFile(path, 'old');
    await (await writeFileVia(path, 'new', true)).commit();
    expect(await readFile(path, 'utf8')).to.equal('new');
  });

  it('commits a name of 250 bytes: the temp name does not grow with it', async () => {
    const path = dir.file(`${'x'.repeat(242)}.parquet`);
    await (await writeFileVia(path, 'long')).commit();
    expect(await readFile(path, 'utf8')).to.equal('long');
  });

  it('fsyncs the file before it gets its name, and the folder after', async () => {
    const probe = await open(dir.file('probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { sync(): Promise<void> };
    await probe.close();
    const original = proto.sync;
    const synced: string[] = [];
    // Whether the output has its name yet at each fsync: the file's must come before, the folder's after.
    proto.sync = function (this: unknown) {
      synced.push(readdirSync(dir.path).includes('synced.txt') ? 'named' : 'unnamed');
      return original.call(this);
    };
    const path = dir.file('synced.txt');
    try {
      await (await writeFileVia(path, 'x')).commit();
    } finally {
      proto.sync = original;
    }
    expect(synced).to.deep.equal(['unnamed', 'named']);
  });

  it('publishes a group together, or removes what it published when a member cannot be', async () => {
    const group = new CommitGroup();
    const first = await group.create(dir.file('g.cells'));
    const second = await group.create(dir.file('g.traces'));
    for (const file of [first, second]) {
      await file.write(Buffer.from('x'));
      await file.seal();
    }
    await writeFile(dir.file('g.traces'), 'someone else');
    expect((await rejection(group.commit())).code).to.equal('E_EXISTS');
    const names = (await readdir(dir.path)).filter((n) => n.startsWith('g.') || n.startsWith('.'));
    expect(names).to.deep.equal(['g.traces']);
    expect(await readFile(dir.file('g.traces'), 'utf8')).to.equal('someone else');
  });

  it("removes temp files of this host's writers that are gone, and no others", async () => {
    const dead = tempPathIn(dir.path).replace(`_${process.pid}_`, `_${deadPid()}_`);
    const live = tempPathIn(dir.path);
    const otherHost = tempPathIn(dir.path).replace(`_${hostname().replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 64)}_`, '_elsewhere_');
    for (const path of [dead, live, otherHost]) await writeFile(path, '');
    const removed = await removeStaleTempFiles(dir.path);
    expect(removed).to.deep.equal([dead.slice(dir.path.length + 1)]);
    const left = await readdir(dir.path);
    expect(left).to.include(live.slice(dir.path.length + 1));
    expect(left).to.include(otherHost.slice(dir.path.length + 1));
  });
});
