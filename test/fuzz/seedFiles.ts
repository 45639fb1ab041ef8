import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Spacing } from '../../lib/core/spacing.js';
import { writeEventModel } from '../../lib/events/writeEventModel.js';
import { CellSetWriter } from '../../lib/isxd/writeCellSet.js';
import { MovieWriter } from '../../lib/isxd/writeMovie.js';
import { VesselSetWriter } from '../../lib/isxd/writeVesselSet.js';
import { makeModel } from '../events/eventFixtures.js';
import { haveRealFixtures, REAL_FIXTURES } from '../helpers/fixtures.js';
import { makeTiming } from '../helpers/isxdFiles.js';
import { encodeLumaJpeg } from '../synthetic/encodeJpeg.js';
import { makeIsxbSession, writeIsxb } from '../synthetic/writeIsxb.js';
import { writeNvokeRaw } from '../synthetic/writeNvokeRaw.js';
import { writeRawGpio } from '../synthetic/writeRawGpio.js';
import { SAMPLE_IMU, writeRawImu } from '../synthetic/writeRawImu.js';

/**
 * Small valid files of every kind, written with the project's writers, as the fuzzer's starting points:
 * `.isxd` ones (movie with frame headers, cell set, event set, GPIO set, vessel set), whose footers are
 * mutated, and the other formats (`.isxb`, `.gpio`, `.imu`, `.raw`), which are truncated.
 */
export async function writeSeedFiles(folder: string): Promise<{ isxd: string[]; other: string[] }> {
  const at = (name: string): string => join(folder, name);
  const movie = at('movie.isxd');
  const timing = makeTiming(6, { dropped: [2], cropped: [[4, 4]] });
  const movieWriter = await MovieWriter.create(movie, {
    timing,
    spacing: new Spacing(4, 3),
    dataType: 'uint16',
    hasFrameHeaderFooter: true,
    extraProperties: { producer: { version: '1.2.0' }, microscope: { EX_LED: 1 } },
  });
  for (const index of timing.validIndices()) {
    await movieWriter.writeFrame(index, Uint16Array.from({ length: 12 }, (_, k) => index * 100 + k), { tsc: 1000n + BigInt(index), efocus: 100 });
  }
  await movieWriter.finish();

  const cells = at('cells.isxd');
  const cellWriter = await CellSetWriter.create(cells, { timing: makeTiming(5, { dropped: [1] }), spacing: new Spacing(3, 2) });
  for (let i = 0; i < 2; i++) await cellWriter.writeCell(i, { footprint: new Float32Array(6).fill(i), trace: Float32Array.of(1, NaN, 3, 4, 5) });
  await cellWriter.finish();

  const events = at('events.isxd');
  await writeEventModel(
    events,
    makeModel({ channelNames: ['C0', 'C1'], packets: [{ offsetUs: 0, channel: 0, value: 1 }, { offsetUs: 50_000, channel: 1, value: 2 }, { offsetUs: 100_000, channel: 0, value: 3 }] }),
  );
  const gpio = at('gpio.isxd');
  await writeEventModel(gpio, makeModel({ type: 3, channelNames: ['GPIO-1', 'BNC'], packets: [{ offsetUs: 0, channel: 0, value: 1 }, { offsetUs: 10, channel: 1, value: 0 }] }));

  const vessels = at('vessels.isxd');
  const vesselWriter = await VesselSetWriter.create(vessels, { timing: makeTiming(3), spacing: new Spacing(2, 2), setType: 'vessel diameter' });
  const trace = Float32Array.of(1, 2, 3);
  await vesselWriter.writeDiameterVessel(0, { image: new Float32Array(4), line: [0, 0, 1, 1], trace, centerTrace: trace });
  await vesselWriter.finish();

  const isxb = at('behavior.isxb');
  const jpegs = await Promise.all([10, 200].map((v) => encodeLumaJpeg(new Uint8Array(64).fill(v), 8, 8)));
  await writeIsxb(isxb, {
    jpegs,
    samples: [
      { fc: 0, tsc: 100, tracker: { box: [1.5, 2.5, 6.25, 7.75], conf: 55.5, zones: { id: 4270701760, name: 'left', event: 'e', trig: 'softTrig-2' } } },
      { fc: 1, tsc: 200 },
    ],
    session: makeIsxbSession(8, 8),
  });

  const rawGpio = at('raw.gpio');
  await writeRawGpio(rawGpio, {
    header: { startNum: 1589970802786n, startDen: 1000n, extras: { fileFormat: 0n, session: { ad: { clock: 2000 } } } },
    packets: [
      { kind: 'captureAll', tsc: 1000n, digital: 0x30005, bnc: [100, 0, 0, 0], exLed: 12, ogLed: 0, diLed: 0, eFocus: 50, trigSync: 1 },
      { kind: 'bncSync', tsc: 1500n, value: 0 },
    ],
  });
  const nvoke = at('nvoke.raw');
  await writeNvokeRaw(nvoke, [
    { kind: 'sync' },
    { kind: 'digital', channel: 'GPIO1', high: true, timeUs: 1_600_000_000_000_000n },
    { kind: 'analog', maxPower: [0, 10], samples: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], timeUs: 1_600_000_000_000_500n },
  ]);
  const imu = at('motion.imu');
  await writeRawImu(imu, SAMPLE_IMU);
  return { isxd: [movie, cells, events, gpio, vessels], other: [isxb, rawGpio, nvoke, imu] };
}

const INSCOPIX = /\.(isxd|isxb|gpio|imu|raw)$/i;

/** The real fixtures of Inscopix formats no larger than `maxBytes`, or none when they are absent. */
export async function realSeedFiles(maxBytes: number): Promise<string[]> {
  if (!haveRealFixtures) return [];
  const names = (await readdir(REAL_FIXTURES, { recursive: true })).filter((name) => INSCOPIX.test(name)).sort();
  const files: string[] = [];
  for (const name of names) {
    const path = join(REAL_FIXTURES, name);
    if ((await stat(path)).size <= maxBytes) files.push(path);
  }
  return files;
}

