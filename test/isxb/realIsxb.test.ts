import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { Ratio } from '../../lib/core/ratio.js';
import { BehaviorMovie } from '../../lib/isxb/behaviorMovie.js';
import { loadLumaDecoder } from '../../lib/isxb/decodeLuma.js';
import type { FrameSample } from '../../lib/isxb/frameMetadata.js';
import { sameZoneId } from '../../lib/isxb/quirks.js';
import { periodFromSamples } from '../../lib/isxb/sessionMetadata.js';
import { describeReal, realFixture } from '../helpers/fixtures.js';
import { meanAbsDiff } from './isxbTestKit.js';

const TRIMMED = realFixture('ideas-toolbox-deeplabcut', '2023-01-27-10-34-22-camera-1_trimmed_1s.isxb');
const TRIMMED_CSV = realFixture('ideas-toolbox-deeplabcut', '2023-01-27-10-34-22-camera-1_trimmed_1s_dlc_annotations.csv');
const GROUP = realFixture('ideas-toolbox-deeplabcut', 'Group-20240111-080531_2024-01-12-08-55-21_sched_0.isxb');

function samplesOf(movie: BehaviorMovie): FrameSample[] {
  return Array.from({ length: movie.timing.numSamples }, (_, i) => movie.getFrameMetadata(i)!);
}

/** How isxcore prints a float32 with 6 decimals (its CSV exports). */
const f32 = (x: number, digits = 6): string => Math.fround(x).toFixed(digits);

describeReal('BehaviorMovie on the real trimmed DeepLabCut .isxb', () => {
  let movie: BehaviorMovie;
  before(async () => {
    movie = await BehaviorMovie.read(TRIMMED);
  });
  after(async () => {
    await movie.close();
  });

  it('has 20 frames of 1280 x 1024 uint8 luma', () => {
    expect(movie.kind).to.equal('behavior_movie');
    expect(movie.dataType).to.equal('uint8');
    expect(movie.timing.numSamples).to.equal(20);
    expect(movie.numRecordedFrames).to.equal(20);
    expect(movie.spacing.numPixels).to.deep.equal([1024, 1280]);
  });

  it('takes the period from the session timingInfo as stored, not from its own samples', () => {
    expect(movie.timing.period.num).to.equal(1803972007n);
    expect(movie.timing.period.den).to.equal(36044000000n);
    const fromSamples = periodFromSamples(samplesOf(movie), { path: TRIMMED, document: 'per-frame JSON' });
    expect([fromSamples.num, fromSamples.den]).to.deep.equal([952024n, 19000000n]);
    expect(fromSamples.equals(movie.timing.period)).to.equal(false);
  });

  it('starts at 1674815662.938 s with the first tsc 247903537725', () => {
    expect(movie.timing.start.secsSinceEpoch.equals(new Ratio(1674815662938n, 1000n))).to.equal(true);
    expect(movie.startTsc).to.equal(247903537725n);
  });

  it('gives per-frame times equal to the DLC annotations "Time since start (s)" column', async () => {
    const lines = (await readFile(TRIMMED_CSV, 'utf8')).trim().split(/\r?\n/);
    const column = lines[0]!.split(',').indexOf('Time since start (s)');
    const expected = lines.slice(1).map((line) => Number(line.split(',')[column]));
    expect(expected).to.have.length(20);
    const tsc0 = await movie.getFrameTimestamp(0);
    for (let i = 0; i < 20; i++) {
      expect(Number((await movie.getFrameTimestamp(i)) - tsc0) / 1e6, `frame ${i}`).to.equal(expected[i]);
    }
  });

  it('finds exactly 20 JPEG images, 1280 x 1024, filling the video section', async () => {
    const index = await movie.getJpegIndex();
    expect(index.starts).to.have.length(20);
    expect([...index.widths]).to.deep.equal(new Array(20).fill(1280));
    expect([...index.heights]).to.deep.equal(new Array(20).fill(1024));
    expect(index.starts[0]).to.equal(96);
    expect(index.ends[19]).to.equal(96 + 2232758);
    for (let r = 1; r < 20; r++) expect(index.starts[r]).to.equal(index.ends[r - 1]);
  });

  it('returns the stored JPEG bytes untouched', async () => {
    const jpeg = (await movie.getFrameJpeg(3))!;
    const index = await movie.getJpegIndex();
    const file = await readFile(TRIMMED);
    expect(Buffer.from(jpeg).equals(file.subarray(index.starts[3], index.ends[3]))).to.equal(true);
  });

  it('decodes the same luma with sharp and with jpeg-js (mean |diff| < 2 over the first 5 frames)', async function () {
    if ((await loadLumaDecoder('auto')).name !== 'sharp') this.skip();
    await using viaJs = await BehaviorMovie.read(TRIMMED, { decoder: 'js' });
    await using viaSharp = await BehaviorMovie.read(TRIMMED, { decoder: 'sharp' });
    const a = await viaSharp.readFrames(0, 5);
    const b = await viaJs.readFrames(0, 5);
    expect(a).to.have.length(5 * 1024 * 1280);
    const diff = meanAbsDiff(a, b);
    // Measured: 0.055 mean, 1 at most (sharp recovers Y from libjpeg RGB; jpeg-js keeps Y as decoded).
    expect(diff).to.be.below(2);
  });

  it('reports the .isxb acquisition info from the session JSON', () => {
    const info = movie.getAcquisitionInfo()!;
    expect(info['Recording UUID']).to.equal('GA-21B03683-0000000000-1674815662938');
    expect(info['Camera Serial Number']).to.equal('KTM-W8V9M');
    expect(info['Behavior Acquisition SW Version']).to.equal('1.0.0');
    expect(info['Miniscope Paired']).to.equal(false);
    expect(info).to.not.have.property('Camera Exposure Time (ms)');
  });

  it('keeps the whole session JSON as metadata and drops timing/spacing from the extra properties', () => {
    expect(movie.metadata).to.have.property('timingInfo');
    expect(movie.extraProperties).to.not.have.property('timingInfo');
    expect(movie.extraProperties).to.not.have.property('spacingInfo');
    expect(movie.extraProperties.cameraName).to.equal('camera-1');
  });
});

