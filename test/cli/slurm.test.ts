import { execFile } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { useTempDir } from '../helpers/tempDir.js';
import { duckRows } from '../sinks/readBack.js';
import { LAB_INPUTS, writeLabFolder } from './lakeFolder.js';
import { ROOT } from '../../scripts/repositoryRoot.js';

const run = promisify(execFile);

/** The README's Slurm job-array script: its ```bash block with `#SBATCH --array`. */
async function readmeJobScript(): Promise<string> {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const script = [...readme.matchAll(/^```bash\n([\s\S]*?)^```$/gm)].map((m) => m[1]!).find((block) => block.includes('#SBATCH --array'));
  if (script === undefined) throw new Error('README.md has no Slurm job-array script');
  return script;
}

/** Why Slurm cannot run here, or undefined when a node is up (started with ../shared/slurm/up.sh if needed). */
async function slurmUnavailable(): Promise<string | undefined> {
  if (!(await run('sh', ['-c', 'command -v sbatch']).then(() => true, () => false))) return 'sbatch is not installed (apt-get install -y slurm-wlm munge)';
  const idle = async (): Promise<boolean> => run('sinfo', ['-h', '-o', '%t']).then(({ stdout }) => /idle|mix|alloc/.test(stdout), () => false);
  if (await idle()) return undefined;
  const up = join(ROOT, '../shared/slurm/up.sh');
  await run(up).catch(() => undefined);
  return (await idle()) ? undefined : `no Slurm node is up and ${up} could not start one`;
}

// Issue 10.6: the README's job-array script on a real single-node Slurm, as three array tasks.
describe('the README Slurm job-array script on a real Slurm (issue 10.6)', function () {
  this.timeout(180_000);
  const dir = useTempDir();

  before(async function () {
    const why = await slurmUnavailable();
    if (why !== undefined) {
      console.log(`    (skipped: ${why})`);
      this.skip();
    }
  });

  it('converts a lab folder into one dataset over three array tasks', async () => {
    const lab = dir.file('lab');
    await writeLabFolder(lab);
    const shims = dir.file('bin');
    await mkdir(shims);
    // `isx-stream` as the script calls it, wherever the job runs: the build under `npm test`, else the CLI
    // from its sources through tsx.
    const command =
      process.env.ISX_TEST_BUILT === '1'
        ? `"${process.execPath}" "${join(ROOT, 'dist/cli/main.js')}"`
        : `"${process.execPath}" --import "${import.meta.resolve('tsx')}" "${join(ROOT, 'cli/main.ts')}"`;
    await writeFile(join(shims, 'isx-stream'), `#!/bin/sh\nexec ${command} "$@"\n`);
    await chmod(join(shims, 'isx-stream'), 0o755);
    await writeFile(dir.file('lake.sbatch'), await readmeJobScript());
    const lake = dir.file('lake');
    const env = { ...process.env, ARCHIVE: lab, LAKE: lake, PATH: `${shims}:${process.env.PATH ?? ''}` };
    const { stdout } = await run('sbatch', ['--parsable', '--wait', '--array=0-2', `--chdir=${dir.path}`, dir.file('lake.sbatch')], { env });
    const job = stdout.trim().split(';')[0]!;
    const logs = (await readdir(dir.path)).filter((name) => name.startsWith(`isx-lake-${job}_`));
    expect(logs.sort()).to.deep.equal([0, 1, 2].map((task) => `isx-lake-${job}_${task}.out`));
    expect((await readdir(join(lake, '_manifest'))).length).to.equal(LAB_INPUTS.length);
    const traces = await duckRows(
      `select subject, session, count(*)::int as n from read_parquet('${lake}/traces/**/*.parquet', hive_partitioning=true, hive_types_autocast=false) group by all order by all`,
    );
    expect(traces).to.deep.equal([
      { subject: '007', session: 's2', n: 2400 },
      { subject: 'mouse=1', session: 'day 1', n: 2400 },
      { subject: 'mouse=1', session: 'day 2', n: 2400 },
    ]);
  });
});
