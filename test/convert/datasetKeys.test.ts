import { expect } from 'chai';
import { Field, Float64, Schema, makeData, RecordBatch, Struct } from 'apache-arrow';
import { convertFile, hiveFolder, inShard, outputPathFor, outputStem, parseShard, PathPattern, recordingKey, slurmShard } from '../../lib/index.js';
import { withKeyColumns } from '../../transforms/index.js';
import type { TableSpec } from '../../transforms/index.js';
import { thrown } from '../helpers/errors.js';
import { useTempDir } from '../helpers/tempDir.js';
import { duckRows } from '../sinks/readBack.js';
import { writeLargeSparseMovie } from '../cli/syntheticMovies.js';

describe('recording keys, Hive paths and shards (issue 10.1, 10.2, 10.6)', () => {
  const dir = useTempDir();

  it('gives a keyed Parquet frames table row groups of ~16 MiB, not the whole movie in wasm memory', async function () {
    this.timeout(60_000);
    // 24 frames of 1024 x 1024 uint16 (2 MiB each, 48 MiB of zeros: quick to encode); every conversion
    // adds its key columns (`recording` at least).
    const movie = dir.file('big.isxd');
    await writeLargeSparseMovie(movie, 24);
    for (const keys of [{}, { recording: 'mouse/1', subject: 'm1' }] as Record<string, string>[]) {
      const [frames] = await convertFile(movie, { to: 'parquet', outDir: dir.file(`out-${Object.keys(keys).length}`), tables: ['frames'], keys });
      const rows = await duckRows(`select row_group_num_rows::int as n from parquet_metadata('${frames!.path}') where column_id = 0 order by row_group_id`);
      const groups = rows.map((row) => Number(row.n));
      expect(groups.reduce((a, b) => a + b), JSON.stringify(keys)).to.equal(24);
      expect(Math.max(...groups), JSON.stringify(keys)).to.be.within(7, 8);
    }
  });

  it('keys a recording by its path below its base, without extension, /-separated', () => {
    expect(recordingKey('mouse1/day1/cellset.isxd')).to.equal('mouse1/day1/cellset');
    expect(recordingKey('x.gpio')).to.equal('x');
    expect(recordingKey('a.b/c.d.isxd')).to.equal('a.b/c.d');
  });

  it('turns path segments into keys with --path-pattern', () => {
    const pattern = new PathPattern('{subject}/{session}/*');
    expect(pattern.keys).to.deep.equal(['subject', 'session']);
    expect(pattern.match('mouse1/day 1/cellset.isxd')).to.deep.equal([
      ['subject', 'mouse1'],
      ['session', 'day 1'],
    ]);
    expect(pattern.match('mouse1/cellset.isxd')).to.equal(undefined);
    expect(new PathPattern('**/sub-{subject}/*').match('a/b/sub-07/x.isxd')).to.deep.equal([['subject', '07']]);
    expect(thrown(() => new PathPattern('{recording}/*')).message).to.match(/set by isx-stream itself/);
    expect(thrown(() => new PathPattern('{1x}/*')).message).to.match(/letters, digits and _/);
    expect(thrown(() => new PathPattern('*/*')).message).to.match(/names no key/);
  });

  it('escapes partition values as Hive does, leaving spaces and non-ASCII as they are', () => {
    expect(hiveFolder('k', 'a=b%c/d\ne:f')).to.equal('k=a%3Db%25c%2Fd%0Ae%3Af');
    expect(hiveFolder('k', `"#'*?\\{[]^\u007f`)).to.equal('k=%22%23%27%2A%3F%5C%7B%5B%5D%5E%7F');
    expect(hiveFolder('k', 'día 7 ü')).to.equal('k=día 7 ü');
  });

  it('names the outputs of one acquisition sharing a name apart: x.isxd, x.gpio, x.imu, x.isxb', () => {
    const stems = ['x.isxd', 'x.gpio', 'x.imu', 'x.isxb'].map((name) => outputStem(`data/${name}`));
    expect(stems).to.deep.equal(['x', 'x.gpio', 'x.imu', 'x.isxb']);
    const flat = stems.map((stem) => outputPathFor('out', stem, 'samples', 'parquet'));
    const hive = stems.map((stem) => outputPathFor('out', stem, 'samples', 'parquet', [['recording', 'x']]));
    expect(new Set(flat).size).to.equal(4);
    expect(new Set(hive).size).to.equal(4);
    expect(hive[0]).to.match(/^out\/samples\/recording=x\/part-[0-9a-f]{16}\.parquet$/);
    expect(outputPathFor('out', 'mouse1/day1/cellset', 'traces', 'csv')).to.equal('out/mouse1/day1/cellset.traces.csv');
  });

  it('splits inputs round-robin into balanced, disjoint shards that cover them all', () => {
    const shards = [0, 1, 2].map((index) => Array.from({ length: 10 }, (_, i) => i).filter((i) => inShard(i, { index, count: 3 })));
    expect(shards).to.deep.equal([
      [0, 3, 6, 9],
      [1, 4, 7],
      [2, 5, 8],
    ]);
    expect(parseShard('2/3')).to.deep.equal({ index: 2, count: 3 });
    expect(['3/3', '1', '-1/2', 'a/b', '0/0'].map(parseShard)).to.deep.equal([undefined, undefined, undefined, undefined, undefined]);
  });

  it('takes the shard of a Slurm array task from its environment, counting from the lowest task id', () => {
    expect(slurmShard({})).to.equal(undefined);
    expect(slurmShard({ SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '4' })).to.deep.equal({ index: 2, count: 4 });
    expect(slurmShard({ SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_MIN: '1' })).to.deep.equal({ index: 3, count: 4 });
    expect(thrown(() => slurmShard({ SLURM_ARRAY_TASK_ID: '9', SLURM_ARRAY_TASK_COUNT: '4' })).code).to.equal('E_ARGUMENT');
  });

  it('appends keys to any table as constant utf8 columns, and refuses a key named like a column', () => {
    const schema = new Schema([new Field('value', new Float64(), false)], new Map([['isx:kind', 'test']]));
    const spec: TableSpec<number> = {
      name: 'values',
      schema,
      rowCountOf: () => 1,
      byteLengthOf: () => 8,
      toBatch: (records) => {
        const value = makeData({ type: new Float64(), length: records.length, data: Float64Array.from(records) });
        return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: records.length, children: [value], nullCount: 0 }));
      },
    };
    const keyed = withKeyColumns(spec, [
      ['recording', 'm/ü=1'],
      ['kind', 'movie'],
    ]);
    expect(keyed.schema.fields.map((f) => `${f.name}:${f.type}`)).to.deep.equal(['value:Float64', 'recording:Dictionary<Int8, Utf8>', 'kind:Dictionary<Int8, Utf8>']);
    expect(keyed.schema.metadata.get('isx:kind')).to.equal('test');
    const batch = keyed.toBatch([1, 2, 3]);
    expect(batch.toArray().map((row) => row.toJSON())).to.deep.equal([1, 2, 3].map((value) => ({ value, recording: 'm/ü=1', kind: 'movie' })));
    expect(keyed.byteLengthOf(1)).to.be.greaterThan(spec.byteLengthOf(1));
    expect(keyed.rowBytes).to.equal(undefined);
    // A table that knows its row size keeps it, key bytes added: Parquet sizes its row groups by it.
    const sized = withKeyColumns({ ...spec, rowBytes: 2_000_000 }, [['recording', 'm/ü=1']]);
    expect(sized.rowBytes).to.equal(2_000_000 + 1);
    expect(withKeyColumns(spec, [])).to.equal(spec);
    expect(thrown(() => withKeyColumns(spec, [['value', 'x']])).message).to.match(/key "value" is also a column of the values table/);
  });
});
