import { expect } from 'chai';
import { FileSource } from '../../lib/io/fileSource.js';
import { readFooter } from '../../lib/isxd/footer.js';
import { VesselSet } from '../../lib/isxd/vesselSet.js';
import { VesselSetWriter } from '../../lib/isxd/writeVesselSet.js';
import type { JsonObject } from '../../lib/json/jsonValue.js';
import { useTempDir } from '../helpers/tempDir.js';
import { makeSpacing, makeTiming, ramp, rejection, writeRawIsxd } from './cellSetTestFiles.js';

const T = 3;
const timing = makeTiming(T);
const spacing = makeSpacing(2, 2);
const image = ramp(4);

/** Payload and footer of a file, to rebuild it with one thing changed. */
async function partsOf(path: string): Promise<{ payload: Uint8Array; footer: JsonObject }> {
  await using source = await FileSource.open(path);
  const { json, payloadEnd } = await readFooter(source);
  return { payload: await source.readAt(0, payloadEnd), footer: json };
}

describe('VesselSet on bad and edge input', () => {
  const dir = useTempDir();
  let diameter = '';

  before(async () => {
    diameter = dir.file('diameter.isxd');
    const writer = await VesselSetWriter.create(diameter, { timing, spacing, setType: 'vessel diameter' });
    for (let v = 0; v < 3; v++) {
      await writer.writeDiameterVessel(v, { image, line: [0, 0, 1, 1], trace: ramp(T, v), centerTrace: ramp(T) });
    }
    await writer.finish();
  });

  async function rewrite(name: string, change: (parts: { payload: Uint8Array; footer: JsonObject }) => void): Promise<string> {
    const parts = await partsOf(diameter);
    change(parts);
    const path = dir.file(name);
    await writeRawIsxd(path, parts.payload, parts.footer);
    return path;
  }

  it('writes and reads a set with 0 vessels as an empty payload (H == 0)', async () => {
    const path = dir.file('empty.isxd');
    const writer = await VesselSetWriter.create(path, { timing, spacing, setType: 'rbc velocity' });
    await writer.finish();
    expect((await partsOf(path)).payload.length).to.equal(0);
    await using set = await VesselSet.read(path);
    expect(set.numVessels).to.equal(0);
    expect(set.hasCorrelationHeatmaps()).to.equal(false);
    const error = await rejection(set.getVesselImageData(0));
    expect(error.detail).to.equal('Vessel index 0 is too large. There are only 0 vessels.');
  });

  it('rejects a set with 0 vessels and payload bytes', async () => {
    const path = await rewrite('empty-bytes.isxd', (parts) => {
      Object.assign(parts.footer, { VesselNames: [], VesselStatuses: [], VesselColors: [], VesselActivity: [] });
    });
    const error = await rejection(VesselSet.read(path));
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.detail).to.equal(
      'Number of vessels in header (0) does not match number of vessels in file: payload is 216 bytes, a set without vessels has none',
    );
  });

  it('rejects a file without the 16·P bytes of padding (spec 7.2)', async () => {
    const path = await rewrite('nopad.isxd', (parts) => {
      parts.payload = parts.payload.subarray(0, parts.payload.length - 32);
    });
    const error = await rejection(VesselSet.read(path));
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.message).to.equal(
      `${path}: Number of vessels in header (3) does not match number of vessels in file: payload is 184 bytes, ` +
        'the footer describes 216 (projection image, 3 vessels, 32 bytes of padding)',
    );
    expect(error.offset).to.equal(184);
  });

  it('rejects a truncated payload as a size mismatch', async () => {
    const path = await rewrite('cut.isxd', (parts) => {
      parts.payload = parts.payload.subarray(0, 100);
    });
    const error = await rejection(VesselSet.read(path));
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.detail).to.match(/^Number of vessels in header \(3\) does not match number of vessels in file: payload is 100 bytes/);
  });

  it('rejects vessel lists of different lengths', async () => {
    const path = await rewrite('lists.isxd', (parts) => {
      parts.footer.VesselStatuses = [1, 1];
    });
    const error = await rejection(VesselSet.read(path));
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.detail).to.equal('footer lists disagree on the number of vessels: VesselNames has 3, VesselStatuses 2, VesselColors 3');
  });

  it('rejects correlation sizes that do not give one per vessel', async () => {
    const path = await rewrite('sizes.isxd', (parts) => {
      parts.footer.VesselCorrelationSizes = [[1, 1]];
    });
    const error = await rejection(VesselSet.read(path));
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.detail).to.equal('VesselCorrelationSizes has 1 entries for 3 vessels');
  });

  it('refuses fileVersion below 5 with E_UNSUPPORTED', async () => {
    const path = await rewrite('v4.isxd', (parts) => {
      parts.footer.fileVersion = 4;
    });
    const error = await rejection(VesselSet.read(path));
    expect(error.code).to.equal('E_UNSUPPORTED');
    expect(error.detail).to.equal(
      'vessel set fileVersion 4 cannot be read: the set type (extraProperties.idps.vesselset.type) needs fileVersion 5',
    );
  });

  it('refuses a footer without extraProperties.idps.vesselset.type with E_HEADER', async () => {
    const path = await rewrite('notype.isxd', (parts) => {
      parts.footer.extraProperties = { idps: { vesselset: { units: 'pixels' } } };
    });
    const error = await rejection(VesselSet.read(path));
    expect(error.code).to.equal('E_HEADER');
    expect(error.detail).to.equal('footer key "extraProperties.idps.vesselset.type": expected a value, found nothing');
  });

  it('reads a set type other than red blood cell velocity as a diameter set', async () => {
    const path = await rewrite('othertype.isxd', (parts) => {
      parts.footer.extraProperties = { idps: { vesselset: { type: 'something else' } } };
    });
    await using set = await VesselSet.read(path);
    expect(set.setType).to.equal('vessel diameter');
  });

  it('refuses center traces a diameter set did not save with E_UNSUPPORTED', async () => {
    const path = await rewrite('nocenter.isxd', (parts) => {
      delete parts.footer.VesselCenterSaved;
      // Without center traces each vessel is 4·T bytes shorter.
      const vessel = 32 + 4 * T;
      const kept = [parts.payload.subarray(0, 16)];
      for (let v = 0; v < 3; v++) kept.push(parts.payload.subarray(16 + v * (vessel + 4 * T), 16 + v * (vessel + 4 * T) + vessel));
      kept.push(new Uint8Array(32));
      parts.payload = Buffer.concat(kept);
    });
    await using set = await VesselSet.read(path);
    expect(Array.from(await set.getVesselTrace(2))).to.deep.equal(Array.from(ramp(T, 2)));
    expect((await set.readVessel(2)).centerTrace).to.equal(undefined);
    const error = await rejection(set.getVesselCenterTrace(0));
    expect(error.code).to.equal('E_UNSUPPORTED');
    expect(error.detail).to.equal('No center point traces saved to vessel set file.');
  });

  it('refuses direction traces an RBC set did not save with E_UNSUPPORTED', async () => {
    const path = dir.file('nodirection.isxd');
    const line = new Uint8Array(64);
    const trace = new Uint8Array(ramp(T).buffer);
    await writeRawIsxd(path, Buffer.concat([new Uint8Array(image.buffer), line, trace, new Uint8Array(64)]), {
      type: 8,
      dataType: 'float',
      fileVersion: 5,
      timingInfo: timing.toJson(),
      spacingInfo: spacing.toJson(),
      VesselNames: ['V0'],
      VesselStatuses: [0],
      VesselColors: [0],
      VesselActivity: [false],
      extraProperties: { idps: { vesselset: { type: 'red blood cell velocity' } } },
    });
    await using set = await VesselSet.read(path);
    expect(set.getVesselStatus(0)).to.equal('accepted');
    expect(set.getVesselActive(0)).to.equal(false);
    expect(Array.from(await set.getVesselTrace(0))).to.deep.equal(Array.from(ramp(T)));
    const error = await rejection(set.getVesselDirectionTrace(0));
    expect(error.code).to.equal('E_UNSUPPORTED');
    expect(error.detail).to.equal('No direction traces saved to vessel set file.');
  });

  it('forces NaN at invalid time indices of the trace when writing', async () => {
    const path = dir.file('dropped.isxd');
    const writer = await VesselSetWriter.create(path, { timing: makeTiming(3, { dropped: [1] }), spacing, setType: 'vessel diameter' });
    await writer.writeDiameterVessel(0, { image, line: [0, 0, 1, 1], trace: ramp(3, 1), centerTrace: ramp(3) });
    await writer.finish();
    await using set = await VesselSet.read(path);
    expect(Array.from(await set.getVesselTrace(0))).to.deep.equal([1, NaN, 2]);
  });

  it('rejects writer calls that do not fit the set with E_ARGUMENT', async () => {
    const writer = await VesselSetWriter.create(dir.file('args.isxd'), { timing, spacing, setType: 'vessel diameter' });
    const vessel = { image, line: [0, 0, 1, 1], trace: ramp(T), centerTrace: ramp(T) };
    const wrongType = await rejection(writer.writeRbcVessel(0, { ...vessel, directionTrace: ramp(T) }));
    expect(wrongType.code).to.equal('E_ARGUMENT');
    expect(wrongType.detail).to.equal('cannot write a rbc velocity vessel to a vessel diameter set');
    const noImage = await rejection(writer.writeDiameterVessel(0, { ...vessel, image: undefined }));
    expect(noImage.detail).to.equal('vessel 0 must carry the projection image');
    const badLine = await rejection(writer.writeDiameterVessel(0, { ...vessel, line: [0, 0, 1] }));
    expect(badLine.detail).to.equal('vessel 0 line has 3 coordinates; a vessel diameter line has 4');
    const fraction = await rejection(writer.writeDiameterVessel(0, { ...vessel, line: [0, 0, 1, 0.5] }));
    expect(fraction.detail).to.equal('vessel 0 line coordinate 0.5 is not an integer');
    const center = await rejection(writer.writeDiameterVessel(0, { ...vessel, centerTrace: ramp(T + 1) }));
    expect(center.detail).to.equal(`vessel 0 centerTrace has ${T + 1} values; numSamples is ${T}`);
    const order = await rejection(writer.writeDiameterVessel(1, vessel));
    expect(order.detail).to.equal('vessels must be written in increasing order: expected vessel 0, got 1');
    await writer.abort();
  });

  it('rejects heatmaps whose size does not match the data', async () => {
    const writer = await VesselSetWriter.create(dir.file('heat.isxd'), { timing, spacing, setType: 'rbc velocity' });
    const error = await rejection(
      writer.writeRbcVessel(0, {
        image,
        line: [0, 0, 1, 0, 1, 1, 0, 1],
        trace: ramp(T),
        directionTrace: ramp(T),
        correlations: { width: 2, height: 2, data: ramp(5) },
      }),
    );
    expect(error.code).to.equal('E_ARGUMENT');
    expect(error.detail).to.equal(`vessel 0 correlations hold 5 values; numSamples·3·height·width is ${T * 12} for 2x2`);
    await writer.abort();
  });
});
