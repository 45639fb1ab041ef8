import { expect } from 'chai';
import { Spacing } from '../../lib/core/spacing.js';
import { open } from '../../lib/kinds/open.js';
import type { CellSet } from '../../lib/isxd/cellSet.js';
import { CellSetWriter } from '../../lib/isxd/writeCellSet.js';
import { describeReal, realFixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { makeTiming } from '../helpers/isxdFiles.js';
import { convertToBoth, duck, float32Values, listAt, rawBigInts, sqlPath, sumInOrder, tableOf, values, type Converted } from './e2eKit.js';

/** What the reader says about every cell: the reference the `cells` and `traces` tables must equal. */
interface CellTruth {
  numSamples: number;
  timestampsUs: bigint[];
  names: string[];
  statuses: string[];
  colors: number[];
  active: boolean[];
  traces: Float32Array[];
  footprints: Float32Array[];
}

async function readTruth(path: string): Promise<CellTruth> {
  await using cellSet = (await open(path)) as CellSet;
  const n = cellSet.numCells;
  const numSamples = cellSet.timing.numSamples;
  const truth: CellTruth = {
    numSamples,
    timestampsUs: Array.from({ length: numSamples }, (_, i) => BigInt(cellSet.timing.timestampUs(i))),
    names: [],
    statuses: [],
    colors: [],
    active: [],
    traces: [],
    footprints: [],
  };
  for (let c = 0; c < n; c++) {
    truth.names.push(cellSet.getCellName(c));
    truth.statuses.push(cellSet.getCellStatus(c));
    truth.colors.push(cellSet.getCellColor(c));
    truth.active.push(cellSet.getCellActive(c));
    truth.traces.push(await cellSet.getCellTrace(c));
    truth.footprints.push(await cellSet.getCellImageData(c));
  }
  return truth;
}

const nanCount = (array: Float32Array): number => array.filter((v) => Number.isNaN(v)).length;
/** The sum of the values that are not NaN, as DuckDB's `list_sum` of a NaN-filtered list gives it (null when none). */
const finiteSum = (array: Float32Array): number | null => (nanCount(array) === array.length ? null : sumInOrder(array.filter((v) => !Number.isNaN(v))));

async function duckCells(path: string): Promise<Record<string, unknown>[]> {
  return duck(
    `select cell_index, name, status::varchar as status, color, active,
            list_sum(list_filter(trace, x -> not isnan(x))::double[]) as trace_sum,
            len(list_filter(trace, x -> isnan(x))) as trace_nans,
            list_sum(footprint::double[]) as footprint_sum, len(trace) as samples
     from read_parquet(${sqlPath(path)}) order by cell_index`,
  );
}

async function duckTraces(path: string): Promise<Record<string, unknown>[]> {
  return duck(
    `select cell_index, any_value(name) as name, any_value(status::varchar) as status, count(*) as n,
            list_sum(list(value::double order by sample_index) filter (where not isnan(value))) as value_sum,
            count(*) filter (where isnan(value)) as nans, count(*) filter (where value is null) as nulls,
            list(epoch_us(timestamp) order by sample_index) as us, list(sample_index order by sample_index) as samples
     from read_parquet(${sqlPath(path)}) group by cell_index order by cell_index`,
  );
}

/** The checks every cell set gets: both tables, both formats, against the reader. */
function itMatchesTheReader(state: () => { truth: CellTruth; out: Converted }): void {
  it('writes one cells row per cell with the reader names, statuses, colours and activity', async () => {
    const { truth, out } = state();
    const arrow = tableOf(out.arrow, 'cells');
    expect(values(arrow, 'cell_index')).to.deep.equal(truth.names.map((_, c) => c));
    expect(values(arrow, 'name')).to.deep.equal(truth.names);
    expect(values(arrow, 'status')).to.deep.equal(truth.statuses);
    expect(values(arrow, 'color')).to.deep.equal(truth.colors);
    expect(values(arrow, 'active')).to.deep.equal(truth.active);
    const rows = await duckCells(tableOf(out.parquet, 'cells'));
    expect(rows.map((r) => r.name)).to.deep.equal(truth.names);
    expect(rows.map((r) => r.status)).to.deep.equal(truth.statuses);
    expect(rows.map((r) => r.color)).to.deep.equal(truth.colors);
    expect(rows.map((r) => r.active)).to.deep.equal(truth.active);
  });

  it('keeps every trace and footprint value of the cells table, NaN included, in Arrow', () => {
    const { truth, out } = state();
    const arrow = tableOf(out.arrow, 'cells');
    truth.traces.forEach((trace, c) => expect(Array.from(listAt<Float32Array>(arrow, 'trace', c)!), `cell ${c}`).to.deep.equal(Array.from(trace)));
    truth.footprints.forEach((fp, c) => expect(Array.from(listAt<Float32Array>(arrow, 'footprint', c)!), `cell ${c}`).to.deep.equal(Array.from(fp)));
  });

  it('gives the per-cell trace sums, NaN counts and footprint sums of the reader in DuckDB over the cells table', async () => {
    const { truth, out } = state();
    const rows = await duckCells(tableOf(out.parquet, 'cells'));
    expect(rows.map((r) => r.trace_sum)).to.deep.equal(truth.traces.map(finiteSum));
    expect(rows.map((r) => r.trace_nans)).to.deep.equal(truth.traces.map((t) => BigInt(nanCount(t))));
    expect(rows.map((r) => r.footprint_sum)).to.deep.equal(truth.footprints.map(sumInOrder));
    expect(rows.map((r) => r.samples)).to.deep.equal(truth.traces.map(() => BigInt(truth.numSamples)));
  });

  it('writes cells × samples traces rows whose values equal getCellTrace in Arrow', () => {
    const { truth, out } = state();
    const arrow = tableOf(out.arrow, 'traces');
    expect(arrow.numRows).to.equal(truth.names.length * truth.numSamples);
    const expected = new Float32Array(arrow.numRows);
    truth.traces.forEach((trace, c) => expected.set(trace, c * truth.numSamples));
    expect(Array.from(float32Values(arrow, 'value'))).to.deep.equal(Array.from(expected));
    expect(values(arrow, 'cell_index')).to.deep.equal(truth.names.flatMap((_, c) => new Array(truth.numSamples).fill(c)));
    expect(values(arrow, 'name')).to.deep.equal(truth.names.flatMap((name) => new Array(truth.numSamples).fill(name)));
    expect(values(arrow, 'status')).to.deep.equal(truth.statuses.flatMap((status) => new Array(truth.numSamples).fill(status)));
  });

  it('stamps traces rows with sample indices and timing.timestampUs to the microsecond in Arrow', () => {
    const { truth, out } = state();
    const arrow = tableOf(out.arrow, 'traces');
    const samples = Array.from({ length: truth.numSamples }, (_, i) => BigInt(i));
    expect(rawBigInts(arrow, 'sample_index')).to.deep.equal(truth.names.flatMap(() => samples));
    expect(rawBigInts(arrow, 'timestamp')).to.deep.equal(truth.names.flatMap(() => truth.timestampsUs));
  });

  it('gives per-cell row counts, sums, NaN counts (no nulls), samples and timestamps of the reader in DuckDB over traces', async () => {
    const { truth, out } = state();
    const rows = await duckTraces(tableOf(out.parquet, 'traces'));
    expect(rows.map((r) => r.name)).to.deep.equal(truth.names);
    expect(rows.map((r) => r.status)).to.deep.equal(truth.statuses);
    expect(rows.map((r) => r.n)).to.deep.equal(truth.names.map(() => BigInt(truth.numSamples)));
    expect(rows.map((r) => r.value_sum)).to.deep.equal(truth.traces.map(finiteSum));
    expect(rows.map((r) => r.nans)).to.deep.equal(truth.traces.map((t) => BigInt(nanCount(t))));
    expect(rows.map((r) => r.nulls)).to.deep.equal(truth.names.map(() => 0n));
    for (const row of rows) {
      expect(row.us, `cell ${row.cell_index}`).to.deep.equal(truth.timestampsUs);
      expect(row.samples, `cell ${row.cell_index}`).to.deep.equal(truth.timestampsUs.map((_, i) => BigInt(i)));
    }
  });
}

describeReal('a real cell set converted to Arrow and Parquet', () => {
  const dir = useTempDir();
  const input = realFixture('ideas-neural-circuit-analysis', 'cellset_accepted_undecided_and_rejected_cells.isxd');
  let truth: CellTruth;
  let out: Converted;

  before(async () => {
    truth = await readTruth(input);
    out = await convertToBoth(input, dir.path);
  });

  it('the reader sees 20 cells of 2047 samples: 9 accepted, 6 undecided, 5 rejected (MANIFEST)', () => {
    expect(truth.names).to.have.length(20);
    expect(truth.numSamples).to.equal(2047);
    const count = (s: string): number => truth.statuses.filter((x) => x === s).length;
    expect([count('accepted'), count('undecided'), count('rejected')]).to.deep.equal([9, 6, 5]);
  });

  itMatchesTheReader(() => ({ truth, out }));
});

describe('a synthetic cell set with NaN traces and dropped samples converted to Arrow and Parquet', () => {
  const dir = useTempDir();
  const T = 12;
  const timing = makeTiming(T, { dropped: [2, 7], cropped: [[9, 10]] });
  const spacing = new Spacing(4, 3);
  let truth: CellTruth;
  let out: Converted;

  before(async () => {
    const input = dir.file('nan-cells.isxd');
    const writer = await CellSetWriter.create(input, { timing, spacing });
    for (let c = 0; c < 3; c++) {
      const trace = Float32Array.from({ length: T }, (_, i) => c * 10 + i * 0.25 + 0.1);
      if (c === 1) trace[4] = Number.NaN; // a NaN the writer was given, at a valid sample
      if (c === 2) trace.fill(Number.NaN); // a cell with no finite value
      await writer.writeCell(c, {
        footprint: Float32Array.from({ length: spacing.pixelCount }, (_, p) => c + p / 8),
        trace,
        name: `cell-${c}`,
        status: (['accepted', 'undecided', 'rejected'] as const)[c],
        color: [0xff112233, 0x80ff00ff, 0x00000001][c],
        active: c !== 1,
      });
    }
    await writer.finish();
    truth = await readTruth(input);
    out = await convertToBoth(input, dir.path);
  });

  it('the reader sees NaN at the dropped and cropped samples and where the writer was given NaN', () => {
    expect(truth.traces.map(nanCount)).to.deep.equal([4, 5, T]);
  });

  it('keeps NaN as NaN in the Arrow traces table: the same count as the reader, and no nulls', () => {
    const arrow = tableOf(out.arrow, 'traces');
    expect(arrow.getChild('value')!.nullCount).to.equal(0);
    expect(nanCount(float32Values(arrow, 'value'))).to.equal(4 + 5 + T);
  });

  itMatchesTheReader(() => ({ truth, out }));
});
