import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { Ratio } from '../../lib/core/ratio.js';
import { Time } from '../../lib/core/time.js';
import { EventSet } from '../../lib/events/eventSet.js';
import { GpioSet } from '../../lib/gpio/gpioSet.js';
import type { EventModel } from '../../lib/events/eventModel.js';
import { writeEventModel } from '../../lib/events/writeEventModel.js';
import { FileSource } from '../../lib/io/fileSource.js';
import type { ByteSource } from '../../lib/io/byteSource.js';
import { stringifyJson } from '../../lib/json/stringifyJson.js';
import { useTempDir } from '../helpers/tempDir.js';
import { asNumbers, makeModel, rejection } from './eventFixtures.js';

/** Everything in a model as plain JSON text, for deep comparison (Ratio/Time are classes). */
function describeModel(model: EventModel): string {
  return stringifyJson({
    type: model.type,
    channelNames: model.channelNames,
    start: model.start.toJson(),
    end: model.end.toJson(),
    signalSteps: model.signalSteps.map((s) => s.toJson()),
    signalTypes: model.signalTypes,
    offsetsUs: Array.from(model.offsetsUs, (o) => o),
    channels: Array.from(model.channels),
    values: Array.from(model.values, (v) => (Number.isNaN(v) ? 'NaN' : v)),
    metrics: model.metrics,
    extraProperties: model.extraProperties,
  }, { sortKeys: true });
}

