import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { convertFile } from '../../lib/index.js';
import { describeReal, realFixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { duckRows } from '../sinks/readBack.js';
import { LAB_INPUTS, writeLabFolder } from './lakeFolder.js';
import { lines, runCli } from './runCli.js';
import { filesBelow } from '../helpers/filesBelow.js';

const LAKE_ARGS = ['--recursive', '--path-pattern', '{subject}/{session}/*', '--partition-by', 'subject,session', '--to', 'parquet'] as const;

describe('isx-stream convert: a lab folder into one dataset (issue 10.1, 10.2)', () => {
  const dir = useTempDir();
  let lab = '';

  before(async () => {
    lab = dir.file('lab');
    await writeLabFolder(lab);
  });

  it('converts every input, keys from the path pattern as Hive folders that DuckDB reads back exactly, the rest as columns', async () => {
    const out = dir.file('lake');
    const result = await runCli(['convert', lab, ...LAKE_ARGS, '--out', out]);
    // 9 data tables, a recordings row per input, members rows for the 3 cell sets and the GPIO file.
    expect(result.stderr).to.match(/isx-stream: 6 files, 19 tables, [\d,]+ rows; .*; 2 other files \(not Inscopix\) skipped\n$/);
    expect(result.status).to.equal(0);
    const recordings = await duckRows(
      `select subject, session, recording, kind, source_path, num_samples::int as n from read_parquet('${out}/recordings/**/*.parquet', hive_partitioning=true, hive_types_autocast=false) order by recording, kind`,
    );
    expect(recordings.map((r) => [r.recording, r.kind, r.source_path])).to.deep.equal([
      ['007/s1/x', 'movie', '007/s1/x.isxd'],
      ['007/s2/cellset', 'cell_set', '007/s2/cellset.isxd'],
      ['m%2/día 7/x', 'gpio', 'm%2/día 7/x.gpio'],
      ['m%2/día 7/x', 'movie', 'm%2/día 7/x.isxd'],
      ['mouse=1/day 1/cellset', 'cell_set', 'mouse=1/day 1/cellset.isxd'],
      ['mouse=1/day 2/cellset', 'cell_set', 'mouse=1/day 2/cellset.isxd'],
    ]);
    const members = await duckRows(
      `select recording, count(*)::int as n from read_parquet('${out}/members/**/*.parquet', hive_partitioning=true, hive_types_autocast=false) where kind = 'cell_set' group by all order by all`,
    );
    expect(members).to.deep.equal([
      { recording: '007/s2/cellset', n: 8 },
      { recording: 'mouse=1/day 1/cellset', n: 8 },
      { recording: 'mouse=1/day 2/cellset', n: 8 },
    ]);
    const traces = await duckRows(
      `select subject, session, recording, kind, count(*)::int as n from read_parquet('${out}/traces/**/*.parquet', hive_partitioning=true, hive_types_autocast=false) group by all order by all`,
    );
    expect(traces).to.deep.equal([
      { subject: '007', session: 's2', recording: '007/s2/cellset', kind: 'cell_set', n: 2400 },
      { subject: 'mouse=1', session: 'day 1', recording: 'mouse=1/day 1/cellset', kind: 'cell_set', n: 2400 },
      { subject: 'mouse=1', session: 'day 2', recording: 'mouse=1/day 2/cellset', kind: 'cell_set', n: 2400 },
    ]);
    const frames = await duckRows(
      `select subject, session, recording, sum(frame_index)::int as s from read_parquet('${out}/frames/**/*.parquet', hive_partitioning=true, hive_types_autocast=false) group by all order by all`,
    );
    expect(frames).to.deep.equal([
      { subject: '007', session: 's1', recording: '007/s1/x', s: 10 },
      { subject: 'm%2', session: 'día 7', recording: 'm%2/día 7/x', s: 10 },
    ]);
    // Exactly the rows of the single-file conversion, key columns aside.
    const single = dir.file('single');
    await convertFile(join(lab, 'mouse=1/day 2/cellset.isxd'), { to: 'parquet', outDir: single, tables: ['traces'] });
    const dataset = `(select * exclude (subject, session, recording, kind) from read_parquet('${out}/traces/**/*.parquet', hive_partitioning=true, hive_types_autocast=false) where recording = 'mouse=1/day 2/cellset')`;
    const alone = `(select * from '${single}/cellset.traces.parquet')`;
    const difference = await duckRows(`select count(*)::int as n from ((${dataset} except all ${alone}) union all (${alone} except all ${dataset}))`);
    expect(difference).to.deep.equal([{ n: 0 }]);
    const samples = await duckRows(`select subject, session, recording, kind from read_parquet('${out}/samples/**/*.parquet', hive_partitioning=true, hive_types_autocast=false) group by all`);
    expect(samples).to.deep.equal([{ subject: 'm%2', session: 'día 7', recording: 'm%2/día 7/x', kind: 'gpio' }]);
    const folders = (await filesBelow(out)).filter((f) => f.startsWith('samples/'));
    expect(folders).to.have.length(1);
    expect(folders[0]).to.match(/^samples\/subject=m%252\/session=día 7\/part-[0-9a-f]{16}\.parquet$/);
    expect((await readdir(join(out, '_manifest'))).length).to.equal(LAB_INPUTS.length);
    // A key is a folder or a column, never both: the files hold only the keys that are not folders.
    const columns = await duckRows(`select column_name from (describe select * from read_parquet('${join(out, folders[0]!)}', hive_partitioning=false))`);
    expect(columns.map((c) => c.column_name).slice(-2)).to.deep.equal(['recording', 'kind']);
    expect(columns.map((c) => c.column_name).filter((name) => name === 'subject' || name === 'session')).to.deep.equal([]);
  });

  it('puts every key in every row of a flat output and of stdout, keeping a key out of the columns only when it is a folder', async () => {
    const out = dir.file('flat');
    expect((await runCli(['convert', lab, '-r', '--path-pattern', '{subject}/{session}/*', '--to', 'csv', '--out', out])).status).to.equal(0);
    const files = (await filesBelow(out)).filter((f) => !f.startsWith('_manifest'));
    expect(files).to.include.members(['m%2/día 7/x.frames.csv', 'm%2/día 7/x.gpio.samples.csv', 'mouse=1/day 1/cellset.traces.csv']);
    const csv = (await readFile(join(out, 'm%2/día 7/x.gpio.samples.csv'), 'utf8')).split('\n');
    expect(csv[0]).to.match(/,recording,subject,session,kind$/);
    expect(csv[1]).to.match(/,m%2\/día 7\/x,m%2,día 7,gpio$/);
    const stdout = await runCli(['convert', join(lab, 'mouse=1/day 1/cellset.isxd'), '--tables', 'traces', '--to', 'ndjson', '--out', '-']);
    const row = JSON.parse(lines(stdout)[0]!);
    expect([row.recording, row.kind]).to.deep.equal(['cellset', 'cell_set']);
    const cat = await runCli(['cat', join(lab, '007/s1/x.isxd'), '--limit', '1']);
    expect(JSON.parse(lines(cat)[0]!)).to.include({ recording: 'x', kind: 'movie' });
  });

  it('refuses a key named twice and a partition key that no pattern defines (usage errors, exit 2)', async () => {
    const unknown = await runCli(['convert', lab, '-r', '--partition-by', 'subject', '--to', 'csv', '--out', dir.file('never')]);
    expect(unknown.status).to.equal(2);
    expect(unknown.stderr).to.match(/--partition-by: no key "subject" \(keys: recording, kind\)/);
    const twice = await runCli(['convert', lab, '-r', '--path-pattern', '{a}/{a}/*', '--to', 'csv', '--out', dir.file('never')]);
    expect(twice.status).to.equal(2);
    expect(twice.stderr).to.match(/key "a" appears twice/);
  });

  it('refuses batch flags where they cannot apply, a malformed shard, and a run without inputs (exit 2)', async () => {
    const file = join(lab, 'mouse=1/day 1/cellset.isxd');
    const cases: [string[], string][] = [
      [['convert', file, '--to', 'csv', '--out', '-', '--tables', 'traces', '--shard', '0/2'], '--shard needs an output folder (--out DIR), not stdout'],
      [['convert', file, file, '--series', '--to', 'csv', '--out', dir.file('s'), '--skip-existing'], '--skip-existing applies to inputs converted one by one, not to --series'],
      [['convert', file, '--to', 'csv', '--out', dir.file('s'), '--shard', '2/2'], '--shard: expected I/N with 0 <= I < N (e.g. 0/4), got "2/2"'],
      [['convert', '--to', 'csv', '--out', dir.file('s')], 'name the files to convert (files, folders or globs), or list them with --files-from'],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args);
      expect(result.status, args.join(' ')).to.equal(2);
      expect(result.stderr.split('\n')[0]).to.equal(`isx-stream: ${message}`);
    }
  });

  it('fails a file its path does not fit the pattern of (exit 1), converting the others', async () => {
    const out = dir.file('misfit');
    const result = await runCli(['convert', lab, '-r', '--path-pattern', 'mouse={n}/{session}/*', '--to', 'csv', '--out', out, '--quiet']);
    expect(result.status).to.equal(1);
    expect(result.stderr.split('\n').filter((l) => l !== '')).to.have.length(LAB_INPUTS.length - 2);
    expect(result.stderr).to.include('does not match --path-pattern mouse={n}/{session}/*');
  });

  it('reads the input list from --files-from FILE and from stdin, keyed by the paths as listed (same names apart)', async () => {
    const list = LAB_INPUTS.slice(0, 2).map((input) => join(lab, input));
    await writeFile(dir.file('list.txt'), `${list.join('\n')}\n\n`);
    const fromFile = await runCli(['convert', '--files-from', dir.file('list.txt'), '--to', 'csv', '--out', dir.file('listed')]);
    expect(fromFile.status).to.equal(0);
    const fromStdin = await runCli(['convert', '--files-from', '-', '--to', 'csv', '--out', dir.file('piped')], { stdin: list.join('\n') });
    expect(fromStdin.status).to.equal(0);
    const outputs = async (folder: string): Promise<string[]> => (await filesBelow(folder)).filter((f) => !f.startsWith('_manifest'));
    expect(await outputs(dir.file('listed'))).to.deep.equal(await outputs(dir.file('piped')));
    expect((await outputs(dir.file('listed'))).filter((f) => f.endsWith('traces.csv'))).to.have.length(2);
  });

  it('with --skip-existing, converts only what is missing, exits 0, and then writes nothing', async () => {
    const out = dir.file('resume');
    const args = ['convert', join(lab, 'mouse=1'), '-r', '--path-pattern', '{session}/*', '--partition-by', 'session', '--to', 'parquet', '--out', out];
    expect((await runCli(args)).status).to.equal(0);
    const again = await runCli(args);
    expect(again.status).to.equal(1);
    expect(again.stderr).to.include('output file already exists (pass --overwrite to replace it)');
    const before = await filesBelow(out);
    const mtimes = await Promise.all(before.map(async (f) => (await stat(join(out, f))).mtimeMs));
    const skipped = await runCli([...args, '--skip-existing']);
    expect(skipped.status).to.equal(0);
    expect(skipped.stderr).to.match(/isx-stream: 0 files, 0 tables, 0 rows; .*; 2 files already converted; 1 other file \(not Inscopix\) skipped\n$/);
    expect(await filesBelow(out)).to.deep.equal(before);
    expect(await Promise.all(before.map(async (f) => (await stat(join(out, f))).mtimeMs))).to.deep.equal(mtimes);
  });
});

