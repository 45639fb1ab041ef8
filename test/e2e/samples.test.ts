import { expect } from 'chai';
import type { ChannelData } from '../../lib/events/channelData.js';
import type { GpioSet } from '../../lib/gpio/gpioSet.js';
import { writeEventModel } from '../../lib/events/writeEventModel.js';
import { writeRawGpio } from '../synthetic/writeRawGpio.js';
import { writeRawImu } from '../synthetic/writeRawImu.js';
import { writeNvokeRaw } from '../synthetic/writeNvokeRaw.js';
import { open } from '../../lib/kinds/open.js';
import { useTempDir } from '../helpers/tempDir.js';
import { makeModel } from '../events/eventFixtures.js';
import { convertToBoth, duck, float32Values, rawBigInts, sqlPath, tableOf, values, type Converted } from './e2eKit.js';

/** What the reader says about every channel: the reference the `samples` table must equal. */
interface SampleTruth {
  kind: string;
  startUs: bigint;
  names: string[];
  channels: ChannelData[];
}

async function readTruth(path: string): Promise<SampleTruth> {
  await using set = (await open(path)) as GpioSet;
  const truth: SampleTruth = { kind: set.kind, startUs: set.timing.start.toMicros(), names: [], channels: [] };
  for (let c = 0; c < set.numChannels; c++) {
    truth.names.push(set.getChannelName(c));
    truth.channels.push(await set.getChannelData(c));
  }
  return truth;
}

const nanCount = (array: Float32Array): number => array.filter((v) => Number.isNaN(v)).length;

/** Converts the file `write` makes and checks the `samples` table against `getChannelData`. */
function describeSamples(title: string, fileName: string, write: (path: string) => Promise<void>, check: (truth: SampleTruth) => void): void {
  describe(title, () => {
    const dir = useTempDir();
    let truth: SampleTruth;
    let out: Converted;

    before(async () => {
      const input = dir.file(fileName);
      await write(input);
      truth = await readTruth(input);
      out = await convertToBoth(input, dir.path);
    });

    it('the reader sees the channels and values the file was written with', () => check(truth));

    it('writes every sample of every channel, in channel then time order, with index and name, in Arrow', () => {
      const arrow = tableOf(out.arrow, 'samples');
      expect(arrow.numRows).to.equal(truth.channels.reduce((sum, c) => sum + c.offsets.length, 0));
      expect(values(arrow, 'channel_index')).to.deep.equal(truth.channels.flatMap((c, i) => new Array(c.offsets.length).fill(i)));
      expect(values(arrow, 'channel')).to.deep.equal(truth.channels.flatMap((c, i) => new Array(c.offsets.length).fill(truth.names[i])));
    });

    it('stores offsets as getChannelData gives them and timestamps = start µs + offset, in Arrow', () => {
      const arrow = tableOf(out.arrow, 'samples');
      const offsets = truth.channels.flatMap((c) => Array.from(c.offsets));
      expect(rawBigInts(arrow, 'offset_us')).to.deep.equal(offsets);
      expect(rawBigInts(arrow, 'timestamp')).to.deep.equal(offsets.map((o) => truth.startUs + o));
    });

    it('stores the values of getChannelData bit for bit in Arrow, NaN markers as NaN', () => {
      const arrow = tableOf(out.arrow, 'samples');
      expect(arrow.getChild('value')!.nullCount).to.equal(0);
      expect(Array.from(float32Values(arrow, 'value'))).to.deep.equal(truth.channels.flatMap((c) => Array.from(c.values)));
    });

    it('gives per-channel counts, NaN counts, offsets, timestamps and values of the reader in DuckDB over Parquet', async () => {
      const rows = await duck(
        `select channel_index, any_value(channel) as channel, count(*) as n, count(*) filter (where isnan(value)) as nans,
                count(*) filter (where value is null) as nulls, list(offset_us order by offset_us) as offsets,
                list(epoch_us(timestamp) order by offset_us) as us, list(value::double order by offset_us) as vals
         from read_parquet(${sqlPath(tableOf(out.parquet, 'samples'))}) group by channel_index order by channel_index`,
      );
      const byChannel = new Map(rows.map((row) => [row.channel_index as number, row]));
      truth.channels.forEach((channel, c) => {
        const row = byChannel.get(c);
        if (channel.offsets.length === 0) return expect(row, `channel ${c}`).to.equal(undefined);
        expect(row, `channel ${c}`).to.deep.equal({
          channel_index: c,
          channel: truth.names[c],
          n: BigInt(channel.offsets.length),
          nans: BigInt(nanCount(channel.values)),
          nulls: 0n,
          offsets: Array.from(channel.offsets),
          us: Array.from(channel.offsets, (o) => truth.startUs + o),
          vals: Array.from(channel.values),
        });
      });
    });
  });
}

