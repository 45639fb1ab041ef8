import { copyFile, writeFile } from 'node:fs/promises';
import { expect } from 'chai';
import { Ratio } from '../../lib/core/ratio.js';
import { Spacing } from '../../lib/core/spacing.js';
import { Time } from '../../lib/core/time.js';
import { Timing } from '../../lib/core/timing.js';
import { writeEventModel } from '../../lib/events/writeEventModel.js';
import { VesselSetWriter } from '../../lib/isxd/writeVesselSet.js';
import { MovieWriter } from '../../lib/isxd/writeMovie.js';
import { makeTiming } from '../helpers/isxdFiles.js';
import { parseJson } from '../../lib/json/parseJson.js';
import type { JsonObject } from '../../lib/json/jsonValue.js';
import { makeModel } from '../events/eventFixtures.js';
import { describeReal, realFixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { DEMO, lines, runCli } from './runCli.js';

describe('isx-stream info', () => {
  const dir = useTempDir();

  it('prints a readable summary of the demo cell set', async () => {
    const result = await runCli(['info', DEMO]);
    expect(result.status).to.equal(0);
    const text = result.stdout.toString();
    expect(text).to.include('  kind          cell_set\n');
    expect(text).to.include('  size          52,738 bytes\n');
    expect(text).to.include('  samples       300 (299 valid)\n');
    expect(text).to.include('  period        0.05 s (50/1000)\n');
    expect(text).to.include('  start         2024-01-01T00:00:00.000Z (1704067200000000 µs since epoch)\n');
    expect(text).to.include('  dropped       1 sample at index 150\n');
    expect(text).to.include('  pixels        32 rows x 40 cols\n');
    expect(text).to.include('  cells         8 (5 accepted, 2 undecided, 1 rejected)\n');
    expect(text).to.include('    Animal ID: demo-mouse-1\n');
    expect(result.stderr).to.equal('');
  });

  it('prints one JSON object per file and line with --json', async () => {
    const copy = dir.file('copy.isxd');
    await copyFile(DEMO, copy);
    const result = await runCli(['info', DEMO, copy, '--json']);
    expect(result.status).to.equal(0);
    const objects = lines(result).map((line) => parseJson(line) as JsonObject);
    expect(objects.map((o) => o.path)).to.deep.equal([DEMO, copy]);
    expect(objects[0]).to.include({ kind: 'cell_set', numSamples: 300, numCells: 8, period: '50/1000', rows: 32, cols: 40 });
    expect(objects[0]!.startUs).to.equal(1704067200000000);
    expect(objects[0]!.dropped).to.deep.equal([150]);
  });

  it('gives float32 as the data type of a cell set (its traces)', async () => {
    const result = await runCli(['info', DEMO]);
    expect(result.stdout.toString()).to.include('  data type     float32\n');
    const summary = parseJson(lines(await runCli(['info', DEMO, '--json']))[0]!) as JsonObject;
    expect(summary.dataType).to.equal('float32');
  });

  it('gives float32 as the data type of a vessel set (its traces)', async () => {
    const path = dir.file('vessels.isxd');
    const timing = new Timing({ numSamples: 2, period: new Ratio(1, 10), start: new Time(new Ratio(0, 1)) });
    const writer = await VesselSetWriter.create(path, { timing, spacing: new Spacing(2, 2), setType: 'vessel diameter' });
    const trace = new Float32Array(2);
    await writer.writeDiameterVessel(0, { image: new Float32Array(4), line: [0, 0, 1, 1], trace, centerTrace: trace });
    await writer.finish();
    const result = await runCli(['info', path]);
    expect(result.stdout.toString()).to.include('  data type     float32\n  vessels       1 (0 accepted, 1 undecided, 0 rejected)\n');
  });

  it('gives float32 values as the data type of a GPIO set', async () => {
    const path = dir.file('gpio.isxd');
    await writeEventModel(path, makeModel({ type: 3, channelNames: ['GPIO-1'], packets: [{ offsetUs: 0, channel: 0, value: 1 }] }));
    const summary = parseJson(lines(await runCli(['info', path, '--json']))[0]!) as JsonObject;
    expect(summary).to.include({ kind: 'gpio', dataType: 'float32 values' });
  });

  it('lists at most 10 event-set cell names in text, all of them in JSON', async () => {
    const path = dir.file('events12.isxd');
    const names = Array.from({ length: 12 }, (_, i) => `E${i}`);
    await writeEventModel(path, makeModel({ channelNames: names, packets: [{ offsetUs: 0, channel: 0, value: 1 }] }));
    const text = (await runCli(['info', path])).stdout.toString();
    expect(text).to.include('  data type     float32 amplitudes\n  cells         12: E0, E1, E2, E3, E4, E5, E6, E7, E8, E9, … (2 more)\n');
    const summary = parseJson(lines(await runCli(['info', path, '--json']))[0]!) as JsonObject;
    expect(summary.cellNames).to.deep.equal(names);
  });

  it('adds the whole footer with --metadata', async () => {
    const result = await runCli(['info', DEMO, '--json', '--metadata']);
    const summary = parseJson(lines(result)[0]!) as JsonObject;
    expect((summary.metadata as JsonObject).type).to.equal(1);
    expect((summary.metadata as JsonObject).CellNames).to.have.length(8);
  });

  it('reports a corrupt file by name, problem and offset, summarises the others and exits 1', async () => {
    const bad = dir.file('bad.isxd');
    await writeFile(bad, Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0xe8, 0x03, 0, 0, 0, 0, 0, 0]));
    const result = await runCli(['info', bad, DEMO, '--json']);
    expect(result.status).to.equal(1);
    expect(result.stderr).to.equal(
      `isx-stream: ${bad}: footer length 1000 at offset 8 is larger than the 7 bytes before the trailer (not an .isxd file, or truncated?)\n`,
    );
    expect(lines(result)).to.have.length(1);
  });

  describeReal('on real files', () => {
    it('summarises a real float32 movie', async () => {
      const result = await runCli(['info', realFixture('ideas-toolbox-caiman', 'movie_part2_108x123x63.isxd'), '--json']);
      expect(result.status).to.equal(0);
      const summary = parseJson(lines(result)[0]!) as JsonObject;
      expect(summary).to.include({ kind: 'movie', numSamples: 63, rows: 123, cols: 108, dataType: 'float32', fileBytes: 3348801 });
    });

    it('summarises a real event set with its cell count', async () => {
      const result = await runCli(['info', realFixture('ideas-toolbox-caiman', 'sample_eventset_msr_1.isxd'), '--json']);
      const summary = parseJson(lines(result)[0]!) as JsonObject;
      expect(summary).to.include({ kind: 'event_set', numCells: 5, period: '603240466/12074000000', dataType: 'float32 amplitudes' });
      expect(summary.cellNames).to.deep.equal(['C001', 'C014', 'C030', 'C114', 'C175']);
    });

    it('lists the cell names of a real event set, like channels', async () => {
      const result = await runCli(['info', realFixture('ideas-toolbox-caiman', 'sample_eventset_msr_1.isxd')]);
      expect(result.stdout.toString()).to.include('  data type     float32 amplitudes\n  cells         5: C001, C014, C030, C114, C175\n');
    });

    it('says that an nVision behaviour movie has tracking data, and so tracking and zones tables', async () => {
      const path = realFixture('ideas-toolbox-deeplabcut', 'Group-20240111-080531_2024-01-12-08-55-21_sched_0.isxb');
      expect((await runCli(['info', path])).stdout.toString()).to.include('  tracking      yes (tables frames, tracking, zones)\n');
      const summary = parseJson(lines(await runCli(['info', path, '--json']))[0]!) as JsonObject;
      expect(summary.hasTracking).to.equal(true);
    });

    it('says that a behaviour movie without tracker data has no tracking tables', async () => {
      const path = realFixture('ideas-toolbox-deeplabcut', '2023-01-27-10-34-22-camera-1_trimmed_1s.isxb');
      expect((await runCli(['info', path])).stdout.toString()).to.include('  tracking      no (table frames only)\n');
      const summary = parseJson(lines(await runCli(['info', path, '--json']))[0]!) as JsonObject;
      expect(summary.hasTracking).to.equal(false);
    });

    it('summarises a real behaviour movie', async () => {
      const path = realFixture('ideas-toolbox-deeplabcut', 'Group-20240111-080531_2024-01-12-08-55-21_sched_0.isxb');
      const summary = parseJson(lines(await runCli(['info', path, '--json']))[0]!) as JsonObject;
      expect(summary).to.include({ kind: 'behavior_movie', numSamples: 10, startUs: 1705049721643000, dataType: 'uint8' });
    });
  });
});