describeReal('isx-stream convert: a lab folder of real files into one dataset (issue 10)', () => {
  const dir = useTempDir();

  it('converts nested same-named real event sets and a behaviour movie beside a same-named cell set, rows as converted one by one', async () => {
    const lab = dir.file('lab');
    // Links into ../shared/fixtures/real: the fixtures are never copied.
    const layout: Record<string, string[]> = {
      'mouse=1/day 1/eventset.isxd': ['ideas-toolbox-caiman', 'IM13_session1_2024-10-07_eventset_10cells-10s-subset.isxd'],
      'mouse=1/day 2/eventset.isxd': ['ideas-toolbox-caiman', 'IM13_session2_2024-10-10_eventset_10cells-10s-subset.isxd'],
      'm%2/día 7/eventset.isxd': ['ideas-toolbox-caiman', 'IM13_session4_2024-10-28_eventset_10cells-10s-subset.isxd'],
      'm%2/día 7/behaviour.isxb': ['ideas-toolbox-deeplabcut', 'Group-20240111-080531_2024-01-12-08-55-21_sched_0.isxb'],
      'm%2/día 7/behaviour.isxd': ['ideas-neural-circuit-analysis', 'cellset_single_accepted_cell.isxd'],
    };
    for (const [path, fixture] of Object.entries(layout)) {
      await mkdir(dirname(join(lab, path)), { recursive: true });
      await symlink(realFixture(...fixture), join(lab, path));
    }
    await writeFile(join(lab, 'm%2/día 7/notes.txt'), 'sidecar');
    const out = dir.file('lake');
    const result = await runCli(['convert', lab, '-r', '--path-pattern', '{subject}/{session}/*', '--partition-by', 'subject,session', '--to', 'parquet', '--out', out, '--quiet']);
    expect(result.stderr).to.equal('');
    expect(result.status).to.equal(0);
    const events = await duckRows(
      `select subject, session, recording, count(*)::int as n from read_parquet('${out}/events/**/*.parquet', hive_partitioning=true, hive_types_autocast=false) group by all order by all`,
    );
    const expected = [];
    for (const path of ['m%2/día 7/eventset.isxd', 'mouse=1/day 1/eventset.isxd', 'mouse=1/day 2/eventset.isxd']) {
      const [written] = await convertFile(join(lab, path), { to: 'parquet', outDir: dir.file(`single/${expected.length}`), tables: ['events'] });
      const [subject, session] = path.split('/');
      expected.push({ subject, session, recording: path.replace(/\.isxd$/, ''), n: written!.rows });
    }
    expect(events).to.deep.equal(expected);
    const kinds = await duckRows(`select kind, count(*)::int as n from read_parquet('${out}/*/**/*.parquet', hive_partitioning=true, hive_types_autocast=false, union_by_name=true) where recording = 'm%2/día 7/behaviour' group by all order by all`);
    expect(kinds.map((k) => k.kind)).to.deep.equal(['behavior_movie', 'cell_set']);
  });
});
