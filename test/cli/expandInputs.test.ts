import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { expect } from 'chai';
import { expandInputs } from '../../cli/expandInputs.js';
import { globToRegExp, splitGlobBase } from '../../cli/globToRegExp.js';
import { useTempDir } from '../helpers/tempDir.js';

describe('globToRegExp', () => {
  it('matches * and ? within one path segment only', () => {
    const re = globToRegExp('*.isx?');
    expect(['a.isxd', 'b.isxb'].every((p) => re.test(p))).to.equal(true);
    expect(re.test('sub/a.isxd')).to.equal(false);
    expect(re.test('a.isxdd')).to.equal(false);
  });

  it('matches ** across any number of folders, including none', () => {
    const re = globToRegExp('**/*.isxd');
    expect(['a.isxd', 'x/a.isxd', 'x/y/a.isxd'].every((p) => re.test(p))).to.equal(true);
    expect(re.test('x/a.gpio')).to.equal(false);
  });

  it('matches character classes and brace alternatives, and escapes regex characters', () => {
    expect(globToRegExp('s[12]_{cells,events}.isxd').test('s2_events.isxd')).to.equal(true);
    expect(globToRegExp('s[!12].isxd').test('s1.isxd')).to.equal(false);
    expect(globToRegExp('a+b(1).isxd').test('a+b(1).isxd')).to.equal(true);
  });

  it('splits a glob into the folder to walk and the pattern below it', () => {
    expect(splitGlobBase('data/2024-*/*.isxd')).to.deep.equal({ base: 'data', rest: '2024-*/*.isxd' });
    expect(splitGlobBase('*.isxd')).to.deep.equal({ base: '.', rest: '*.isxd' });
    expect(splitGlobBase('/abs/x/*.isxd')).to.deep.equal({ base: '/abs/x', rest: '*.isxd' });
  });
});

describe('expandInputs', () => {
  const dir = useTempDir();

  before(async () => {
    await mkdir(dir.file('data/sub'), { recursive: true });
    for (const name of ['b.isxd', 'a.gpio', 'notes.txt', '.hidden.isxd', 'sub/c.isxb']) await writeFile(dir.file(`data/${name}`), '');
  });

  it('expands a folder to the files directly inside it, sorted, skipping non-Inscopix ones quietly but counting them', async () => {
    const { files, rejected, skipped } = await expandInputs([dir.file('data')]);
    expect(files).to.deep.equal([
      { path: dir.file('data/a.gpio'), relative: 'a.gpio' },
      { path: dir.file('data/b.isxd'), relative: 'b.isxd' },
    ]);
    expect(rejected).to.deep.equal([]);
    expect(skipped).to.equal(1);
  });

  it('with recursive, expands a folder to every file below it, relative to the folder', async () => {
    const { files, skipped } = await expandInputs([dir.file('data')], { recursive: true });
    expect(files.map((f) => f.relative)).to.deep.equal(['a.gpio', 'b.isxd', 'sub/c.isxb']);
    expect(skipped).to.equal(1);
  });

  it('counts links to files as files, and does not follow links to folders', async () => {
    await mkdir(dir.file('linked'));
    await symlink(dir.file('data/b.isxd'), dir.file('linked/b-link.isxd'));
    await symlink(dir.file('linked'), dir.file('linked/loop'));
    const { files } = await expandInputs([dir.file('linked')], { recursive: true });
    expect(files.map((f) => f.relative)).to.deep.equal(['b-link.isxd']);
  });

  it('rejects a file named directly that is not an Inscopix file', async () => {
    const { files, rejected } = await expandInputs([dir.file('data/notes.txt')]);
    expect(files).to.deep.equal([]);
    expect(rejected.map((e) => e.message)).to.deep.equal([
      `${dir.file('data/notes.txt')}: not an Inscopix file: extension .txt is not one of .isxd .isxb .gpio .raw .imu`,
    ]);
  });

  it('keys a file named directly by its name, or by its path as given for --files-from lists', async () => {
    expect((await expandInputs([dir.file('data/sub/c.isxb')])).files[0]!.relative).to.equal('c.isxb');
    const listed = (await expandInputs([dir.file('data/sub/c.isxb')], { namedRelative: 'path' })).files[0]!.relative;
    expect(listed).to.equal(dir.file('data/sub/c.isxb').split(sep).filter((s) => s !== '').join('/'));
  });

  it('expands a recursive glob relative to its base, skipping hidden files', async () => {
    const { files, rejected } = await expandInputs([join(dir.path, 'data/**/*.isx?')]);
    expect(files).to.deep.equal([
      { path: dir.file('data/b.isxd'), relative: 'b.isxd' },
      { path: dir.file('data/sub/c.isxb'), relative: 'sub/c.isxb' },
    ]);
    expect(rejected).to.deep.equal([]);
  });

  it('reports a missing path and a glob that matches nothing', async () => {
    const { files, rejected } = await expandInputs([dir.file('nope.isxd'), join(dir.path, 'data/*.raw')]);
    expect(files).to.deep.equal([]);
    expect(rejected.map((e) => e.message)).to.deep.equal([
      `${dir.file('nope.isxd')}: no such file or folder`,
      `${join(dir.path, 'data/*.raw')}: no files match this pattern`,
    ]);
  });

  it('lists a file named twice once', async () => {
    const { files } = await expandInputs([dir.file('data/b.isxd'), dir.file('data/b.isxd')]);
    expect(files.map((f) => f.path)).to.deep.equal([dir.file('data/b.isxd')]);
  });
});