describeSamples(
  'a synthetic GPIO .isxd converted to Arrow and Parquet',
  'gpio.isxd',
  (path) =>
    writeEventModel(
      path,
      makeModel({
        type: 3,
        channelNames: ['GPIO-1', 'EX-LED', 'empty'],
        signalTypes: [0, 1, 0],
        packets: [
          { offsetUs: 0, channel: 0, value: 1 },
          { offsetUs: 10, channel: 1, value: 0.5 },
          { offsetUs: 20, channel: 1, value: Number.NaN },
          { offsetUs: 2n ** 33n + 7n, channel: 0, value: 0 },
          { offsetUs: 2n ** 33n + 9n, channel: 1, value: 3.25 },
        ],
      }),
    ),
  (truth) => {
    expect(truth.kind).to.equal('gpio');
    expect(truth.names).to.deep.equal(['GPIO-1', 'EX-LED', 'empty']);
    expect(truth.channels.map((c) => Array.from(c.offsets))).to.deep.equal([[0n, 2n ** 33n + 7n], [10n, 20n, 2n ** 33n + 9n], []]);
    expect(truth.channels.map((c) => Array.from(c.values))).to.deep.equal([[1, 0], [0.5, NaN, 3.25], []]);
  },
);

describeSamples(
  'a synthetic raw .gpio converted to Arrow and Parquet',
  'raw.gpio',
  (path) =>
    writeRawGpio(path, {
      header: { startNum: 1589970802786n, startDen: 1000n },
      packets: [
        { kind: 'bncSync', tsc: 5000n, value: 1 },
        { kind: 'bncTrigger', tsc: 6000n, value: 4 },
        { kind: 'bncGpio', gpio: 3, tsc: 6500n, value: 100 },
        { kind: 'bncSync', tsc: 7500n, value: 0 },
        { kind: 'bncGpio', gpio: 3, tsc: 9000n, value: 250 },
      ],
    }),
  (truth) => {
    expect(truth.kind).to.equal('gpio');
    expect(truth.names).to.include.members(['BNC Sync Output', 'BNC Trigger Input', 'GPIO-3']);
    expect(truth.channels[truth.names.indexOf('BNC Sync Output')]!.values.length).to.be.at.least(2);
  },
);

describeSamples(
  'a synthetic raw .imu converted to Arrow and Parquet',
  'motion.imu',
  (path) =>
    writeRawImu(path, {
      accelerometer: Array.from({ length: 4 }, (_, i) => ({ x: -1 - i, y: 100 + i, z: 16384 })),
      orientation: Array.from({ length: 4 }, (_, i) => ({ x: -3224, y: 2048 * i, z: 1, reserved: 25 })),
      magnetometer: Array.from({ length: 2 }, (_, i) => ({ x: 7 + i, y: -8, z: 9 })),
      session: {
        timingInfo: {
          start: { secsSinceEpoch: { num: 1581619401465, den: 1000 }, utcOffset: 3600 },
          end: { secsSinceEpoch: { num: 1581619405683, den: 1000 }, utcOffset: 3600 },
          accelerometer: { periodMs: { num: 20, den: 1 }, dropped: [1, 4], numTimes: 6 },
          magnetometer: { periodMs: { num: 400, den: 1 }, dropped: [], numTimes: 2 },
        },
      },
    }),
  (truth) => {
    expect(truth.kind).to.equal('imu');
    expect(truth.names).to.have.length(9);
    // Dropped accelerometer samples are NaN markers in the six accelerometer and orientation channels.
    expect(truth.channels.slice(0, 6).map((c) => nanCount(c.values))).to.deep.equal([2, 2, 2, 2, 2, 2]);
  },
);

describeSamples(
  'a synthetic nVoke .raw converted to Arrow and Parquet',
  'nvoke.raw',
  (path) => {
    const T = 1_589_970_802_123_456n;
    return writeNvokeRaw(path, [
      { kind: 'sync' },
      { kind: 'digital', channel: 'GPIO1', high: true, timeUs: T },
      { kind: 'led', channel: 'EX_LED', power: 255, state: 1, timeUs: T + 20n },
      { kind: 'analog', maxPower: [0x80, 0x7f], samples: [0, 65535, 6553, 1, 2, 3, 4, 5, 6, 32768], timeUs: T + 50n },
      { kind: 'led', channel: 'EX_LED', power: 255, state: 0, timeUs: T + 9100n },
      { kind: 'digital', channel: 'GPIO1', high: false, timeUs: T + 9200n },
    ]);
  },
  (truth) => {
    expect(truth.kind).to.equal('gpio');
    expect(truth.names).to.deep.equal(['GPIO1', 'EX_LED', 'GPIO4_AI']);
    expect(truth.channels[2]!.values).to.have.length(10);
  },
);
