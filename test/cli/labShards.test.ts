import { mkdir, readdir, stat, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { convertFile } from '../../lib/convert/convertFile.js';
import { haveRealFixtures, realFixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { duckRows } from '../sinks/readBack.js';
import { LAB_INPUTS, writeLabFolder } from './lakeFolder.js';
import { collect, runCli, startCli, type CliResult } from './runCli.js';
import { writeLargeSparseMovie } from './syntheticMovies.js';
import { filesBelow } from '../helpers/filesBelow.js';

/** The big movie (sparse: holes on disk), which keeps its shard busy long enough to be killed while it writes. */
const BIG = 'mouse=1/day 3/big.isxd';
const BIG_FRAMES = 16;
/** Real event sets linked into the lab (never copied), when ../shared/fixtures/real is present. */
const REAL: Record<string, string[]> = {
  'mouse=1/day 1/eventset.isxd': ['ideas-toolbox-caiman', 'IM13_session1_2024-10-07_eventset_10cells-10s-subset.isxd'],
  'm%2/día 7/eventset.isxd': ['ideas-toolbox-caiman', 'IM13_session4_2024-10-28_eventset_10cells-10s-subset.isxd'],
};

const dataset = (out: string, table: string): string =>
  `read_parquet('${out}/${table}/**/*.parquet', hive_partitioning=true, hive_types_autocast=false)`;

// Issue 10, "Done when", as one run: a lab folder (nested same names, sidecars, x.gpio beside x.isxd,
// names with =, %, spaces and non-ASCII; real event sets when present) in three concurrent shard processes
// with --recursive --path-pattern --partition-by; the shard writing the big movie is killed with SIGKILL
// and re-run with --skip-existing; the dataset then holds exactly the rows of the single-file conversions,
// and a second full run writes nothing.
describe('a lab folder in three concurrent shards, one killed and resumed, read back as one dataset (issue 10)', () => {
  const dir = useTempDir();
  let lab = '';
  const inputs: string[] = [...LAB_INPUTS, BIG];

  before(async () => {
    lab = dir.file('lab');
    await writeLabFolder(lab);
    await mkdir(dirname(join(lab, BIG)), { recursive: true });
    await writeLargeSparseMovie(join(lab, BIG), BIG_FRAMES);
    if (haveRealFixtures) {
      for (const [path, fixture] of Object.entries(REAL)) {
        await symlink(realFixture(...fixture), join(lab, path));
        inputs.push(path);
      }
    } else {
      console.log('    (real event sets not linked: ../shared/fixtures/real is absent)');
    }
  });

  it('completes, holds exactly the single-file rows with their keys, and a second run writes nothing', async function () {
    this.timeout(120_000);
    const out = dir.file('lake');
    const args = ['convert', lab, '-r', '--path-pattern', '{subject}/{session}/*', '--partition-by', 'subject,session', '--to', 'parquet', '--out', out, '--quiet'];
    const shards = [0, 1, 2].map((i) => startCli([...args, '--shard', `${i}/3`]));
    // Collected from the start: a child that ends before its listeners are attached would never report.
    const finished = shards.map((child) => collect(child));
    // Kill the shard writing the big movie once its temp file exists in that movie's partition folder.
    const bigFolder = join(out, 'frames', 'subject=mouse%3D1', 'session=day 3');
    let victim: (typeof shards)[number] | undefined;
    while (victim === undefined) {
      const temp = (await readdir(bigFolder).catch(() => [] as string[])).find((name) => name.startsWith('.isx-tmp_'));
      const pid = temp === undefined ? undefined : Number(temp.split('_')[2]);
      victim = shards.find((child) => child.pid === pid);
      if (shards.every((child) => child.exitCode !== null)) expect.fail('every shard finished before the big movie was seen being written');
      if (victim === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(victim.exitCode, 'the shard finished before it could be killed').to.equal(null);
    victim.kill('SIGKILL');
    const results: CliResult[] = await Promise.all(finished);
    const killed = shards.indexOf(victim);
    results.forEach((result, i) => expect(i === killed ? result.signal : result.status, `shard ${i}`).to.equal(i === killed ? 'SIGKILL' : 0));

    // The killed writer's temp files stay until a run into the same folder finds their writer gone.
    expect((await filesBelow(out)).filter((f) => f.includes(`_${victim.pid}_`))).to.not.deep.equal([]);
    // The re-run and the second run below need no process of their own: no signal is sent to them.
    const resumed = await runCli([...args, '--shard', `${killed}/3`, '--skip-existing']);
    expect(resumed.status, resumed.stderr).to.equal(0);
    expect((await filesBelow(out)).filter((f) => f.includes('.isx-tmp_'))).to.deep.equal([]);

    // Every input once in `recordings`, with the keys its path gives.
    const recordings = await duckRows(`select subject, session, recording from ${dataset(out, 'recordings')} order by recording, kind`);
    const expected = inputs.map((path) => path.replace(/\.[^.]+$/, '')).sort();
    expect(recordings.map((r) => r.recording).sort()).to.deep.equal(expected);
    for (const r of recordings) expect([r.subject, r.session]).to.deep.equal(String(r.recording).split('/').slice(0, 2));

    // Each data table's rows of each input are exactly those of that input converted alone.
    for (const [i, path] of inputs.entries()) {
      const alone = await convertFile(join(lab, path), { to: 'parquet', outDir: dir.file(`single/${i}`) });
      const recording = path.replace(/\.[^.]+$/, '');
      const kind = path.endsWith('.gpio') ? 'gpio' : undefined;
      for (const { table, path: single } of alone) {
        // The big movie's pixels are compared by their sum per frame: its million-pixel rows make set
        // differences slow, and every other value is compared whole.
        const columns = path === BIG ? `* exclude (pixels_uint16), list_sum(pixels_uint16) as pixel_sum` : '*';
        const mine = `(select ${columns} from (select * exclude (subject, session, recording, kind) from ${dataset(out, table)} where recording = '${recording.replaceAll("'", "''")}'${kind ? ` and kind = '${kind}'` : ''}))`;
        const theirs = `(select ${columns} from '${single}')`;
        const [{ n }] = (await duckRows(`select count(*)::int as n from ((${mine} except all ${theirs}) union all (${theirs} except all ${mine}))`)) as [{ n: number }];
        expect(n, `${path}: ${table}`).to.equal(0);
      }
    }

    const before = await filesBelow(out);
    const mtimes = await Promise.all(before.map(async (f) => (await stat(join(out, f))).mtimeMs));
    const again = await runCli([...args.filter((arg) => arg !== '--quiet'), '--skip-existing']);
    expect(again.status, again.stderr).to.equal(0);
    expect(again.stderr).to.include(`; ${inputs.length} files already converted; 2 other files (not Inscopix) skipped\n`);
    expect(await filesBelow(out)).to.deep.equal(before);
    expect(await Promise.all(before.map(async (f) => (await stat(join(out, f))).mtimeMs))).to.deep.equal(mtimes);
  });
});
