import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { Ratio } from '../../lib/core/ratio.js';
import { readNvokeRaw } from '../../lib/nvoke/readNvokeRaw.js';
import { readNvokeTimeUs } from '../../lib/nvoke/nvokePackets.js';
import { encodeNvokeRaw, writeNvokeRaw, type NvokeRawPacket } from '../synthetic/writeNvokeRaw.js';
import { useTempDir } from '../helpers/tempDir.js';
import { packetsOf, parseFile, rejection } from '../gpio/gpioTestKit.js';

const T = 1_589_970_802_123_456n;
const SAMPLES = [0, 65535, 6553, 1, 2, 3, 4, 5, 6, 32768];
const everyKind: NvokeRawPacket[] = [
  { kind: 'bytes', bytes: Uint8Array.of(0x12, 0x55, 0x55) },
  { kind: 'sync' },
  { kind: 'digital', channel: 'GPIO1', high: true, timeUs: T },
  { kind: 'digital', channel: 'SYNC', high: false, timeUs: T + 10n },
  { kind: 'bytes', bytes: Uint8Array.of(0x99) },
  { kind: 'led', channel: 'EX_LED', power: 255, state: 1, timeUs: T + 20n },
  { kind: 'led', channel: 'OG_LED', power: 100, state: 2, timeUs: T + 30n },
  { kind: 'sync' },
  { kind: 'led', channel: 'DI_LED', power: 101, state: 3, timeUs: T + 40n },
  { kind: 'analog', maxPower: [0x80, 0x7f], samples: SAMPLES, timeUs: T + 50n },
  { kind: 'led', channel: 'EX_LED', power: 255, state: 0, timeUs: T + 9100n },
  { kind: 'digital', channel: 'TRIG', high: true, timeUs: T + 9200n },
];

describe('readNvokeRaw', () => {
  const dir = useTempDir();
  let n = 0;
  const read = async (packets: NvokeRawPacket[]) => {
    const path = dir.file(`nvoke${n++}.raw`);
    await writeNvokeRaw(path, packets);
    return parseFile(path, readNvokeRaw);
  };

  it('names channels by first appearance after the first sync packet', async () => {
    const model = await read(everyKind);
    expect(model.channelNames).to.deep.equal(['GPIO1', 'SYNC', 'EX_LED', 'OG_LED', 'DI_LED', 'GPIO4_AI', 'TRIG']);
  });

  it('reads digital states from bit 7 and LED power only when on or ramping down', async () => {
    const model = await read(everyKind);
    expect(packetsOf(model, 'GPIO1')).to.deep.equal([[0, 1]]);
    expect(packetsOf(model, 'SYNC')).to.deep.equal([[10, 0]]);
    expect(packetsOf(model, 'TRIG')).to.deep.equal([[9200, 1]]);
    expect(packetsOf(model, 'EX_LED')).to.deep.equal([[20, 25.5], [9100, 0]]);
    expect(packetsOf(model, 'OG_LED')).to.deep.equal([[30, 0]]);
    expect(packetsOf(model, 'DI_LED')).to.deep.equal([[40, Math.fround(10.1)]]);
  });

  it('spreads the ten GPIO4_AI samples 1 ms apart, scaled by raw / 655360 · maxPower', async () => {
    const model = await read(everyKind);
    const expected = SAMPLES.map((raw, k) => [50 + 1000 * k, Math.fround((raw / 655360) * 255)]);
    expect(packetsOf(model, 'GPIO4_AI')).to.deep.equal(expected);
  });

  it('marks GPIO4_AI and LEDs that ramped as dense and the others sparse', async () => {
    const model = await read(everyKind);
    expect(model.signalTypes).to.deep.equal([0, 0, 0, 1, 1, 1, 0]);
  });

  it('starts at the first packet time in µs and spans ceil((last − first + 1) / 1 ms) samples', async () => {
    const model = await read(everyKind);
    expect(model.start.secsSinceEpoch.toString()).to.equal(`${T}/1000000`);
    // The last packet is TRIG at +9200 µs: ceil(9201 / 1000) = 10 samples.
    expect(model.end.secsSinceEpoch.sub(model.start.secsSinceEpoch).equals(new Ratio(10n, 1000n))).to.equal(true);
    expect(model.signalSteps.every((s) => s.toString() === '1/1000')).to.equal(true);
    expect(model.extraProperties).to.equal(null);
  });

  it('decodes big-endian seconds and keeps only the low nibble of the first microsecond byte', () => {
    const bytes = Uint8Array.of(0x90, 0x00, 0x00, 0x01, 0xf1, 0x02, 0x03);
    expect(readNvokeTimeUs(bytes, 0)).to.equal(0x9000_0001n * 1_000_000n + 0x010203n);
  });

  it('stops at a packet cut off by the end of the file', async () => {
    const whole = encodeNvokeRaw([{ kind: 'sync' }, { kind: 'digital', channel: 'GPIO2', high: true, timeUs: T }, { kind: 'digital', channel: 'GPIO3', high: true, timeUs: T + 5n }]);
    const path = dir.file('cut.raw');
    await writeFile(path, whole.subarray(0, whole.byteLength - 1));
    const model = await parseFile(path, readNvokeRaw);
    expect(model.channelNames).to.deep.equal(['GPIO2']);
  });

  it('refuses an nVista raw movie (FE FF FF FF) with E_UNSUPPORTED', async () => {
    const path = dir.file('nvista.raw');
    await writeFile(path, Buffer.concat([Uint8Array.of(0xfe, 0xff, 0xff, 0xff), encodeNvokeRaw(everyKind)]));
    const error = await rejection(parseFile(path, readNvokeRaw));
    expect(error.code).to.equal('E_UNSUPPORTED');
    expect(error.message).to.equal(
      `${path}: Tried to read an nVoke GPIO raw file, but this looks like an nVista raw recording file, which is not supported.`,
    );
  });

  it('rejects a file without the 7-byte sync packet with E_CORRUPT', async () => {
    const path = dir.file('nosync.raw');
    await writeFile(path, Uint8Array.of(0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x5c, 1, 2, 3));
    const error = await rejection(parseFile(path, readNvokeRaw));
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.message).to.equal(`${path}: Failed to find the beginning of the data stream and parse the file.`);
  });
});