/** A byte source that records every read, to show which payload bytes a call touched. */
class CountingSource implements ByteSource {
  reads: [offset: number, length: number][] = [];
  constructor(private readonly inner: FileSource) {}
  get path(): string {
    return this.inner.path;
  }
  get size(): number {
    return this.inner.size;
  }
  get bytesRead(): number {
    return this.inner.bytesRead;
  }
  readAt(offset: number, length: number, what?: string): Promise<Uint8Array> {
    this.reads.push([offset, length]);
    return this.inner.readAt(offset, length, what);
  }
  readInto(target: Uint8Array, offset: number, what?: string): Promise<void> {
    this.reads.push([offset, target.byteLength]);
    return this.inner.readInto(target, offset, what);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

describe('writeEventModel and the V2 readers', () => {
  const dir = useTempDir();

  // Packets deliberately out of order, with a duplicate (channel 0 at 100 µs) and a NaN.
  const shuffled = makeModel({
    channelNames: ['C0', 'C1', 'C2'],
    packets: [
      { offsetUs: 300, channel: 0, value: 3 },
      { offsetUs: 100, channel: 0, value: 1 },
      { offsetUs: 50, channel: 1, value: Number.NaN },
      { offsetUs: 100, channel: 0, value: 7 },
      { offsetUs: 20, channel: 1, value: 2 },
      { offsetUs: 200, channel: 0, value: 2 },
    ],
  });

  it('returns each cell sorted by time with the last written duplicate kept', async () => {
    const path = dir.file('shuffled.isxd');
    await writeEventModel(path, shuffled);
    await using set = await EventSet.read(path);
    const c0 = await set.getCellData(0);
    expect(asNumbers(c0.offsets)).to.deep.equal([100, 200, 300]);
    expect(Array.from(c0.amplitudes)).to.deep.equal([7, 2, 3]);
    const c1 = await set.getCellData(1);
    expect(asNumbers(c1.offsets)).to.deep.equal([20, 50]);
    expect(c1.amplitudes[0]).to.equal(2);
    expect(Number.isNaN(c1.amplitudes[1])).to.equal(true);
  });

  it('returns no events for a cell without packets', async () => {
    const path = dir.file('empty-cell.isxd');
    await writeEventModel(path, shuffled);
    await using set = await EventSet.read(path);
    const c2 = await set.getCellData(2);
    expect(c2.offsets.length).to.equal(0);
    expect(c2.amplitudes.length).to.equal(0);
  });

  it('writes numSamples as packet counts and startOffsets as the first packet written per channel', async () => {
    const path = dir.file('counts.isxd');
    await writeEventModel(path, shuffled);
    await using set = await EventSet.read(path);
    expect(set.metadata.numSamples).to.deep.equal([4, 2, 0]);
    expect(set.metadata.startOffsets).to.deep.equal([300, 50, 0]);
    expect(set.numPackets).to.equal(6);
    expect(set.metadata.fileVersion).to.equal(2);
    expect(set.metadata.fileType).to.equal(1);
  });

  it('derives the set timing from global times and the smallest positive step', async () => {
    const start = new Time(new Ratio(1_000_000n, 1000n));
    const path = dir.file('timing.isxd');
    await writeEventModel(
      path,
      makeModel({
        type: 3,
        channelNames: ['a', 'b', 'c'],
        packets: [],
        start,
        end: start.add(new Ratio(1001n, 1000n)),
        signalSteps: [new Ratio(1n, 10n), new Ratio(0n), new Ratio(1n, 100n)],
      }),
    );
    await using set = await GpioSet.read(path);
    expect(set.timing.period.equals(new Ratio(1n, 100n))).to.equal(true);
    expect(set.timing.numSamples).to.equal(101);
    expect(set.timing.start.equals(start)).to.equal(true);
  });

  it('falls back to a 1 ms step when the first signalStep is 0, whatever the others say', async () => {
    const path = dir.file('first-zero.isxd');
    await writeEventModel(
      path,
      makeModel({ type: 3, channelNames: ['a', 'b'], packets: [], signalSteps: [new Ratio(0n), new Ratio(1n, 100n)] }),
    );
    await using set = await GpioSet.read(path);
    expect(set.timing.period.equals(new Ratio(1n, 1000n))).to.equal(true);
    expect(set.timing.numSamples).to.equal(10000);
  });

  it('falls back to a 1 ms step for a file with no channels', async () => {
    const path = dir.file('no-channels.isxd');
    await writeEventModel(path, makeModel({ channelNames: [], packets: [] }));
    await using set = await EventSet.read(path);
    expect(set.numCells).to.equal(0);
    expect(set.timing.period.equals(new Ratio(1n, 1000n))).to.equal(true);
    expect(set.timing.numSamples).to.equal(10000);
    expect(set.numPackets).to.equal(0);
  });

  it('reads a GPIO file (type 3) as kind gpio with its steps and signal types', async () => {
    const path = dir.file('gpio.isxd');
    const model = makeModel({
      type: 3,
      channelNames: ['GPIO-1', 'BNC Sync Output'],
      packets: [
        { offsetUs: 0, channel: 1, value: 0 },
        { offsetUs: 0, channel: 0, value: 1 },
        { offsetUs: 2000, channel: 1, value: 1 },
      ],
      signalSteps: [new Ratio(1n, 1000n), new Ratio(1n, 1000n)],
      signalTypes: [0, 1],
    });
    await writeEventModel(path, model);
    await using set = await GpioSet.read(path);
    expect(set.kind).to.equal('gpio');
    expect(set.numChannels).to.equal(2);
    expect(set.channelNames).to.deep.equal(['GPIO-1', 'BNC Sync Output']);
    expect(set.signalTypes).to.deep.equal([0, 1]);
    expect(set.signalSteps.map(String)).to.deep.equal(['1/1000', '1/1000']);
    expect(set.getChannelIndex('BNC Sync Output')).to.equal(1);
    const data = await set.getChannelData(1);
    expect(asNumbers(data.offsets)).to.deep.equal([0, 2000]);
    expect(Array.from(data.values)).to.deep.equal([0, 1]);
  });

  it('reads an IMU file (type 7) as kind imu with raw values', async () => {
    const path = dir.file('imu.isxd');
    await writeEventModel(
      path,
      makeModel({
        type: 7,
        channelNames: ['Acc x', 'Acc y'],
        packets: [
          { offsetUs: 0, channel: 0, value: -1 },
          { offsetUs: 20592, channel: 0, value: Number.NaN },
          { offsetUs: 0, channel: 1, value: 16384 },
        ],
        signalTypes: [1, 1],
      }),
    );
    await using set = await GpioSet.read(path);
    expect(set.kind).to.equal('imu');
    const acc = await set.getChannelData(0);
    expect(acc.values[0]).to.equal(-1);
    expect(Number.isNaN(acc.values[1])).to.equal(true);
    expect((await set.getChannelData(1)).values[0]).to.equal(16384);
  });

  it('reads metrics with null entries as NaN and {} as no metrics', async () => {
    const path = dir.file('metrics.isxd');
    await writeEventModel(
      path,
      makeModel({
        channelNames: ['a', 'b'],
        packets: [{ offsetUs: 5, channel: 0, value: 1 }],
        metrics: [[1.5, null, 0.25, 4, 5, 6, 7, 8, 9], {}],
      }),
    );
    await using set = await EventSet.read(path);
    const metrics = set.getMetrics(0)!;
    expect(metrics.snr).to.equal(1.5);
    expect(Number.isNaN(metrics.mad)).to.equal(true);
    expect(metrics.eventRate).to.equal(0.25);
    expect(metrics.decaySD).to.equal(9);
    expect(set.getMetrics(1)).to.equal(null);
  });

  it('round-trips every model field through toModel, and writing it again gives identical bytes', async () => {
    const model = makeModel({
      type: 7,
      channelNames: ['x', 'y', 'x'],
      packets: [
        { offsetUs: 2n ** 53n + 1n, channel: 2, value: 0.5 },
        { offsetUs: 10, channel: 0, value: Number.NaN },
        { offsetUs: 10, channel: 0, value: -3 },
      ],
      start: new Time(new Ratio(123456789n, 1000000n), -25200),
      signalSteps: [new Ratio(20570732n, 1000000000n), new Ratio(1n, 50n), new Ratio(7n, 3n)],
      signalTypes: [1, 0, 1],
      metrics: null,
      extraProperties: { name: 'session', big: 2n ** 60n },
    });
    const first = dir.file('round1.isxd');
    const second = dir.file('round2.isxd');
    await writeEventModel(first, model);
    await using set = await GpioSet.read(first);
    const back = await set.toModel();
    expect(describeModel(back)).to.equal(describeModel(model));
    await writeEventModel(second, back);
    expect(Buffer.compare(await readFile(first), await readFile(second))).to.equal(0);
  });

  it('reads across 1 MiB chunk boundaries when channels are interleaved', async () => {
    const total = 120_000;
    const packets = Array.from({ length: total }, (_, i) => ({ offsetUs: Math.floor(i / 3) * 1000, channel: i % 3, value: i }));
    const path = dir.file('big.isxd');
    await writeEventModel(path, makeModel({ type: 3, channelNames: ['a', 'b', 'c'], packets }));
    await using set = await GpioSet.read(path);
    for (let c = 0; c < 3; c++) {
      const data = await set.getChannelData(c);
      expect(data.offsets.length).to.equal(total / 3);
      expect(data.offsets[39_999]).to.equal(39_999_000n);
      expect(data.values[39_999]).to.equal(3 * 39_999 + c);
    }
  });

  it('reads only the requested block once the payload is known to be grouped by channel', async () => {
    const path = dir.file('grouped.isxd');
    const packets = [
      ...Array.from({ length: 5 }, (_, i) => ({ offsetUs: i * 10, channel: 0, value: i })),
      ...Array.from({ length: 3 }, (_, i) => ({ offsetUs: i * 10, channel: 1, value: 10 + i })),
    ];
    await writeEventModel(path, makeModel({ channelNames: ['a', 'b'], packets }));
    const source = new CountingSource(await FileSource.open(path));
    await using set = await EventSet.fromSource(source);
    await set.getCellData(0);
    source.reads = [];
    const data = await set.getCellData(1);
    expect(source.reads).to.deep.equal([[100, 60]]);
    expect(Array.from(data.amplitudes)).to.deep.equal([10, 11, 12]);
  });

  it('refuses to replace an existing file unless asked', async () => {
    const path = dir.file('exists.isxd');
    await writeEventModel(path, shuffled);
    const error = await rejection(writeEventModel(path, shuffled));
    expect(error.code).to.equal('E_EXISTS');
    await writeEventModel(path, shuffled, { overwrite: true });
  });

  it('rejects a model whose packet refers to a missing channel before writing', async () => {
    const bad = makeModel({ channelNames: ['a'], packets: [{ offsetUs: 0, channel: 1, value: 0 }] });
    const path = dir.file('bad-model.isxd');
    const error = await rejection(writeEventModel(path, bad));
    expect(error.code).to.equal('E_ARGUMENT');
    expect(error.message).to.equal(`${path}: event model: packet 0 has channel 1; there are 1 channels`);
  });
});
