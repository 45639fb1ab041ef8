import { expect } from 'chai';
import { readFile, writeFile } from 'node:fs/promises';
import { Ratio } from '../../lib/core/ratio.js';
import { Time } from '../../lib/core/time.js';
import { Timing } from '../../lib/core/timing.js';
import { EventSet } from '../../lib/events/eventSet.js';
import { GpioSet } from '../../lib/gpio/gpioSet.js';
import { writeEventModel } from '../../lib/events/writeEventModel.js';
import { writeV1EventFile, type V1Packet } from '../synthetic/writeV1.js';
import type { JsonObject } from '../../lib/json/jsonValue.js';
import { rewriteFooter } from '../helpers/isxdFiles.js';
import { useTempDir } from '../helpers/tempDir.js';
import { asNumbers, rejection } from './eventFixtures.js';

const START_US = 1_600_000_000_000_000n;
const timing = new Timing({
  numSamples: 100,
  period: new Ratio(1n, 1000n),
  start: Time.fromMicros(START_US),
  dropped: [7, 3],
});

function packet(offsetUs: number, value: number, state: 0 | 1): V1Packet {
  return { timeUs: START_US + BigInt(offsetUs), value, state };
}

describe('V1 (legacy) event-based files', () => {
  const dir = useTempDir();

  it('reads a digital GPIO file: state when the magnitude is 0, else magnitude times state', async () => {
    const path = dir.file('gpio-v1.isxd');
    await writeV1EventFile(path, {
      type: 3,
      fileVersion: 1,
      analog: false,
      timing,
      channels: [{ name: 'GPIO1', packets: [packet(0, 0, 1), packet(1000, 0, 0), packet(2000, 2.5, 1), packet(3000, 2.5, 0)] }],
    });
    await using set = await GpioSet.read(path);
    expect(set.fileLayout).to.equal('V1');
    expect(set.kind).to.equal('gpio');
    const data = await set.getChannelData(0);
    expect(asNumbers(data.offsets)).to.deep.equal([0, 1000, 2000, 3000]);
    expect(Array.from(data.values)).to.deep.equal([1, 0, 2.5, 0]);
  });

  it('uses the stored timing info, dropped samples included', async () => {
    const path = dir.file('timing-v1.isxd');
    await writeV1EventFile(path, { type: 3, fileVersion: 1, timing, channels: [{ name: 'GPIO1', packets: [] }] });
    await using set = await GpioSet.read(path);
    expect(set.timing.numSamples).to.equal(100);
    expect(set.timing.dropped).to.deep.equal([3, 7]);
    expect(set.signalSteps.map(String)).to.deep.equal(['1/1000']);
    expect(set.signalTypes).to.deep.equal([0]);
  });

  it('reads a V1 event set with amplitudes and sorted, collapsed events', async () => {
    const path = dir.file('events-v1.isxd');
    await writeV1EventFile(path, {
      type: 5,
      fileVersion: 1,
      analog: false,
      timing,
      channels: [
        { name: 'C0', packets: [packet(5000, 4.25, 1), packet(1000, 3, 1), packet(5000, 6, 1)] },
        { name: 'C1', packets: [packet(2000, 1.5, 1)] },
      ],
    });
    await using set = await EventSet.read(path);
    expect(set.fileLayout).to.equal('V1');
    expect(set.cellNames).to.deep.equal(['C0', 'C1']);
    expect(set.numPackets).to.equal(4);
    const c0 = await set.getCellData(0);
    expect(asNumbers(c0.offsets)).to.deep.equal([1000, 5000]);
    expect(Array.from(c0.amplitudes)).to.deep.equal([3, 6]);
    expect(set.getMetrics(0)).to.equal(null);
  });

  it('orders channels by the bytes of their names, not by block or key order', async () => {
    const path = dir.file('sorted-v1.isxd');
    const names = ['9', 'GPIO_b', '10', 'GPIO_B'];
    await writeV1EventFile(path, {
      type: 3,
      fileVersion: 1,
      timing,
      channels: names.map((name, i) => ({ name, packets: [packet(i * 1000, 1, 1)] })),
    });
    await using set = await GpioSet.read(path);
    expect(set.channelNames).to.deep.equal(['10', '9', 'GPIO_B', 'GPIO_b']);
    expect(asNumbers((await set.getChannelData(3)).offsets)).to.deep.equal([1000]);
  });

  it('treats a version 0 file with a GPIO4_AI channel as analog: values are magnitudes', async () => {
    const path = dir.file('analog-v0.isxd');
    await writeV1EventFile(path, {
      type: 3,
      fileVersion: 0,
      timing,
      channels: [
        { name: 'GPIO1', packets: [packet(0, 1, 1)] },
        { name: 'GPIO4_AI', packets: [packet(0, 0.75, 0), packet(1000, 1.25, 1)] },
      ],
    });
    await using set = await GpioSet.read(path);
    expect(Array.from((await set.getChannelData(1)).values)).to.deep.equal([0.75, 1.25]);
    expect(Array.from((await set.getChannelData(0)).values)).to.deep.equal([1]);
    expect(set.signalTypes).to.deep.equal([1, 1]);
  });

  it('counts packets to the payload end when an analog channel declares 0 packets', async () => {
    const path = dir.file('analog-count.isxd');
    await writeV1EventFile(path, {
      type: 3,
      fileVersion: 1,
      analog: true,
      timing,
      channels: [{ name: 'GPIO4_AI', packets: [packet(0, 0.5, 1), packet(1000, 0.25, 1), packet(2000, 0.125, 1)], declaredCount: 0 }],
    });
    await using set = await GpioSet.read(path);
    expect(set.numPackets).to.equal(3);
    expect(Array.from((await set.getChannelData(0)).values)).to.deep.equal([0.5, 0.25, 0.125]);
  });

  it('reads no packets when a digital channel declares 0 packets', async () => {
    const path = dir.file('digital-count.isxd');
    await writeV1EventFile(path, {
      type: 3,
      fileVersion: 1,
      analog: false,
      timing,
      channels: [{ name: 'GPIO1', packets: [packet(0, 1, 1)], declaredCount: 0 }],
    });
    await using set = await GpioSet.read(path);
    expect(set.numPackets).to.equal(0);
  });

  it('converts to a V2 model with offsets after the start, which reads back the same', async () => {
    const v1 = dir.file('convert-v1.isxd');
    const v2 = dir.file('convert-v2.isxd');
    await writeV1EventFile(v1, {
      type: 3,
      fileVersion: 1,
      timing,
      channels: [
        { name: 'A', packets: [packet(3000, 2, 1), packet(1000, 1, 1)] },
        { name: 'B', packets: [packet(0, 0, 0)] },
      ],
    });
    await using old = await GpioSet.read(v1);
    const model = await old.toModel();
    expect(asNumbers(model.offsetsUs)).to.deep.equal([3000, 1000, 0]);
    expect(Array.from(model.channels)).to.deep.equal([0, 0, 1]);
    expect(model.end.equals(timing.end)).to.equal(true);
    await writeEventModel(v2, model);
    await using fresh = await GpioSet.read(v2);
    expect(fresh.timing.numSamples).to.equal(100);
    for (let c = 0; c < 2; c++) expect(await fresh.getChannelData(c)).to.deep.equal(await old.getChannelData(c));
  });

  it('rejects a packet before the timing start as isx does', async () => {
    const path = dir.file('negative-v1.isxd');
    await writeV1EventFile(path, { type: 3, fileVersion: 1, timing, channels: [{ name: 'GPIO1', packets: [packet(-1, 1, 1)] }] });
    await using set = await GpioSet.read(path);
    const error = await rejection(set.getChannelData(0));
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.message).to.equal(`${path}: Found negative offset for event 0: it lies before the set's start`);
  });

  it('rejects a channel that declares more packets than the payload holds', async () => {
    const path = dir.file('overlong-v1.isxd');
    await writeV1EventFile(path, {
      type: 3,
      fileVersion: 1,
      timing,
      channels: [{ name: 'GPIO1', packets: [packet(0, 1, 1)], declaredCount: 5 }],
    });
    const error = await rejection(GpioSet.read(path));
    expect(error.code).to.equal('E_CORRUPT');
    const headerBytes = Buffer.byteLength(
      JSON.stringify({ channel: 'GPIO1', mode: 'Input', 'GPIO Trigger/Follow': 'None', 'Number of Packets': 5 }),
    );
    expect(error.message).to.equal(
      `${path}: channel "GPIO1": 5 packets of 16 bytes at offset ${headerBytes + 1} need 80 bytes; the payload ends at ${headerBytes + 17}`,
    );
  });

  it('rejects a V1 file of type 7 in the words of isx', async () => {
    const path = dir.file('imu-v1.isxd');
    await writeV1EventFile(path, { type: 3, fileVersion: 1, timing, channels: [] });
    const bytes = await readFile(path);
    // Same length, so the trailer stays valid: "type": 3 → "type": 7.
    await writeFile(path, Buffer.from(bytes.toString('latin1').replace('"type": 3', '"type": 7'), 'latin1'));
    const error = await rejection(GpioSet.read(path));
    expect(error.code).to.equal('E_KIND');
    expect(error.message).to.contain('Expected type to be GPIO or EVENTS. Instead got 7.');
  });

  it('refuses channels that share one block instead of reading it once per channel', async () => {
    const path = dir.file('shared-v1.isxd');
    const packets = Array.from({ length: 1000 }, (_, k) => packet(k * 1000, k % 2, 1));
    await writeV1EventFile(path, { type: 3, fileVersion: 1, timing, channels: [{ name: 'GPIO1', packets }] });
    await rewriteFooter(path, (footer) => {
      const offsets = footer['channel offsets'] as JsonObject;
      for (let c = 0; c < 400; c++) offsets[`C${c}`] = offsets.GPIO1!;
    });
    const error = await rejection(GpioSet.read(path));
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.detail).to.equal('channels "C0", "C1", "C10" and 398 more share the block at offset 0');
  });

  it('ends a block where the next one starts, so an analog count of 0 cannot take in the blocks after it', async () => {
    const path = dir.file('analog-next-v1.isxd');
    await writeV1EventFile(path, {
      type: 3,
      fileVersion: 1,
      analog: true,
      timing,
      channels: [
        { name: 'A', packets: [packet(0, 1, 1), packet(1000, 2, 1)], declaredCount: 0 },
        { name: 'B', packets: [packet(0, 3, 1)] },
      ],
    });
    await using set = await GpioSet.read(path);
    expect((await set.getChannelData(0)).values).to.have.length(2);
    expect(Array.from((await set.getChannelData(1)).values)).to.deep.equal([3]);
  });
});
