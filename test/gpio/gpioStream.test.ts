import { expect } from 'chai';
import { Ratio } from '../../lib/core/ratio.js';
import { GpioSet } from '../../lib/gpio/gpioSet.js';
import { readRawGpio } from '../../lib/gpio/readRawGpio.js';
import { encodeRawGpio, writeRawGpio, type RawGpioFile, type RawGpioPacket } from '../synthetic/writeRawGpio.js';
import { useTempDir } from '../helpers/tempDir.js';
import { CAPTURE_ALL_ORDER, packetsOf, parseFile } from './gpioTestKit.js';

const NON_FRAME_CHANNELS = CAPTURE_ALL_ORDER.filter((name) => name !== 'BNC Sync Output');

const sync = (tsc: bigint, value: number, sequence?: number): RawGpioPacket =>
  sequence === undefined ? { kind: 'bncSync', tsc, value } : { kind: 'bncSync', tsc, value, sequence };

describe('readRawGpio stream semantics', () => {
  const dir = useTempDir();
  let n = 0;
  const read = async (file: RawGpioFile) => {
    const path = dir.file(`stream${n++}.gpio`);
    await writeRawGpio(path, file);
    return parseFile(path, readRawGpio);
  };

  it('reproduces the core test: five BNC_SYNC packets give one channel, one 1 ms sample, points {0: 0, 2: 1, 4: 0}', async () => {
    const model = await read({ packets: [0, 0, 1, 1, 0].map((v, tsc) => sync(BigInt(tsc), v)) });
    expect(model.channelNames).to.deep.equal(['BNC Sync Output']);
    const set = GpioSet.fromModel('core.gpio', model);
    expect(set.timing.numSamples).to.equal(1);
    expect(set.timing.period.equals(new Ratio(1n, 1000n))).to.equal(true);
    expect(set.timing.start.secsSinceEpoch.equals(new Ratio(0n))).to.equal(true);
    const data = await set.getChannelData(0);
    expect(Array.from(data.offsets, Number)).to.deep.equal([0, 2, 4]);
    expect(Array.from(data.values)).to.deep.equal([0, 1, 0]);
  });

  it('emits a packet only when the channel value changes, then every last value at the last timestamp', async () => {
    const model = await read({ packets: [sync(10n, 1), sync(11n, 1), sync(12n, 1), { kind: 'bncTrigger', tsc: 13n, value: 4 }, sync(14n, 1)] });
    expect(packetsOf(model, 'BNC Sync Output')).to.deep.equal([[0, 1], [4, 1]]);
    expect(packetsOf(model, 'BNC Trigger Input')).to.deep.equal([[3, 4], [4, 4]]);
  });

  it('writes the closing values in internal channel order after all other packets', async () => {
    const model = await read({ packets: [sync(10n, 1), { kind: 'bncTrigger', tsc: 20n, value: 4 }] });
    // Indices: BNC Sync Output 0, BNC Trigger Input 1; internal order puts the trigger first.
    expect(Array.from(model.channels)).to.deep.equal([0, 1, 1, 0]);
    expect(Array.from(model.offsetsUs, Number)).to.deep.equal([0, 10, 10, 10]);
  });

  it('marks a sequence gap with NaN at lastTimestamp + 1 on every channel but Frame Count, creating channels in internal order', async () => {
    const model = await read({
      packets: [{ kind: 'frameCount', tsc: 100n, fc: 1, sequence: 0 }, sync(100n, 1, 1), sync(200n, 1, 2), sync(300n, 0, 4)],
    });
    expect(model.channelNames).to.deep.equal(['Frame Count', 'BNC Sync Output', ...NON_FRAME_CHANNELS]);
    expect(packetsOf(model, 'BNC Sync Output').map(String)).to.deep.equal(['0,1', '101,NaN', '200,0', '200,0']);
    expect(packetsOf(model, 'Digital GPO 7').map(String)).to.deep.equal(['101,NaN', '200,NaN']);
    expect(packetsOf(model, 'Frame Count')).to.deep.equal([[0, 1], [200, 1]]);
  });

  it('does not treat the wrap-around from 0xFFFFFFFF to 0 as a gap', async () => {
    const model = await read({ firstSequence: 0xfffffffe, packets: [sync(1n, 1), sync(2n, 0), sync(3n, 1)] });
    expect(model.channelNames).to.deep.equal(['BNC Sync Output']);
    expect(packetsOf(model, 'BNC Sync Output')).to.deep.equal([[0, 1], [1, 0], [2, 1], [2, 1]]);
  });

  it('counts skipped event packets in the sequence (wrong size, unknown 0x40xx type) but not non-event packets', async () => {
    const clean = await read({
      packets: [
        sync(1n, 1, 0),
        { kind: 'other', type: 0x400d, payloadWords: 5, sequence: 1 },
        { kind: 'other', type: 0x40ff, payloadWords: 0, sequence: 2 },
        sync(2n, 0, 3),
      ],
    });
    expect(clean.channelNames).to.deep.equal(['BNC Sync Output']);
    const gap = await read({ packets: [sync(1n, 1, 0), { kind: 'other', type: 0x1234, payloadWords: 0, sequence: 1 }, sync(2n, 0, 2)] });
    expect(gap.channelNames).to.have.length(26);
  });

  it('resumes scanning right after the header of a packet with a wrong payload size, without consuming its payload', async () => {
    const inner = encodeRawGpio({ packets: [sync(7n, 1, 1)] });
    const model = await read({ packets: [{ kind: 'other', type: 0x400d, payloadWords: 9, payload: inner, sequence: 0 }, sync(9n, 0, 2)] });
    expect(packetsOf(model, 'BNC Sync Output')).to.deep.equal([[0, 1], [2, 0], [2, 0]]);
  });

  it('consumes nothing for unknown 0x40xx types and skips non-event packets after their 12-byte header', async () => {
    const inner = encodeRawGpio({ packets: [sync(7n, 1, 1)] });
    const unknown = await read({ packets: [{ kind: 'other', type: 0x400f, payloadWords: 4, payload: inner, sequence: 0 }] });
    expect(packetsOf(unknown, 'BNC Sync Output')).to.deep.equal([[0, 1], [0, 1]]);
    const foreign = await read({ packets: [{ kind: 'other', type: 0x2001, payloadWords: 4, payload: inner, sequence: 0 }] });
    expect(packetsOf(foreign, 'BNC Sync Output')).to.deep.equal([[0, 1], [0, 1]]);
  });

  it('finds sync words only on 4-byte steps from the event data offset', async () => {
    const inner = encodeRawGpio({ packets: [sync(7n, 1)] });
    const model = await read({
      packets: [sync(5n, 0), { kind: 'bytes', bytes: Uint8Array.of(0x55, 0xaa, 0, 0, 0x55) }, { kind: 'bytes', bytes: inner }],
    });
    // The misaligned copy of the packet is invisible; the aligned first packet and its closing value remain.
    expect(packetsOf(model, 'BNC Sync Output')).to.deep.equal([[0, 0], [0, 0]]);
  });

  it('ends the stream at a packet cut off by the end of the file', async () => {
    const whole = encodeRawGpio({ packets: [sync(1n, 1), sync(5n, 0)] });
    const path = dir.file('cut.gpio');
    await writeRawGpio(path, { packets: [{ kind: 'bytes', bytes: whole.subarray(0, whole.byteLength - 4) }] });
    const model = await parseFile(path, readRawGpio);
    expect(packetsOf(model, 'BNC Sync Output')).to.deep.equal([[0, 1], [0, 1]]);
  });

  it('sizes the set timing as ceil((last - first + 1) µs / period) from the header start', async () => {
    const model = await read({ header: { startNum: 1589970802786n, startDen: 1000n }, packets: [sync(5000n, 1), sync(7500n, 0)] });
    // 2501 µs at 1 kHz: 3 samples.
    expect(model.end.secsSinceEpoch.sub(model.start.secsSinceEpoch).equals(new Ratio(3n, 1000n))).to.equal(true);
    expect(model.signalSteps.map(String)).to.deep.equal(['1/1000']);
    expect(model.signalTypes).to.deep.equal([0]);
  });
});
