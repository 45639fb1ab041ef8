import { expect } from 'chai';
import { EventSet } from '../../lib/events/eventSet.js';
import { GpioSet } from '../../lib/gpio/gpioSet.js';
import { writeEventModel } from '../../lib/events/writeEventModel.js';
import { events } from '../../lib/sources/events.js';
import { samples } from '../../lib/sources/samples.js';
import { stream } from '../../lib/kinds/stream.js';
import { rejection } from '../helpers/errors.js';
import { describeReal, realFixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { makeModel } from '../events/eventFixtures.js';
import { collect, countOpenFds } from './sourceKit.js';

// makeModel's default start: 1700000000000 ms.
const START_US = 1_700_000_000_000_000;

describe('events and samples sources on synthetic files', () => {
  const dir = useTempDir();
  let eventPath = '';
  let gpioPath = '';

  before(async () => {
    eventPath = dir.file('events.isxd');
    await writeEventModel(
      eventPath,
      makeModel({
        channelNames: ['C0', 'C1', 'C2'],
        packets: [
          { offsetUs: 0, channel: 0, value: 1.5 },
          { offsetUs: 100_000, channel: 0, value: 2.5 },
          { offsetUs: 50_000, channel: 2, value: 7 },
          { offsetUs: 200_000, channel: 0, value: 3.5 },
        ],
      }),
    );
    gpioPath = dir.file('gpio.isxd');
    await writeEventModel(
      gpioPath,
      makeModel({
        type: 3,
        channelNames: ['GPI 0', 'e-focus'],
        packets: [
          { offsetUs: 0, channel: 1, value: 300 },
          { offsetUs: 0, channel: 0, value: 0 },
          { offsetUs: 1_000, channel: 0, value: 1 },
          { offsetUs: 2_000, channel: 1, value: 310 },
        ],
      }),
    );
  });

  it('gives all events, cell by cell and in time order within a cell', async () => {
    await using set = await EventSet.read(eventPath);
    expect(await collect(events(set))).to.deep.equal([
      { cellIndex: 0, cellName: 'C0', offsetUs: 0, timestampUs: START_US, amplitude: 1.5 },
      { cellIndex: 0, cellName: 'C0', offsetUs: 100_000, timestampUs: START_US + 100_000, amplitude: 2.5 },
      { cellIndex: 0, cellName: 'C0', offsetUs: 200_000, timestampUs: START_US + 200_000, amplitude: 3.5 },
      { cellIndex: 2, cellName: 'C2', offsetUs: 50_000, timestampUs: START_US + 50_000, amplitude: 7 },
    ]);
  });

  it('keeps events in a range of seconds after the start', async () => {
    await using set = await EventSet.read(eventPath);
    expect((await collect(events(set, { startSec: 0.05, endSec: 0.2 }))).map((e) => e.offsetUs)).to.deep.equal([100_000, 50_000]);
  });

  it('keeps events from an absolute microsecond time', async () => {
    await using set = await EventSet.read(eventPath);
    expect((await collect(events(set, { startUs: START_US + 100_001 }))).map((e) => e.offsetUs)).to.deep.equal([200_000]);
  });

  it('refuses a sample index range for events, which have none', async () => {
    await using set = await EventSet.read(eventPath);
    const error = await rejection(collect(stream(set, { startIndex: 3 })));
    expect(error.detail).to.equal('events and GPIO/IMU samples have no sample index to start or end at; use startSec/endSec or startUs/endUs');
  });

  it('gives GPIO samples channel by channel with names and times', async () => {
    await using set = await GpioSet.read(gpioPath);
    expect(await collect(samples(set))).to.deep.equal([
      { channelIndex: 0, channel: 'GPI 0', offsetUs: 0, timestampUs: START_US, value: 0 },
      { channelIndex: 0, channel: 'GPI 0', offsetUs: 1_000, timestampUs: START_US + 1_000, value: 1 },
      { channelIndex: 1, channel: 'e-focus', offsetUs: 0, timestampUs: START_US, value: 300 },
      { channelIndex: 1, channel: 'e-focus', offsetUs: 2_000, timestampUs: START_US + 2_000, value: 310 },
    ]);
  });

  it('closes the GPIO set at the end with closeOnEnd', async () => {
    const before = countOpenFds();
    const set = await GpioSet.read(gpioPath);
    expect((await collect(stream(set, { closeOnEnd: true }))).length).to.equal(4);
    expect(countOpenFds()).to.equal(before);
  });
});

describeReal('events source on real event sets', () => {
  const perCell = async (name: string): Promise<number[]> => {
    await using set = await EventSet.read(realFixture('ideas-toolbox-caiman', name));
    const counts = new Array<number>(set.numCells).fill(0);
    for await (const event of events(set)) counts[event.cellIndex]!++;
    return counts;
  };

  it('counts the events of sample_eventset_msr_1 per cell as the manifest lists', async () => {
    expect(await perCell('sample_eventset_msr_1.isxd')).to.deep.equal([2072, 2984, 2141, 3544, 2763]);
  });

  it('counts the events of the IM13 session 2 subset per cell as the manifest lists', async () => {
    expect(await perCell('IM13_session2_2024-10-10_eventset_10cells-10s-subset.isxd')).to.deep.equal([8, 3, 7, 0, 0, 0, 17, 1, 0, 2]);
  });
});
