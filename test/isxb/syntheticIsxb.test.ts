import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { Ratio } from '../../lib/core/ratio.js';
import { BehaviorMovie } from '../../lib/isxb/behaviorMovie.js';
import { loadLumaDecoder } from '../../lib/isxb/decodeLuma.js';
import { makeIsxbSession, writeIsxb } from '../synthetic/writeIsxb.js';
import { useTempDir } from '../helpers/tempDir.js';
import { COLS, ROWS, makeJpegs, meanAbsDiff, rejection, thrown } from './isxbTestKit.js';

const EPOCH_MS = 1_700_000_000_123n;

describe('BehaviorMovie on a synthetic .isxb with dropped frames', () => {
  const dir = useTempDir();
  let movie: BehaviorMovie;
  let jpegs: Uint8Array[];
  let lumas: Uint8Array[];
  // Time indices 0..5; 1 and 4 dropped; stored frames are time indices 0, 2, 3, 5.
  const tsc = [1_000_000n, 1_066_000n, 1_099_000n, 1_166_500n];
  const fc = [10n, 12n, 13n, 15n];

  before(async () => {
    ({ jpegs, lumas } = await makeJpegs(4));
    const path = dir.file('dropped.isxb');
    await writeIsxb(path, {
      jpegs,
      samples: tsc.map((t, k) => ({ fc: fc[k]!, tsc: t })),
      droppedFrames: [1, 4],
      session: makeIsxbSession(COLS, ROWS),
      epochMs: EPOCH_MS,
      utcOffsetMinutes: -420,
    });
    movie = await BehaviorMovie.read(path);
  });
  after(async () => {
    await movie.close();
  });

  it('counts stored and dropped frames from the header', () => {
    expect(movie.timing.numSamples).to.equal(6);
    expect(movie.numRecordedFrames).to.equal(4);
    expect(movie.timing.dropped).to.deep.equal([1, 4]);
    expect([0, 1, 2, 3, 4, 5].map((i) => movie.getFrameStatus(i))).to.deep.equal(['valid', 'dropped', 'valid', 'valid', 'dropped', 'valid']);
  });

  it('derives the period from the first and last samples, unreduced (spec 8.4)', () => {
    expect([movie.timing.period.num, movie.timing.period.den]).to.deep.equal([166_500n, 5_000_000n]);
  });

  it('starts at epochMs/1000 with the UTC offset converted from minutes to seconds', () => {
    expect(movie.timing.start.secsSinceEpoch.equals(new Ratio(EPOCH_MS, 1000n))).to.equal(true);
    expect(movie.timing.start.utcOffset).to.equal(-25200);
  });

  it('takes spacing from processingInterface[cameraName].recordFov with 3/1 pixels', () => {
    expect(movie.spacing.numPixels).to.deep.equal([ROWS, COLS]);
    expect(movie.spacing.pixelSize.x.equals(new Ratio(3))).to.equal(true);
  });

  it('reads dropped frames as zeros and stored frames as their own image', async () => {
    expect([...(await movie.getFrameData(1))].every((v) => v === 0)).to.equal(true);
    expect(await movie.getFrameData(1)).to.have.length(ROWS * COLS);
    for (const [time, stored] of [[0, 0], [2, 1], [3, 2], [5, 3]] as const) {
      expect(meanAbsDiff(await movie.getFrameData(time), lumas[stored]!), `frame ${time}`).to.be.below(2);
    }
  });

  it('gives 0n as the timestamp of a dropped frame and the stored tsc otherwise', async () => {
    expect(await Promise.all([0, 1, 2, 3, 4, 5].map((i) => movie.getFrameTimestamp(i)))).to.deep.equal([tsc[0], 0n, tsc[1], tsc[2], 0n, tsc[3]]);
  });

  it('returns null JPEG bytes and null metadata for dropped frames', async () => {
    expect(await movie.getFrameJpeg(4)).to.equal(null);
    expect(movie.getFrameMetadata(4)).to.equal(null);
    expect(Buffer.from((await movie.getFrameJpeg(5))!).equals(jpegs[3]!)).to.equal(true);
    expect(movie.getFrameMetadata(5)).to.deep.equal({ fc: 15n, tsc: tsc[3] });
  });

  it('reads a run of frames, dropped ones included, as one contiguous array', async () => {
    const all = await movie.readFrames(0, 6);
    for (let i = 0; i < 6; i++) {
      expect(Buffer.from(all.subarray(i * ROWS * COLS, (i + 1) * ROWS * COLS)).equals(await movie.getFrameData(i))).to.equal(true);
    }
  });

  it('rejects a frame index past the end with E_RANGE', async () => {
    const error = await rejection(movie.getFrameData(6));
    expect(error.code).to.equal('E_RANGE');
    expect(error.detail).to.equal('frame index 6 is out of range (0-5)');
    expect(thrown(() => movie.getFrameMetadata(6)).code).to.equal('E_RANGE');
  });

  it('decodes the same frames with the jpeg-js fallback', async () => {
    await using viaJs = await BehaviorMovie.read(movie.filePath, { decoder: 'js' });
    expect(viaJs.decoderName).to.equal('js');
    expect(meanAbsDiff(await viaJs.getFrameData(3), await movie.getFrameData(3))).to.be.below(2);
  });

  it('uses sharp by default when it can be imported', async () => {
    expect(movie.decoderName).to.equal((await loadLumaDecoder('auto')).name);
  });
});

