import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import { useTempDir } from '../helpers/tempDir.js';
import { runCli } from './runCli.js';
import { writeCountingMovie } from './syntheticMovies.js';

// Concurrent shard processes, one killed and resumed, are tested on a lab folder in labShards.test.ts.
describe('isx-stream convert --shard', () => {
  const dir = useTempDir();

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
