import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { open } from '../lib/kinds/open.js';
import { Movie } from '../lib/isxd/movie.js';
import { Image } from '../lib/isxd/image.js';
import { CellSet } from '../lib/isxd/cellSet.js';
import { VesselSet } from '../lib/isxd/vesselSet.js';
import { EventSet } from '../lib/events/eventSet.js';
import { GpioSet } from '../lib/gpio/gpioSet.js';
import { BehaviorMovie } from '../lib/isxb/behaviorMovie.js';
import { VesselSetWriter } from '../lib/isxd/writeVesselSet.js';
import { writeRawGpio } from './synthetic/writeRawGpio.js';
import { writeNvokeRaw } from './synthetic/writeNvokeRaw.js';
import { writeRawImu } from './synthetic/writeRawImu.js';
import { exportGpioToIsxd } from '../lib/gpio/exportGpioToIsxd.js';
import { encodeFooter } from '../lib/isxd/writeFooter.js';
import { Timing } from '../lib/core/timing.js';
import { Spacing } from '../lib/core/spacing.js';
import { Ratio } from '../lib/core/ratio.js';
import { Time } from '../lib/core/time.js';
import { describeReal, realFixture } from './helpers/fixtures.js';
import { useTempDir } from './helpers/tempDir.js';
import { rejection } from './helpers/errors.js';


describeReal('open on real files', () => {
  const cases: [string, Function, string][] = [
    ['ideas-toolbox-caiman/movie_part3.isxd', Movie, 'movie'],
    ['ideas-toolbox-caiman/IM13_session1_2024-10-07_local_corr_img.isxd', Movie, 'image'],
    ['ideas-toolbox-caiman/cellset_series_part1.isxd', CellSet, 'cell_set'],
    ['ideas-toolbox-caiman/sample_eventset_msr_1.isxd', EventSet, 'event_set'],
    ['ideas-toolbox-deeplabcut/2023-01-27-10-34-22-camera-1_trimmed_1s.isxb', BehaviorMovie, 'behavior_movie'],
  ];
  for (const [file, type, kind] of cases) {
    it(`opens ${file} as a ${type.name} of kind ${kind}`, async () => {
      const set = await open(realFixture(...file.split('/')));
      try {
        expect(set).to.be.instanceOf(type);
        expect(set.kind).to.equal(kind);
      } finally {
        await set.close();
      }
    });
  }

  it('opens an .isxb through Movie.read as a BehaviorMovie, as isx Movie.read does', async () => {
    const movie = await Movie.read(realFixture('ideas-toolbox-deeplabcut', '2023-01-27-10-34-22-camera-1_trimmed_1s.isxb'));
    try {
      expect(movie).to.be.instanceOf(BehaviorMovie);
      expect(movie.timing.numSamples).to.equal(20);
      expect(movie.spacing.numPixels).to.deep.equal([1024, 1280]);
      expect((await movie.getFrameData(0)).length).to.equal(1024 * 1280);
    } finally {
      await movie.close();
    }
  });

  it('reads an image through Image.read after open reports it as kind image', async () => {
    await using image = await Image.read(realFixture('ideas-toolbox-caiman', 'IM13_session5_2024-10-31_local_corr_img.isxd'));
    expect((await image.getData()).length).to.equal(400 * 640);
  });
});