describe('BehaviorMovie tracking and zones', () => {
  const dir = useTempDir();
  const zoneDefinition = {
    id: 1705077750976,
    enable: true,
    name: 'left',
    description: 'left half',
    geometry: { type: 'polygon', coordinates: [[0, 0], [32, 0], [32, 48]] },
    triggerEvent: 'entry',
    triggerType: 'softTrig-2',
  };
  let movie: BehaviorMovie;

  before(async () => {
    const { jpegs } = await makeJpegs(3);
    const path = dir.file('tracked.isxb');
    await writeIsxb(path, {
      jpegs,
      samples: [
        { fc: 0, tsc: 100, tracker: { box: [1.5, 2.5, 10.25, 20.75], conf: 55.5 } },
        { fc: 1, tsc: 200, tracker: { box: [2, 3, 11, 21], conf: 60, zones: { id: 4270701760, name: 'left', event: 'e', trig: 'softTrig-2' } } },
        { fc: 2, tsc: 300, tracker: { box: [3, 4, 12, 22], conf: 61, zones: [{ id: 1, name: 'a', event: 'o' }, { id: 2, name: 'b', event: 'x' }] } },
      ],
      session: makeIsxbSession(COLS, ROWS, {
        processingInterface: { cam: { cameraAlias: 'top', recordFov: { width: COLS, height: ROWS, originx: 4, originy: 8 } } },
        trackingInterface: [
          { cameraName: 'side', zones: [{ ...zoneDefinition, name: 'other camera' }] },
          { cameraName: 'top', zones: [zoneDefinition] },
        ],
      }, 'cam'),
    });
    movie = await BehaviorMovie.read(path);
  });
  after(async () => {
    await movie.close();
  });

  it('reads box and confidence, with no zones when the frame names none', () => {
    expect(movie.getFrameMetadata(0)!.tracking).to.deep.equal({ box: [1.5, 2.5, 10.25, 20.75], confidence: 55.5, zones: [] });
  });

  it('reads a single zone object as a one-element list', () => {
    expect(movie.getFrameMetadata(1)!.tracking!.zones).to.deep.equal([{ id: 4270701760, name: 'left', event: 'e', trig: 'softTrig-2' }]);
  });

  it('reads an array of zones in order', () => {
    expect(movie.getFrameMetadata(2)!.tracking!.zones).to.deep.equal([
      { id: 1, name: 'a', event: 'o' },
      { id: 2, name: 'b', event: 'x' },
    ]);
  });

  it('takes zone definitions from the trackingInterface entry named by the camera alias', () => {
    expect(movie.getZones()).to.deep.equal([
      {
        id: 1705077750976,
        enabled: true,
        name: 'left',
        description: 'left half',
        type: 'polygon',
        points: [[0, 0], [32, 0], [32, 48]],
        majorAxis: 0,
        minorAxis: 0,
        angle: 0,
        triggerEvent: 'entry',
        triggerType: 'softTrig-2',
      },
    ]);
  });

  it('takes the recordFov origin as the top-left corner', () => {
    expect(movie.spacing.topLeft.x.equals(new Ratio(4))).to.equal(true);
    expect(movie.spacing.topLeft.y.equals(new Ratio(8))).to.equal(true);
  });

  it('rejects a tracker box without four numbers with E_HEADER naming the sample', async () => {
    const { jpegs } = await makeJpegs(2);
    const path = dir.file('badbox.isxb');
    await writeIsxb(path, {
      jpegs,
      samples: [{ fc: 0, tsc: 0 }, { fc: 1, tsc: 50, tracker: { box: [1, 2, 3], conf: 1 } }],
      session: makeIsxbSession(COLS, ROWS),
    });
    const error = await rejection(BehaviorMovie.read(path));
    expect(error.code).to.equal('E_HEADER');
    expect(error.detail).to.equal('per-frame JSON key "samples[1].tracker.box": expected [left, top, right, bottom], found an array of 3');
  });
});

