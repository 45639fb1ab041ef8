import { expect } from 'chai';
import { Spacing } from '../../lib/core/spacing.js';
import { open } from '../../lib/kinds/open.js';
import type { VesselSet } from '../../lib/isxd/vesselSet.js';
import { VesselSetWriter } from '../../lib/isxd/writeVesselSet.js';
import type { VesselRecord } from '../../lib/core/records.js';
import { useTempDir } from '../helpers/tempDir.js';
import { makeTiming } from '../helpers/isxdFiles.js';
import { convertToBoth, duck, float32Values, listAt, rawBigInts, sqlPath, sumInOrder, tableOf, values, type Converted } from './e2eKit.js';

const T = 6;
// Sample 2 dropped: the writer stores NaN there in every trace (spec 7.3).
const timing = makeTiming(T, { dropped: [2] });
const spacing = new Spacing(3, 2);
const image = Float32Array.from({ length: 6 }, (_, p) => p * 1.5);
const ramp = (base: number): Float32Array => Float32Array.from({ length: T }, (_, i) => base + i * 0.75);

/** What the reader says about every vessel. */
interface VesselTruth {
  timestampsUs: bigint[];
  vessels: VesselRecord[];
  colors: number[];
  active: boolean[];
}

async function readTruth(path: string): Promise<VesselTruth> {
  await using set = (await open(path)) as VesselSet;
  const truth: VesselTruth = {
    timestampsUs: Array.from({ length: T }, (_, i) => BigInt(set.timing.timestampUs(i))),
    vessels: [],
    colors: [],
    active: [],
  };
  for (let v = 0; v < set.numVessels; v++) {
    truth.vessels.push(await set.readVessel(v));
    truth.colors.push(set.getVesselColor(v));
    truth.active.push(set.getVesselActive(v));
  }
  return truth;
}

const nanCount = (array: Float32Array): number => array.filter((v) => Number.isNaN(v)).length;
const finiteSum = (array: Float32Array): number => sumInOrder(array.filter((v) => !Number.isNaN(v)));

/** The checks every vessel set gets; `second` names the stored second trace (center or direction). */
function itMatchesTheReader(state: () => { truth: VesselTruth; out: Converted }, second: 'center' | 'direction'): void {
  const secondTrace = (v: VesselRecord): Float32Array => (second === 'center' ? v.centerTrace! : v.directionTrace!);

  it('writes one vessels row per vessel with the reader index, name, status, type and line points in Arrow', () => {
    const { truth, out } = state();
    const arrow = tableOf(out.arrow, 'vessels');
    expect(values(arrow, 'vessel_index')).to.deep.equal(truth.vessels.map((v) => v.index));
    expect(values(arrow, 'name')).to.deep.equal(truth.vessels.map((v) => v.name));
    expect(values(arrow, 'status')).to.deep.equal(truth.vessels.map((v) => v.status));
    expect(values(arrow, 'type')).to.deep.equal(truth.vessels.map((v) => v.type));
    truth.vessels.forEach((v, i) => expect(Array.from(listAt<BigInt64Array>(arrow, 'line', i)!), `vessel ${i}`).to.deep.equal(Array.from(v.line)));
  });

  it(`keeps each vessel's trace and ${second} trace bit for bit, NaN included, in the Arrow vessels table`, () => {
    const { truth, out } = state();
    const arrow = tableOf(out.arrow, 'vessels');
    truth.vessels.forEach((v, i) => {
      expect(Array.from(listAt<Float32Array>(arrow, 'trace', i)!), `vessel ${i}`).to.deep.equal(Array.from(v.trace));
      expect(Array.from(listAt<Float32Array>(arrow, `${second}_trace`, i)!), `vessel ${i}`).to.deep.equal(Array.from(secondTrace(v)));
    });
  });

  it("carries each vessel's colour and activity as the reader gives them (spec 7.1 VesselColors, VesselActivity)", async () => {
    const { truth, out } = state();
    const arrow = tableOf(out.arrow, 'vessels');
    expect(arrow.schema.fields.map((f) => f.name)).to.include.members(['color', 'active']);
    expect(values(arrow, 'color')).to.deep.equal(truth.colors);
    expect(values(arrow, 'active')).to.deep.equal(truth.active);
    const rows = await duck(`select color, active from read_parquet(${sqlPath(tableOf(out.parquet, 'vessels'))}) order by vessel_index`);
    expect(rows).to.deep.equal(truth.colors.map((color, v) => ({ color, active: truth.active[v] })));
  });

  it('gives the per-vessel lines, trace sums and NaN counts of the reader in DuckDB over the vessels table', async () => {
    const { truth, out } = state();
    const rows = await duck(
      `select vessel_index, name, status::varchar as status, type::varchar as type, line,
              list_sum(list_filter(trace, x -> not isnan(x))::double[]) as trace_sum, len(list_filter(trace, x -> isnan(x))) as nans,
              list_sum(list_filter(${second}_trace, x -> not isnan(x))::double[]) as second_sum
       from read_parquet(${sqlPath(tableOf(out.parquet, 'vessels'))}) order by vessel_index`,
    );
    expect(rows).to.deep.equal(
      truth.vessels.map((v) => ({
        vessel_index: v.index,
        name: v.name,
        status: v.status,
        type: v.type,
        line: Array.from(v.line),
        trace_sum: finiteSum(v.trace),
        nans: BigInt(nanCount(v.trace)),
        second_sum: finiteSum(secondTrace(v)),
      })),
    );
  });

  it('writes vessels × samples vessel_traces rows equal to the reader traces, with µs timestamps, in Arrow', () => {
    const { truth, out } = state();
    const arrow = tableOf(out.arrow, 'vessel_traces');
    expect(arrow.numRows).to.equal(truth.vessels.length * T);
    expect(values(arrow, 'vessel_index')).to.deep.equal(truth.vessels.flatMap((v) => new Array(T).fill(v.index)));
    expect(values(arrow, 'name')).to.deep.equal(truth.vessels.flatMap((v) => new Array(T).fill(v.name)));
    expect(rawBigInts(arrow, 'sample_index')).to.deep.equal(truth.vessels.flatMap(() => truth.timestampsUs.map((_, i) => BigInt(i))));
    expect(rawBigInts(arrow, 'timestamp')).to.deep.equal(truth.vessels.flatMap(() => truth.timestampsUs));
    expect(Array.from(float32Values(arrow, 'value'))).to.deep.equal(truth.vessels.flatMap((v) => Array.from(v.trace)));
    expect(Array.from(float32Values(arrow, second))).to.deep.equal(truth.vessels.flatMap((v) => Array.from(secondTrace(v))));
  });

  it('gives per-vessel values, NaN counts (no nulls) and timestamps of the reader in DuckDB over vessel_traces', async () => {
    const { truth, out } = state();
    const rows = await duck(
      `select vessel_index, count(*) filter (where isnan(value)) as nans, count(*) filter (where value is null) as nulls,
              list(value::double order by sample_index) as vals, list(${second}::double order by sample_index) as seconds,
              list(epoch_us(timestamp) order by sample_index) as us
       from read_parquet(${sqlPath(tableOf(out.parquet, 'vessel_traces'))}) group by vessel_index order by vessel_index`,
    );
    expect(rows).to.deep.equal(
      truth.vessels.map((v) => ({
        vessel_index: v.index,
        nans: BigInt(nanCount(v.trace)),
        nulls: 0n,
        vals: Array.from(v.trace),
        seconds: Array.from(secondTrace(v)),
        us: truth.timestampsUs,
      })),
    );
  });
}

