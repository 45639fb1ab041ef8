import { expect } from 'chai';
import { FileSource } from '../../lib/io/fileSource.js';
import { readFooter } from '../../lib/isxd/footer.js';
import { VesselSet } from '../../lib/isxd/vesselSet.js';
import { VesselSetWriter } from '../../lib/isxd/writeVesselSet.js';
import { useTempDir } from '../helpers/tempDir.js';
import { makeSpacing, makeTiming, ramp, rejection } from './cellSetTestFiles.js';

const T = 4;
const timing = makeTiming(T);
const spacing = makeSpacing(3, 2);
const image = ramp(6, 1000);

/** Heatmaps whose values encode (vessel, time, slice, pixel) so that any misplaced read shows. */
function heatmaps(vessel: number, width: number, height: number): Float32Array {
  const pixels = width * height;
  return Float32Array.from({ length: T * 3 * pixels }, (_, k) => vessel * 10000 + k);
}

async function payloadEnd(path: string): Promise<number> {
  await using source = await FileSource.open(path);
  return (await readFooter(source)).payloadEnd;
}

describe('VesselSet: diameter sets', () => {
  const dir = useTempDir();
  let path = '';

  before(async () => {
    path = dir.file('diameter.isxd');
    const writer = await VesselSetWriter.create(path, {
      timing,
      spacing,
      setType: 'vessel diameter',
      extraProperties: { idps: { vesselset: { units: 'microns', timeIncrement: 0.5 } } },
    });
    for (let v = 0; v < 3; v++) {
      await writer.writeDiameterVessel(v, {
        image: v === 0 ? image : undefined,
        line: [v, 2 * v, 2n ** 40n + BigInt(v), -1],
        trace: ramp(T, 10 * v),
        centerTrace: ramp(T, 10 * v + 5),
        name: v === 1 ? 'artery' : undefined,
        status: v === 2 ? 'rejected' : undefined,
      });
    }
    await writer.finish();
  });

  it('lays out image, vessels and 32 bytes of padding exactly as spec 7.2 says', async () => {
    expect(await payloadEnd(path)).to.equal(4 * 6 + 3 * (32 + 4 * T + 4 * T) + 32);
  });

  it('reads names, statuses, colours, activity, type and timing', async () => {
    await using set = await VesselSet.read(path);
    expect(set.kind).to.equal('vessel_set');
    expect(set.numVessels).to.equal(3);
    expect(set.setType).to.equal('vessel diameter');
    expect([0, 1, 2].map((i) => set.getVesselName(i))).to.deep.equal(['V0', 'artery', 'V2']);
    expect([0, 1, 2].map((i) => set.getVesselStatus(i))).to.deep.equal(['undecided', 'undecided', 'rejected']);
    expect(set.getVesselColor(1)).to.equal(0xffffffff);
    expect(set.getVesselActive(2)).to.equal(true);
    expect(set.timing.toJson()).to.deep.equal(timing.toJson());
    expect(set.getAcquisitionInfo()).to.include({ 'Vessel Set Type': 'vessel diameter', 'Trace Units': 'microns' });
  });

  it('reads the projection image, lines, traces and center traces of every vessel', async () => {
    await using set = await VesselSet.read(path);
    for (let v = 0; v < 3; v++) {
      expect(Array.from(await set.getVesselImageData(v))).to.deep.equal(Array.from(image));
      expect(Array.from(await set.getVesselLineData(v))).to.deep.equal([BigInt(v), BigInt(2 * v), 2n ** 40n + BigInt(v), -1n]);
      expect(Array.from(await set.getVesselTrace(v))).to.deep.equal(Array.from(ramp(T, 10 * v)));
      expect(Array.from(await set.getVesselCenterTrace(v))).to.deep.equal(Array.from(ramp(T, 10 * v + 5)));
    }
  });

  it('reads a whole vessel with readVessel', async () => {
    await using set = await VesselSet.read(path);
    const record = await set.readVessel(1);
    expect(record.name).to.equal('artery');
    expect(record.type).to.equal('vessel diameter');
    expect(Array.from(record.line)).to.deep.equal([1n, 2n, 2n ** 40n + 1n, -1n]);
    expect(Array.from(record.trace)).to.deep.equal(Array.from(ramp(T, 10)));
    expect(Array.from(record.centerTrace!)).to.deep.equal(Array.from(ramp(T, 15)));
    expect(record.directionTrace).to.equal(undefined);
    expect(record.correlations).to.equal(undefined);
  });

  it('refuses direction traces and heatmaps of a diameter set with E_KIND and isx wording', async () => {
    await using set = await VesselSet.read(path);
    const direction = await rejection(set.getVesselDirectionTrace(0));
    expect(direction.code).to.equal('E_KIND');
    expect(direction.message).to.equal(`${path}: Reading direction for diameter vessel set`);
    const heatmap = await rejection(set.getVesselCorrelations(0, 0));
    expect(heatmap.code).to.equal('E_KIND');
    expect(heatmap.detail).to.equal('Correlation triptychs can only be read from rbc velocity set but this is a vessel diameter set');
    expect(set.hasCorrelationHeatmaps()).to.equal(false);
    expect(set.getCorrelationSize(0)).to.equal(null);
  });

  it('rejects vessel indices past the end with E_RANGE', async () => {
    await using set = await VesselSet.read(path);
    for (const call of [() => set.getVesselName(5), () => set.getVesselTrace(5), () => set.readVessel(5), () => set.getVesselImageData(3)]) {
      const error = await rejection(call);
      expect(error.code).to.equal('E_RANGE');
      expect(error.detail).to.match(/^Vessel index [35] is too large\. There are only 3 vessels\.$/);
    }
  });
});