describe('BehaviorMovie with a session timingInfo and spacingInfo', () => {
  const dir = useTempDir();

  it('uses them as stored and leaves them out of the extra properties', async () => {
    const { jpegs } = await makeJpegs(3);
    const timingInfo = {
      numTimes: 4,
      period: { num: 2000, den: 40000 },
      start: { secsSinceEpoch: { num: 1234567, den: 1000 }, utcOffset: 3600 },
      dropped: [2],
      cropped: [],
      blank: [],
    };
    const spacingInfo = { numPixels: { x: COLS, y: ROWS }, pixelSize: { x: { num: 5, den: 2 }, y: { num: 5, den: 2 } }, topLeft: { x: { num: 0, den: 1 }, y: { num: 0, den: 1 } } };
    const path = dir.file('rewritten.isxb');
    await writeIsxb(path, {
      jpegs,
      samples: [{ fc: 0, tsc: 0 }, { fc: 1, tsc: 10 }, { fc: 3, tsc: 999 }],
      droppedFrames: [2],
      session: { cameraName: 'camera-1', timingInfo, spacingInfo, note: 'kept' },
    });
    await using movie = await BehaviorMovie.read(path);
    expect([movie.timing.period.num, movie.timing.period.den]).to.deep.equal([2000n, 40000n]);
    expect(movie.timing.start.utcOffset).to.equal(3600);
    expect(movie.spacing.pixelSize.x.equals(new Ratio(5, 2))).to.equal(true);
    expect(movie.extraProperties).to.deep.equal({ cameraName: 'camera-1', note: 'kept' });
    expect(movie.metadata.timingInfo).to.deep.equal(timingInfo);
    expect(await movie.getFrameTimestamp(3)).to.equal(999n);
  });

  it('reports no frame timestamps when the file has no per-frame JSON', async () => {
    const { jpegs } = await makeJpegs(2);
    const timingInfo = { numTimes: 2, period: { num: 1, den: 20 }, start: { secsSinceEpoch: { num: 0, den: 1 }, utcOffset: 0 } };
    const spacingInfo = { numPixels: { x: COLS, y: ROWS }, pixelSize: { x: { num: 3, den: 1 }, y: { num: 3, den: 1 } }, topLeft: { x: { num: 0, den: 1 }, y: { num: 0, den: 1 } } };
    const path = dir.file('nometa.isxb');
    await writeIsxb(path, { jpegs, session: { timingInfo, spacingInfo } });
    await using movie = await BehaviorMovie.read(path);
    expect(movie.header.meta.size).to.equal(0);
    expect(movie.hasFrameTimestamps).to.equal(false);
    expect(movie.startTsc).to.equal(null);
    const error = await rejection(movie.getFrameTimestamp(0));
    expect(error.code).to.equal('E_NO_TIMESTAMPS');
    expect(error.detail).to.equal('No frame timestamps stored in movie.');
    expect(await movie.getFrameData(1)).to.have.length(ROWS * COLS);
  });
});

describe('writeIsxb', () => {
  const dir = useTempDir();

  it('places the JPEGs at 96 and the session JSON right after the per-frame JSON', async () => {
    const { jpegs } = await makeJpegs(2);
    const path = dir.file('layout.isxb');
    await writeIsxb(path, { jpegs, samples: [{ fc: 0, tsc: 5 }, { fc: 1, tsc: 9 }], session: makeIsxbSession(COLS, ROWS) });
    await using movie = await BehaviorMovie.read(path);
    const { header } = movie;
    expect([header.fileVersion, header.headerSize, header.video.offset]).to.deep.equal([100, 96, 96]);
    expect(header.video.size).to.equal(jpegs[0]!.byteLength + jpegs[1]!.byteLength);
    expect(header.session.offset).to.equal(header.meta.offset + header.meta.size);
    expect(header.session.offset + header.session.size).to.equal((await readFile(path)).byteLength);
  });

  it('refuses to replace an existing file unless asked', async () => {
    const { jpegs } = await makeJpegs(2);
    const path = dir.file('twice.isxb');
    const init = { jpegs, samples: [{ fc: 0, tsc: 5 }, { fc: 1, tsc: 9 }], session: makeIsxbSession(COLS, ROWS) };
    await writeIsxb(path, init);
    expect((await rejection(writeIsxb(path, init))).code).to.equal('E_EXISTS');
    await writeIsxb(path, init, { overwrite: true });
  });
});

