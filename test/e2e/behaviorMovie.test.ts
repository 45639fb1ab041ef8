import { expect } from 'chai';
import { createHash } from 'node:crypto';
import type { BehaviorFrameMetadata, BehaviorMovie } from '../../lib/isxb/behaviorMovie.js';
import { sameZoneId } from '../../lib/isxb/quirks.js';
import type { Zone } from '../../lib/isxb/tracking.js';
import { open } from '../../lib/kinds/open.js';
import { describeReal, realFixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { convertToBoth, duck, listAt, rawBigInts, sqlPath, sumInOrder, tableOf, values, type Converted } from './e2eKit.js';

const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');

/** What the reader says about every frame of the behaviour movie. */
interface BehaviorTruth {
  timestampsUs: bigint[];
  statuses: string[];
  jpegs: (Uint8Array | null)[];
  metadata: (BehaviorFrameMetadata | null)[];
  zones: Zone[];
}

async function readTruth(path: string): Promise<BehaviorTruth> {
  await using movie = (await open(path)) as BehaviorMovie;
  const truth: BehaviorTruth = { timestampsUs: [], statuses: [], jpegs: [], metadata: [], zones: movie.getZones() };
  for (let i = 0; i < movie.timing.numSamples; i++) {
    truth.timestampsUs.push(BigInt(movie.timing.timestampUs(i)));
    truth.statuses.push(movie.getFrameStatus(i));
    truth.jpegs.push(await movie.getFrameJpeg(i));
    truth.metadata.push(movie.getFrameMetadata(i));
  }
  return truth;
}

/** Frames with a tracker entry, in order, with the zone entries they carry. */
function trackedFrames(truth: BehaviorTruth) {
  return truth.metadata.flatMap((m, index) => (m?.tracking ? [{ index, tracking: m.tracking }] : []));
}

describeReal('a real nVision behaviour movie converted to Arrow and Parquet', () => {
  const dir = useTempDir();
  const input = realFixture('ideas-toolbox-deeplabcut', 'Group-20240111-080531_2024-01-12-08-55-21_sched_0.isxb');
  let truth: BehaviorTruth;
  let out: Converted;

  before(async () => {
    truth = await readTruth(input);
    out = await convertToBoth(input, dir.path);
  });

  it('writes frames, tracking and zones tables', () => {
    expect([...out.arrow.keys()]).to.deep.equal(['behavior_frames', 'tracking', 'zones']);
    expect([...out.parquet.keys()]).to.deep.equal(['behavior_frames', 'tracking', 'zones']);
  });

  it('stores each frame JPEG byte for byte as getFrameJpeg gives it, in Arrow and in Parquet', async () => {
    const arrow = tableOf(out.arrow, 'behavior_frames');
    const jpegs = values(arrow, 'jpeg') as Uint8Array[];
    expect(jpegs).to.have.length(truth.jpegs.length);
    jpegs.forEach((jpeg, i) => expect(Buffer.from(jpeg).equals(Buffer.from(truth.jpegs[i]!)), `frame ${i}`).to.equal(true));
    const rows = await duck(`select octet_length(jpeg) as n, md5(jpeg) as hash from read_parquet(${sqlPath(tableOf(out.parquet, 'behavior_frames'))}) order by frame_index`);
    expect(rows).to.deep.equal(truth.jpegs.map((j) => ({ n: BigInt(j!.byteLength), hash: md5(j!) })));
    // Undecoded, the pixels column is there and all null.
    expect(values(arrow, 'pixels').every((p) => p === null)).to.equal(true);
  });

  it('keeps tsc and fc exact as uint64, and timestamps and statuses of the reader, in both formats', async () => {
    const arrow = tableOf(out.arrow, 'behavior_frames');
    expect(values(arrow, 'tsc')).to.deep.equal(truth.metadata.map((m) => m!.tsc));
    expect(values(arrow, 'fc')).to.deep.equal(truth.metadata.map((m) => m!.fc));
    expect(values(arrow, 'status')).to.deep.equal(truth.statuses);
    expect(rawBigInts(arrow, 'timestamp')).to.deep.equal(truth.timestampsUs);
    const rows = await duck(
      `select frame_index, tsc, fc, status::varchar as status, epoch_us(timestamp) as us
       from read_parquet(${sqlPath(tableOf(out.parquet, 'behavior_frames'))}) order by frame_index`,
    );
    expect(rows).to.deep.equal(
      truth.metadata.map((m, i) => ({ frame_index: BigInt(i), tsc: m!.tsc, fc: m!.fc, status: truth.statuses[i], us: truth.timestampsUs[i] })),
    );
    expect(rows[0]!.tsc).to.equal(163957519943n); // MANIFEST: first timestamp with time_ref=tsc
  });

  // The first tracked frame's box as the file's JSON holds it (isx's tracking CSV prints float32's 526.136230): kept as float64.
  const FIRST_BOX = [526.136215209961, 682.003509521484, 650.984802246094, 908.188293457031];
  it('writes one tracking row per tracked frame with the box and confidence the file holds, as float64, in both formats', async () => {
    const tracked = trackedFrames(truth);
    const arrow = tableOf(out.arrow, 'tracking');
    expect(rawBigInts(arrow, 'frame_index')).to.deep.equal(tracked.map((t) => BigInt(t.index)));
    expect(rawBigInts(arrow, 'timestamp')).to.deep.equal(tracked.map((t) => truth.timestampsUs[t.index]));
    tracked.forEach((t, row) => expect(Array.from(listAt<Float64Array>(arrow, 'box', row)!)).to.deep.equal(t.tracking.box));
    expect(values(arrow, 'confidence')).to.deep.equal(tracked.map((t) => t.tracking.confidence));
    const rows = await duck(
      `select frame_index, epoch_us(timestamp) as us, box::double[] as box, confidence::double as confidence
       from read_parquet(${sqlPath(tableOf(out.parquet, 'tracking'))}) order by frame_index`,
    );
    expect(rows).to.deep.equal(
      tracked.map((t) => ({
        frame_index: BigInt(t.index),
        us: truth.timestampsUs[t.index],
        box: t.tracking.box,
        confidence: t.tracking.confidence,
      })),
    );
    expect(rows[0]!.box).to.deep.equal(FIRST_BOX);
  });

  it('writes one zones row per zone entry of a frame, with the zone id and name the frame carries, in both formats', async () => {
    const entries = trackedFrames(truth).flatMap((t) => t.tracking.zones.map((zone) => ({ index: t.index, zone })));
    expect(entries.map((e) => e.zone.id)).to.include(4270701760);
    const arrow = tableOf(out.arrow, 'zones');
    expect(rawBigInts(arrow, 'frame_index')).to.deep.equal(entries.map((e) => BigInt(e.index)));
    expect(rawBigInts(arrow, 'timestamp')).to.deep.equal(entries.map((e) => truth.timestampsUs[e.index]));
    expect(values(arrow, 'zone_name')).to.deep.equal(entries.map((e) => e.zone.name));
    expect(rawBigInts(arrow, 'zone_id')).to.deep.equal(entries.map((e) => BigInt(e.zone.id)));
    const rows = await duck(`select frame_index, zone_id, zone_name from read_parquet(${sqlPath(tableOf(out.parquet, 'zones'))}) order by frame_index`);
    expect(rows).to.deep.equal(entries.map((e) => ({ frame_index: BigInt(e.index), zone_id: BigInt(e.zone.id), zone_name: e.zone.name })));
  });

  it('names in the zones table only zones that getZones defines, matched by id modulo 2^32 (quirks.ts)', () => {
    const arrow = tableOf(out.arrow, 'zones');
    const ids = values(arrow, 'zone_id') as number[];
    const names = values(arrow, 'zone_name') as string[];
    ids.forEach((id, row) => {
      const definition = truth.zones.find((zone) => sameZoneId(id, zone.id));
      expect(definition?.name, `row ${row}, zone id ${id}`).to.equal(names[row]);
    });
  });
});

describeReal('a real nVision behaviour movie converted with decode', () => {
  const dir = useTempDir();
  const input = realFixture('ideas-toolbox-deeplabcut', 'Group-20240111-080531_2024-01-12-08-55-21_sched_0.isxb');
  let sums: number[];
  let pixels: Uint8Array[];
  let out: Converted;

  before(async () => {
    await using movie = (await open(input)) as BehaviorMovie;
    pixels = [];
    for (let i = 0; i < movie.timing.numSamples; i++) pixels.push(await movie.getFrameData(i));
    sums = pixels.map(sumInOrder);
    out = await convertToBoth(input, dir.path, { decode: true, tables: ['behavior_frames'] });
  });

  it('writes the luma planes of getFrameData instead of JPEG bytes, pixel for pixel, in Arrow', () => {
    const arrow = tableOf(out.arrow, 'behavior_frames');
    // Both image columns are in the one behavior_frames schema; with decode, every jpeg is null.
    expect(arrow.schema.fields.map((f) => f.name)).to.include('pixels').and.include('jpeg');
    expect(values(arrow, 'jpeg').every((jpeg) => jpeg === null)).to.equal(true);
    pixels.forEach((expected, i) => {
      const got = listAt<Uint8Array>(arrow, 'pixels', i)!;
      expect(Buffer.from(got).equals(Buffer.from(expected)), `frame ${i}`).to.equal(true);
    });
  });

  it('gives the per-frame pixel sums of getFrameData in DuckDB over Parquet', async () => {
    const rows = await duck(
      `select list_sum(pixels::double[]) as total, len(pixels) as n from read_parquet(${sqlPath(tableOf(out.parquet, 'behavior_frames'))}) order by frame_index`,
    );
    expect(rows).to.deep.equal(sums.map((total) => ({ total, n: BigInt(1080 * 1920) })));
  });
});