describe('a synthetic vessel diameter set converted to Arrow and Parquet', () => {
  const dir = useTempDir();
  let truth: VesselTruth;
  let out: Converted;

  before(async () => {
    const input = dir.file('diameter.isxd');
    const writer = await VesselSetWriter.create(input, { timing, spacing, setType: 'vessel diameter' });
    for (let v = 0; v < 3; v++) {
      await writer.writeDiameterVessel(v, {
        image: v === 0 ? image : undefined,
        line: [v, 2 * v, 2n ** 60n + BigInt(v), -1],
        trace: ramp(10 * v),
        centerTrace: ramp(10 * v + 5),
        name: v === 1 ? 'artery' : undefined,
        status: v === 2 ? 'rejected' : undefined,
        color: v === 1 ? 0x80ff0011 : undefined,
        active: v !== 2,
      });
    }
    await writer.finish();
    truth = await readTruth(input);
    out = await convertToBoth(input, dir.path);
  });

  it('the reader sees NaN at the dropped sample, 64-bit line points, colours and activity', () => {
    expect(truth.vessels.map((v) => nanCount(v.trace))).to.deep.equal([1, 1, 1]);
    expect(truth.vessels[1]!.line[2]).to.equal(2n ** 60n + 1n);
    expect(truth.colors[1]).to.equal(0x80ff0011);
    expect(truth.active).to.deep.equal([true, true, false]);
  });

  itMatchesTheReader(() => ({ truth, out }), 'center');
});

describe('a synthetic RBC velocity set with heatmaps converted to Arrow and Parquet', () => {
  const dir = useTempDir();
  const sizes = [
    { width: 3, height: 2 },
    { width: 1, height: 4 },
  ];
  let truth: VesselTruth;
  let out: Converted;

  before(async () => {
    const input = dir.file('rbc.isxd');
    const writer = await VesselSetWriter.create(input, { timing, spacing, setType: 'rbc velocity' });
    for (let v = 0; v < 2; v++) {
      const { width, height } = sizes[v]!;
      await writer.writeRbcVessel(v, {
        image,
        line: BigInt64Array.from({ length: 8 }, (_, k) => BigInt(10 * v + k)),
        trace: ramp(10 * v),
        directionTrace: ramp(10 * v + 90),
        correlations: { width, height, data: Float32Array.from({ length: T * 3 * width * height }, (_, k) => v * 10000 + k * 0.5) },
      });
    }
    await writer.finish();
    truth = await readTruth(input);
    out = await convertToBoth(input, dir.path);
  });

  itMatchesTheReader(() => ({ truth, out }), 'direction');

  it('keeps each vessel heatmap size and every heatmap value in Arrow', () => {
    const arrow = tableOf(out.arrow, 'vessels');
    expect(values(arrow, 'correlation_width')).to.deep.equal(sizes.map((s) => s.width));
    expect(values(arrow, 'correlation_height')).to.deep.equal(sizes.map((s) => s.height));
    truth.vessels.forEach((v, i) => {
      const heatmaps = arrow.getChild('correlations')!.get(i)!.toArray() as Float32Array;
      expect(Array.from(heatmaps), `vessel ${i}`).to.deep.equal(Array.from(v.correlations!.data));
    });
  });

  it('gives the heatmap sizes, value counts and sums of the reader in DuckDB over Parquet', async () => {
    const rows = await duck(
      `select correlation_width as w, correlation_height as h, len(correlations) as n, list_sum(correlations::double[]) as total
       from read_parquet(${sqlPath(tableOf(out.parquet, 'vessels'))}) order by vessel_index`,
    );
    expect(rows).to.deep.equal(
      truth.vessels.map((v) => ({
        w: v.correlations!.width,
        h: v.correlations!.height,
        n: BigInt(v.correlations!.data.length),
        total: sumInOrder(v.correlations!.data),
      })),
    );
  });
});