describe('BehaviorMovie acquisition info and file names', () => {
  const dir = useTempDir();

  it('maps a paired session with manual exposure (spec 13, .isxb mapping)', async () => {
    const { jpegs } = await makeJpegs(2);
    const session = makeIsxbSession(COLS, ROWS, {
      userInterface: { animal: { sex: 'f', dob: '', id: 'A1', species: 'mouse', weight: 25, description: '' }, customMetadata: { Virus: { value: 'GCaMP' } } },
      processingInterface: {
        'camera-1': {
          cameraAlias: 'top',
          cameraSerial: 'S1',
          recordFov: { width: COLS, height: ROWS, originx: 0, originy: 0 },
          sensorParams: { brightness: 1, contrast: 2, saturation: 3, gain: 4, exposure: { type: 'manual', value: 12 } },
        },
        recordingUUID: 'U-1',
        system: {
          behavior: { paired: true, synced: true, system: { sessionName: 'B' }, software: { behaviorIdas: '1.4.0' } },
          miniscope: { system: { sessionName: 'M', systemSerial: 'MS-9' }, software: { miniscopeIdas: '2.0.0' } },
        },
      },
    });
    const path = dir.file('paired.isxb');
    await writeIsxb(path, { jpegs, samples: [{ fc: 0, tsc: 0 }, { fc: 1, tsc: 50_000 }], session });
    await using movie = await BehaviorMovie.read(path);
    expect(movie.getAcquisitionInfo()).to.deep.equal({
      'Animal Sex': 'f',
      'Animal Date of Birth': '',
      'Animal ID': 'A1',
      'Animal Species': 'mouse',
      'Animal Weight': 25,
      'Animal Description': '',
      Virus: 'GCaMP',
      'Recording UUID': 'U-1',
      'Behavior Session Name': 'B',
      'Behavior Acquisition SW Version': '1.4.0',
      'Miniscope Paired': true,
      'Miniscope Synced': true,
      'Miniscope Session Name': 'M',
      'Miniscope Serial Number': 'MS-9',
      'Miniscope Acquisition SW Version': '2.0.0',
      'Camera Name': 'top',
      'Camera Serial Number': 'S1',
      'Camera Brightness': 1,
      'Camera Contrast': 2,
      'Camera Saturation': 3,
      'Camera Gain': 4,
      'Camera Exposure Time (ms)': 12,
    });
  });

  it('gives null acquisition info when the session has none of the mapped keys', async () => {
    const { jpegs } = await makeJpegs(2);
    const path = dir.file('bare.isxb');
    const spacingInfo = { numPixels: { x: COLS, y: ROWS }, pixelSize: { x: { num: 3, den: 1 }, y: { num: 3, den: 1 } }, topLeft: { x: { num: 0, den: 1 }, y: { num: 0, den: 1 } } };
    const session = { cameraName: 'camera-1', processingInterface: {}, spacingInfo };
    await writeIsxb(path, { jpegs, samples: [{ fc: 0, tsc: 0 }, { fc: 1, tsc: 50_000 }], session });
    await using movie = await BehaviorMovie.read(path);
    expect(movie.getAcquisitionInfo()).to.equal(null);
  });

  it('reads a file named .ISXB in upper case (isxcore refuses the name; the content decides here)', async () => {
    const { jpegs } = await makeJpegs(2);
    const path = dir.file('UPPER.ISXB');
    await writeIsxb(path, { jpegs, samples: [{ fc: 0, tsc: 0 }, { fc: 1, tsc: 50_000 }], session: makeIsxbSession(COLS, ROWS) });
    await using movie = await BehaviorMovie.read(path);
    expect(movie.timing.numSamples).to.equal(2);
  });
});