describe('VesselSet: RBC velocity sets', () => {
  const dir = useTempDir();
  const sizes = [
    { width: 3, height: 2 },
    { width: 1, height: 4 },
  ];
  let path = '';

  before(async () => {
    path = dir.file('rbc.isxd');
    const writer = await VesselSetWriter.create(path, { timing, spacing, setType: 'rbc velocity' });
    for (let v = 0; v < 2; v++) {
      const { width, height } = sizes[v]!;
      await writer.writeRbcVessel(v, {
        image,
        line: BigInt64Array.from({ length: 8 }, (_, k) => BigInt(10 * v + k)),
        trace: ramp(T, 10 * v),
        directionTrace: ramp(T, 10 * v + 90),
        correlations: { width, height, data: heatmaps(v, width, height) },
      });
    }
    await writer.finish();
  });

  it('lays out per-vessel heatmaps of different sizes and 64 bytes of padding', async () => {
    const vessel = (w: number, h: number): number => 64 + 4 * T + 4 * T + 12 * T * w * h;
    expect(await payloadEnd(path)).to.equal(4 * 6 + vessel(3, 2) + vessel(1, 4) + 64);
  });

  it('reads lines of 4 points, traces and direction traces', async () => {
    await using set = await VesselSet.read(path);
    expect(set.setType).to.equal('rbc velocity');
    expect(Array.from(await set.getVesselLineData(1))).to.deep.equal([10n, 11n, 12n, 13n, 14n, 15n, 16n, 17n]);
    expect(Array.from(await set.getVesselTrace(1))).to.deep.equal(Array.from(ramp(T, 10)));
    expect(Array.from(await set.getVesselDirectionTrace(1))).to.deep.equal(Array.from(ramp(T, 100)));
    expect(set.metadata.extraProperties).to.deep.equal({ idps: { vesselset: { type: 'red blood cell velocity' } } });
  });

  it('reads the three heatmaps of one time index for each vessel size', async () => {
    await using set = await VesselSet.read(path);
    expect(set.hasCorrelationHeatmaps()).to.equal(true);
    for (let v = 0; v < 2; v++) {
      const { width, height } = sizes[v]!;
      expect(set.getCorrelationSize(v)).to.deep.equal({ width, height });
      const all = heatmaps(v, width, height);
      const perTime = 3 * width * height;
      for (const t of [0, T - 1]) {
        const got = await set.getVesselCorrelations(v, t);
        expect(Array.from(got)).to.deep.equal(Array.from(all.subarray(t * perTime, (t + 1) * perTime)));
      }
    }
  });

  it('reads a whole RBC vessel, heatmaps included, with readVessel', async () => {
    await using set = await VesselSet.read(path);
    const record = await set.readVessel(1);
    expect(Array.from(record.directionTrace!)).to.deep.equal(Array.from(ramp(T, 100)));
    expect(record.centerTrace).to.equal(undefined);
    expect(record.correlations!.width).to.equal(1);
    expect(record.correlations!.height).to.equal(4);
    expect(Array.from(record.correlations!.data)).to.deep.equal(Array.from(heatmaps(1, 1, 4)));
  });

  it('range-checks the time index of heatmaps', async () => {
    await using set = await VesselSet.read(path);
    const late = await rejection(set.getVesselCorrelations(0, T));
    expect(late.code).to.equal('E_RANGE');
    expect(late.detail).to.equal(`Time index ${T} is too large. There are only ${T} samples.`);
    const negative = await rejection(set.getVesselCorrelations(0, -1));
    expect(negative.code).to.equal('E_ARGUMENT');
  });

  it('refuses center traces of an RBC set with E_KIND and isx wording', async () => {
    await using set = await VesselSet.read(path);
    const error = await rejection(set.getVesselCenterTrace(0));
    expect(error.code).to.equal('E_KIND');
    expect(error.detail).to.equal('Model center can only be read from vessel diameter set but this is a rbc velocity set');
  });

  it('writes an RBC set without heatmaps and refuses to read them with E_UNSUPPORTED', async () => {
    const plain = dir.file('rbc-plain.isxd');
    const writer = await VesselSetWriter.create(plain, { timing, spacing, setType: 'rbc velocity' });
    await writer.writeRbcVessel(0, { image, line: [0, 0, 1, 0, 1, 1, 0, 1], trace: ramp(T), directionTrace: ramp(T, 3) });
    await writer.finish();
    await using set = await VesselSet.read(plain);
    expect(set.hasCorrelationHeatmaps()).to.equal(false);
    expect(set.getCorrelationSize(0)).to.equal(null);
    expect((await set.readVessel(0)).correlations).to.equal(undefined);
    const error = await rejection(set.getVesselCorrelations(0, 0));
    expect(error.code).to.equal('E_UNSUPPORTED');
    expect(error.detail).to.equal('No correlation heatmaps saved to vessel set file.');
    expect(await payloadEnd(plain)).to.equal(4 * 6 + 64 + 8 * T + 64);
  });

  it('gives vessels without heatmaps a 0x0 size in a set that has some', async () => {
    const mixed = dir.file('rbc-mixed.isxd');
    const writer = await VesselSetWriter.create(mixed, { timing, spacing, setType: 'rbc velocity' });
    const line = [0, 0, 1, 0, 1, 1, 0, 1];
    await writer.writeRbcVessel(0, { image, line, trace: ramp(T), directionTrace: ramp(T) });
    await writer.writeRbcVessel(1, { line, trace: ramp(T, 1), directionTrace: ramp(T), correlations: { width: 2, height: 1, data: heatmaps(1, 2, 1) } });
    await writer.finish();
    await using set = await VesselSet.read(mixed);
    expect(set.metadata.VesselCorrelationSizes).to.deep.equal([[0, 0], [2, 1]]);
    expect(Array.from(await set.getVesselTrace(1))).to.deep.equal(Array.from(ramp(T, 1)));
    expect((await set.getVesselCorrelations(0, 0)).length).to.equal(0);
    expect(Array.from(await set.getVesselCorrelations(1, 1))).to.deep.equal(Array.from(heatmaps(1, 2, 1).subarray(6, 12)));
  });
});