describe('open on synthetic files', () => {
  const dir = useTempDir();
  const timing = new Timing({ numSamples: 3, period: new Ratio(50, 1000), start: new Time(new Ratio(0)) });
  const spacing = new Spacing(4, 2);

  it('opens a vessel set as a VesselSet', async () => {
    const path = dir.file('v.isxd');
    const writer = await VesselSetWriter.create(path, { timing, spacing, setType: 'vessel diameter' });
    await writer.writeDiameterVessel(0, {
      image: new Float32Array(8),
      line: [0, 0, 3, 1],
      trace: new Float32Array([1, 2, 3]),
      centerTrace: new Float32Array([0, 1, 0]),
    });
    await writer.finish();
    await using set = await open(path);
    expect(set).to.be.instanceOf(VesselSet);
    expect((set as VesselSet).numVessels).to.equal(1);
  });

  it('opens raw .gpio, nVoke .raw and its exported .isxd as GpioSets with the same data', async () => {
    const gpio = dir.file('session.gpio');
    await writeRawGpio(gpio, {
      packets: [0, 1, 2, 3, 4].map((t, i) => ({ kind: 'bncSync' as const, tsc: BigInt(t), value: [0, 0, 1, 1, 0][i]! })),
    });
    const exported = dir.file('session_gpio.isxd');
    await exportGpioToIsxd(gpio, exported);
    const fromRaw = await open(gpio);
    const fromIsxd = await open(exported);
    try {
      expect(fromRaw).to.be.instanceOf(GpioSet);
      expect(fromIsxd).to.be.instanceOf(GpioSet);
      const raw = await (fromRaw as GpioSet).getChannelData(0);
      const isxd = await (fromIsxd as GpioSet).getChannelData(0);
      expect([...raw.offsets]).to.deep.equal([0n, 2n, 4n]);
      expect([...raw.values]).to.deep.equal([0, 1, 0]);
      expect([...isxd.offsets]).to.deep.equal([...raw.offsets]);
      expect([...isxd.values]).to.deep.equal([...raw.values]);
      expect(fromRaw.fileSize).to.be.greaterThan(0);
    } finally {
      await fromRaw.close();
      await fromIsxd.close();
    }
    const nvoke = dir.file('nvoke.raw');
    await writeNvokeRaw(nvoke, [
      { kind: 'sync' },
      { kind: 'digital', channel: 'GPIO1', high: true, timeUs: 1_600_000_000_000_000n },
    ]);
    await using set = await open(nvoke);
    expect((set as GpioSet).channelNames).to.deep.equal(['GPIO1']);
  });

  it('gives IMU acceleration in g from a raw .imu and in raw counts from its exported .isxd', async () => {
    const imu = dir.file('motion.imu');
    await writeRawImu(imu, {
      accelerometer: [{ x: 16384, y: -8192, z: 1 }],
      orientation: [{ x: 2048, y: 0, z: 0 }],
      magnetometer: [{ x: 7, y: 8, z: 9 }],
      session: {
        timingInfo: {
          start: { secsSinceEpoch: { num: 1581619401465, den: 1000 }, utcOffset: 0 },
          end: { secsSinceEpoch: { num: 1581619401565, den: 1000 }, utcOffset: 0 },
          accelerometer: { periodMs: { num: 20, den: 1 }, dropped: [], numTimes: 1 },
          magnetometer: { periodMs: { num: 400, den: 1 }, dropped: [], numTimes: 1 },
        },
      },
    });
    const exported = dir.file('motion_imu.isxd');
    await exportGpioToIsxd(imu, exported);
    await using fromRaw = (await open(imu)) as GpioSet;
    await using fromIsxd = (await open(exported)) as GpioSet;
    expect(fromRaw.kind).to.equal('imu');
    expect([...(await fromRaw.getChannelData(0)).values]).to.deep.equal([1]);
    expect([...(await fromRaw.getChannelData(1)).values]).to.deep.equal([-0.5]);
    expect([...(await fromIsxd.getChannelData(0)).values]).to.deep.equal([16384]);
    expect([...(await fromRaw.getChannelData(3)).values]).to.deep.equal([1]);
    expect([...(await fromRaw.getChannelData(6)).values]).to.deep.equal([7]);
  });

  it('rejects an unknown extension with E_UNSUPPORTED naming it', async () => {
    const path = dir.file('notes.txt');
    await writeFile(path, 'hello');
    const error = await rejection(open(path));
    expect(error.code).to.equal('E_UNSUPPORTED');
    expect(error.message).to.equal(`${path}: file extension ".txt" is not an Inscopix file (expected one of .isxd, .isxb, .gpio, .raw, .imu)`);
  });

  it('rejects a compressed .isxc movie with E_UNSUPPORTED naming the kind and what to do', async () => {
    const path = dir.file('session.isxc');
    await writeFile(path, Buffer.alloc(200));
    const error = await rejection(open(path));
    expect(error.code).to.equal('E_UNSUPPORTED');
    expect(error.detail).to.equal('.isxc file: compressed nVista 3 movies are not supported; decompress to .isxd with isx.decompress first');
  });

  it('rejects a metrics .isxd (type 6) with E_UNSUPPORTED naming the kind', async () => {
    const path = dir.file('metrics.isxd');
    await writeFile(path, encodeFooter({ type: 6 }));
    const error = await rejection(open(path));
    expect(error.code).to.equal('E_UNSUPPORTED');
    expect(error.detail).to.equal('Metrics files (footer type 6) are not supported');
    expect(error.offset).to.equal(0);
  });

  it('rejects a footer without a type with E_HEADER', async () => {
    const path = dir.file('untyped.isxd');
    await writeFile(path, encodeFooter({ dataType: 0 }));
    const error = await rejection(open(path));
    expect(error.code).to.equal('E_HEADER');
    expect(error.detail).to.equal('footer has no "type" key');
  });
});
