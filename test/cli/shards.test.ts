import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import { useTempDir } from '../helpers/tempDir.js';
import { duckRows } from '../sinks/readBack.js';
import { collect, runCli, startCli } from './runCli.js';
import { writeCountingMovie, writeLargeSparseMovie } from './syntheticMovies.js';

/** Files below `folder` (hidden temp files included), relative, sorted. */
async function filesBelow(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(folder.length + 1)).sort();
}

const FRAMES: Record<string, number> = { s0: 3, s1: 16, s2: 4, s3: 5, s4: 6, s5: 7 };

// Issue 10.6: shards of one input list run as concurrent processes into one folder; one is killed with
// SIGKILL while it writes and re-run with --skip-existing. Kept short: the big input is 16 sparse frames, and
// only two shards are processes of their own (the third and the re-runs go through run() in-process).
describe('isx-stream convert --shard: concurrent processes, one killed and resumed (issue 10.6)', () => {
  const dir = useTempDir();
  let data = '';

  before(async () => {
    data = dir.file('data');
    await mkdir(data);
    for (const [name, frames] of Object.entries(FRAMES)) {
      // s1 goes to shard 1/3 (round-robin over the sorted list) and is big enough to be killed mid-way.
      if (name === 's1') await writeLargeSparseMovie(join(data, `${name}.isxd`), frames);
      else await writeCountingMovie(join(data, `${name}.isxd`), 4, 3, frames);
    }
  });

  it('completes one dataset from three concurrent shards after one is killed and re-run, then writes nothing more', async () => {
    const out = dir.file('lake');
    const args = (shard: string): string[] => ['convert', data, '--to', 'parquet', '--out', out, '--partition-by', 'recording', '--shard', shard];
    // Shards 1 and 2 are processes of their own, shard 0 runs in this one, all at once.
    const victim = startCli(args('1/3'));
    const results = [runCli(args('0/3')), collect(victim), collect(startCli(args('2/3')))];
    // Kill shard 1 once its temp file exists: it is then writing s1, which it has not committed.
    for (;;) {
      const files = await readdir(out, { recursive: true }).catch(() => [] as string[]);
      if (files.some((f) => f.includes(`_${victim.pid}_`))) break;
      expect(victim.exitCode, 'shard 1 finished before it could be killed').to.equal(null);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    victim.kill('SIGKILL');
    const [first, killed, third] = await Promise.all(results);
    expect([first!.status, killed!.signal, third!.status]).to.deep.equal([0, 'SIGKILL', 0]);
    const leftovers = (await filesBelow(out)).filter((f) => f.includes(`_${victim.pid}_`));
    expect(leftovers).to.not.deep.equal([]);
    expect((await filesBelow(out)).filter((f) => f.includes('recording=s1') && !f.includes('.isx-tmp_'))).to.deep.equal([]);

    const rerun = await runCli([...args('1/3'), '--skip-existing']);
    expect(rerun.status).to.equal(0);
    expect(rerun.stderr).to.match(/isx-stream: [12] files?, .*\n$/);
    expect((await filesBelow(out)).filter((f) => f.includes('.isx-tmp_'))).to.deep.equal([]);

    const rows = await duckRows(`select recording, count(*)::int as n from read_parquet('${out}/frames/*/*.parquet', hive_partitioning=true, hive_types_autocast=false) group by all order by all`);
    expect(rows).to.deep.equal(Object.entries(FRAMES).map(([recording, n]) => ({ recording, n })));

    const before = await filesBelow(out);
    const mtimes = await Promise.all(before.map(async (f) => (await stat(join(out, f))).mtimeMs));
    const all = await runCli(['convert', data, '--to', 'parquet', '--out', out, '--partition-by', 'recording', '--skip-existing']);
    expect(all.status).to.equal(0);
    expect(all.stderr).to.match(/; 6 files already converted\n$/);
    expect(await filesBelow(out)).to.deep.equal(before);
    expect(await Promise.all(before.map(async (f) => (await stat(join(out, f))).mtimeMs))).to.deep.equal(mtimes);
  });

  it('takes its shard from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT when --shard is not given', async () => {
    const out = dir.file('slurm-env');
    const small = dir.file('small');
    await mkdir(small);
    for (const name of ['a', 'b', 'c']) await writeCountingMovie(join(small, `${name}.isxd`), 2, 2, 2);
    const result = await runCli(['convert', small, '--to', 'csv', '--out', out], { env: { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '2' } });
    expect(result.status).to.equal(0);
    expect((await readdir(out)).filter((f) => f !== '_manifest')).to.deep.equal(['b.frames.csv']);
  });
});