describeReal('BehaviorMovie on the real nVision tracking .isxb', () => {
  let movie: BehaviorMovie;
  before(async () => {
    movie = await BehaviorMovie.read(GROUP);
  });
  after(async () => {
    await movie.close();
  });

  it('has 10 frames starting at 1705049721.643 s with first tsc 163957519943', async () => {
    expect(movie.timing.numSamples).to.equal(10);
    expect(await movie.getFrameTimestamp(0)).to.equal(163957519943n);
    expect(movie.timing.start.toMicros()).to.equal(1705049721643000n);
  });

  it('gives frame 0 the tracking of the reference export first row', () => {
    const tracking = movie.getFrameMetadata(0)!.tracking!;
    const [left, top, right, bottom] = tracking.box;
    expect([left, top, right, bottom].map((v) => f32(v))).to.deep.equal(['526.136230', '682.003479', '650.984802', '908.188293']);
    const centerX = Math.fround((Math.fround(left) + Math.fround(right)) / 2);
    const centerY = Math.fround((Math.fround(top) + Math.fround(bottom)) / 2);
    expect([f32(centerX), f32(centerY)]).to.deep.equal(['588.560547', '795.095886']);
    expect(f32(tracking.confidence)).to.equal('67.986031');
    expect(tracking.zones).to.deep.equal([]);
  });

  it('reads a single zone object of a frame as a one-element list whose id is the session id mod 2^32', () => {
    const zones = movie.getFrameMetadata(3)!.tracking!.zones;
    expect(zones).to.deep.equal([{ id: 4270701760, name: 'ZONE#1 rectangle' }]);
    expect(sameZoneId(zones[0]!.id, movie.getZones()[0]!.id)).to.equal(true);
  });

  it('reads the zone definitions of its camera from the session JSON', () => {
    const zones = movie.getZones();
    expect(zones.map((z) => z.name)).to.deep.equal(['ZONE#1 rectangle', 'ZONE#2 Elipse', 'ZONE#3 Polygon', 'ZONE#4 Elipse']);
    const zone = zones[0]!;
    expect([zone.id, zone.enabled, zone.description, zone.type]).to.deep.equal([1705077750976, true, '', 'rectangle']);
    // The reference zone export prints float32 values with 6 significant digits.
    const printed = zone.points.flat().map((v) => Number(Math.fround(v).toPrecision(6)));
    expect(printed).to.deep.equal([534.135, 387.9, 993.203, 387.9, 993.203, 868.86, 534.135, 868.86]);
    expect(zones[1]!.type).to.equal('ellipse');
    expect(zones[1]!.majorAxis).to.be.closeTo(568.781954887218, 1e-9);
  });

  it('decodes its 1920 x 1080 frames to luma planes of rows·cols bytes', async () => {
    const frame = await movie.getFrameData(9);
    expect(movie.spacing.numPixels).to.deep.equal([1080, 1920]);
    expect(frame).to.be.instanceOf(Uint8Array);
    expect(frame).to.have.length(1080 * 1920);
  });
});