describe('isx-stream info answers the first questions', () => {
  const dir = useTempDir();

  it('lists the tables a conversion writes with their row counts, in text and JSON', async () => {
    const text = (await runCli(['info', DEMO])).stdout.toString();
    expect(text).to.include('  tables        cells (8 rows), traces (2,400 rows)\n');
    const [summary] = (await runCli(['info', DEMO, '--json'])).stdout.toString().trim().split('\n').map((line) => JSON.parse(line) as JsonObject);
    expect(summary!.tables).to.deep.equal({ cells: 8, traces: 2400 });
  });

  it('prints the whole metadata in text mode with --metadata', async () => {
    const text = (await runCli(['info', DEMO, '--metadata'])).stdout.toString();
    expect(text).to.include('\n  metadata\n    {\n');
    expect(text).to.include('"CellNames": [');
  });

  it('flags a start time that was not recorded instead of printing 1970', async () => {
    const path = dir.file('no-start.isxd');
    const timing = makeTiming(3, { start: new Time(new Ratio(0, 1)) });
    const writer = await MovieWriter.create(path, { timing, spacing: new Spacing(2, 2), dataType: 'uint16' });
    for (let i = 0; i < 3; i++) await writer.writeFrame(i, new Uint16Array(4));
    await writer.finish();
    const text = (await runCli(['info', path])).stdout.toString();
    expect(text).to.include('  start         not recorded (the file stores 0 s since the epoch)\n');
    expect(text).not.to.include('1970');
  });

  it('counts the events of an event set, in total and per cell', async () => {
    const path = dir.file('events.isxd');
    const packets = [
      { offsetUs: 0, channel: 0, value: 1 },
      { offsetUs: 100, channel: 1, value: 2 },
      { offsetUs: 200, channel: 1, value: 3 },
    ];
    await writeEventModel(path, makeModel({ channelNames: ['A', 'B', 'C'], packets }));
    const text = (await runCli(['info', path])).stdout.toString();
    expect(text).to.include('  events        3 (A 1, B 2, C 0)\n');
    expect(text).to.include('  tables        events (3 rows)\n');
  });
});
