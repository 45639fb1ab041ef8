import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import { tableFromIPC } from 'apache-arrow';
import { convertDataset, convertFile, IsxError, MANIFEST_FOLDER, type DatasetInput, type InputOutcome } from '../../lib/index.js';
import { writeCountingMovie } from '../cli/syntheticMovies.js';
import { DEMO } from '../cli/runCli.js';
import { writeRawGpio } from '../synthetic/writeRawGpio.js';
import { rejection } from '../helpers/errors.js';
import { writerTag } from '../../lib/io/tempFiles.js';
import { useTempDir } from '../helpers/tempDir.js';
import { filesBelow } from '../helpers/filesBelow.js';

describe('convertDataset: many inputs into one dataset (issue 10)', () => {
  const dir = useTempDir();
  let inputs: DatasetInput[];

  before(async () => {
    await mkdir(dir.file('in/m1'), { recursive: true });
    await writeCountingMovie(dir.file('in/m1/x.isxd'), 2, 2, 3);
    await writeRawGpio(dir.file('in/m1/x.gpio'), { packets: [{ kind: 'bncSync', tsc: 0n, value: 1 }] });
    inputs = [
      { path: dir.file('in/m1/x.isxd'), keys: { recording: 'm1/x', subject: 'm1' } },
      { path: dir.file('in/m1/x.gpio'), keys: { recording: 'm1/x', subject: 'm1' } },
    ];
  });

  it('converts the files of one acquisition sharing a name into distinct outputs, keys as columns and partitions, one manifest each', async () => {
    const out = dir.file('lake');
    const outcomes: InputOutcome[] = [];
    const summary = await convertDataset(inputs, { to: 'arrow', outDir: out, partitionBy: ['subject'], onInput: (o) => void outcomes.push(o) });
    expect(summary).to.deep.equal({ converted: 2, existing: 0, failed: 0 });
    const files = await filesBelow(out);
    expect(files.filter((f) => f.startsWith(`${MANIFEST_FOLDER}/`))).to.have.length(2);
    const tables = files.filter((f) => !f.startsWith(MANIFEST_FOLDER));
    // Each input also writes its recordings row, and the GPIO file its channels' members rows (issue 10.5).
    expect(tables.map((f) => f.replace(/part-[0-9a-f]+/, 'part'))).to.have.members([
      'frames/subject=m1/part.arrow',
      'samples/subject=m1/part.arrow',
      'recordings/subject=m1/part.arrow',
      'recordings/subject=m1/part.arrow',
      'members/subject=m1/part.arrow',
    ]);
    const frames = tableFromIPC(await readFile(join(out, tables.find((f) => f.startsWith('frames/'))!)));
    expect(frames.schema.fields.slice(-2).map((f) => f.name)).to.deep.equal(['recording', 'kind']);
    expect(frames.toArray().map((row) => [row.recording, row.kind])).to.deep.equal(Array(3).fill(['m1/x', 'movie']));
    const manifest = JSON.parse(await readFile(join(out, files.find((f) => f.startsWith(MANIFEST_FOLDER))!), 'utf8'));
    expect(manifest.input.sha256).to.match(/^[0-9a-f]{64}$/);
    expect(manifest.keys).to.deep.equal({ recording: 'm1/x', subject: 'm1' });
    expect(outcomes.map((o) => o.status)).to.deep.equal(['converted', 'converted']);
  });

  it('with skipExisting, converts nothing again when the manifests match, and redoes an input whose output is gone', async () => {
    const out = dir.file('lake');
    const before = await filesBelow(out);
    const mtimes = await Promise.all(before.map(async (f) => (await stat(join(out, f))).mtimeMs));
    expect(await convertDataset(inputs, { to: 'arrow', outDir: out, partitionBy: ['subject'], skipExisting: true })).to.deep.equal({ converted: 0, existing: 2, failed: 0 });
    expect(await Promise.all(before.map(async (f) => (await stat(join(out, f))).mtimeMs))).to.deep.equal(mtimes);
    // Other options make other outputs: the manifest does not match, and the existing outputs are not replaced.
    const changed = await convertDataset(inputs, { to: 'arrow', outDir: out, partitionBy: ['subject'], skipExisting: true, decimate: 2 });
    expect(changed).to.deep.equal({ converted: 0, existing: 0, failed: 2 });
  });

  it('knows a touched input by its content hash in a dataset run; a plain conversion makes no hash and converts it again', async () => {
    const movie = dir.file('touched/m.isxd');
    await mkdir(dir.file('touched'));
    await writeCountingMovie(movie, 2, 2, 2);
    const manifestOf = async (out: string): Promise<{ input: { sha256?: string } }> => {
      const [name] = (await readdir(join(out, MANIFEST_FOLDER))).filter((f) => f.endsWith('.json'));
      return JSON.parse(await readFile(join(out, MANIFEST_FOLDER, name!), 'utf8'));
    };
    const one = [{ path: movie, keys: { recording: 'm' } }];
    await convertDataset(one, { to: 'csv', outDir: dir.file('touched/lake'), partitionBy: ['recording'] });
    await convertDataset(one, { to: 'csv', outDir: dir.file('touched/plain') });
    const hashed = await manifestOf(dir.file('touched/lake'));
    expect(hashed.input.sha256).to.equal(createHash('sha256').update(await readFile(movie)).digest('hex'));
    expect((await manifestOf(dir.file('touched/plain'))).input).to.not.have.property('sha256');
    // A copy or a touch: same bytes, another mtime.
    await utimes(movie, new Date(), new Date(Date.now() + 60_000));
    expect(await convertDataset(one, { to: 'csv', outDir: dir.file('touched/lake'), partitionBy: ['recording'], skipExisting: true })).to.deep.equal({ converted: 0, existing: 1, failed: 0 });
    expect(await convertDataset(one, { to: 'csv', outDir: dir.file('touched/plain'), skipExisting: true, overwrite: true })).to.deep.equal({ converted: 1, existing: 0, failed: 0 });
  });

  it('converts only its shard of the inputs', async () => {
    const out = dir.file('shard');
    const seen: string[] = [];
    await convertDataset(inputs, { to: 'csv', outDir: out, shard: { index: 1, count: 2 }, onInput: (o) => void seen.push(o.path) });
    expect(seen).to.deep.equal([inputs[1]!.path]);
    expect((await filesBelow(out)).filter((f) => !f.startsWith(MANIFEST_FOLDER))).to.deep.equal(['m1/x.gpio.samples.csv']);
  });

  it('converts again an input whose killed writer published its tables but not its manifest (commit journal)', async () => {
    const out = dir.file('journal');
    const one = [inputs[0]!];
    await convertDataset(one, { to: 'csv', outDir: out });
    const [manifest] = await readdir(join(out, MANIFEST_FOLDER));
    const tables = (await filesBelow(out)).filter((f) => !f.startsWith(MANIFEST_FOLDER));
    await rm(join(out, MANIFEST_FOLDER, manifest!));
    // Without a journal, outputs without a manifest are someone's: not replaced.
    expect(await convertDataset(one, { to: 'csv', outDir: out, skipExisting: true })).to.deep.equal({ converted: 0, existing: 0, failed: 1 });
    // The journal of a writer of this host that is gone names them as its unfinished commit.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const journal = join(out, MANIFEST_FOLDER, `${manifest!}.commit_${writerTag().replace(/_\d+$/, `_${dead}`)}`);
    await writeFile(journal, JSON.stringify(tables));
    expect(await convertDataset(one, { to: 'csv', outDir: out, skipExisting: true })).to.deep.equal({ converted: 1, existing: 0, failed: 0 });
    expect(await readdir(join(out, MANIFEST_FOLDER))).to.deep.equal([manifest]);
  });

  it('takes inputs one at a time from a generator: each is committed before the next is asked for', async () => {
    const out = dir.file('lazy');
    const committedWhenAsked: number[] = [];
    async function* lazily(): AsyncGenerator<DatasetInput> {
      for (const input of inputs) {
        committedWhenAsked.push((await readdir(join(out, MANIFEST_FOLDER)).catch(() => [])).length);
        yield input;
      }
    }
    await convertDataset(lazily(), { to: 'csv', outDir: out });
    expect(committedWhenAsked).to.deep.equal([0, 1]);
  });
});

describe('outputs of one input: checked first, committed together or not at all (issue 12.6)', () => {
  const dir = useTempDir();

  it('refuses an existing destination before writing any table', async () => {
    const out = dir.file('exists');
    await mkdir(out);
    await writeFile(join(out, 'demo.traces.csv'), 'earlier');
    const progress: string[] = [];
    const error = await rejection(convertFile(DEMO, { to: 'csv', outDir: out, onProgress: (p) => void progress.push(p.table) }));
    expect(error.code).to.equal('E_EXISTS');
    expect(progress).to.deep.equal([]);
    expect(await readdir(out)).to.deep.equal(['demo.traces.csv']);
  });

  it('leaves no table of an input when it is aborted while writing its last table', async () => {
    const out = dir.file('aborted');
    const controller = new AbortController();
    const error = await rejection(
      convertFile(DEMO, {
        to: 'csv',
        outDir: out,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.table === 'traces') controller.abort(new IsxError('E_ABORTED', 'stop'));
        },
      }),
    );
    expect(error.code).to.equal('E_ABORTED');
    expect(await readdir(out)).to.deep.equal([]);
  });
});
