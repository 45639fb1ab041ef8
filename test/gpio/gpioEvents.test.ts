import { expect } from 'chai';
import { readRawGpio } from '../../lib/gpio/readRawGpio.js';
import { writeRawGpio, type RawGpioFile, type RawGpioPacket } from '../synthetic/writeRawGpio.js';
import { useTempDir } from '../helpers/tempDir.js';
import { CAPTURE_ALL_ORDER, packetsOf, parseFile } from './gpioTestKit.js';

const captureAll: RawGpioPacket = {
  kind: 'captureAll',
  tsc: 1000n,
  digital: 0b1010_0101 | (0b0011_0110 << 16),
  bnc: [17, 31, 32, 65535],
  exLed: 123,
  ogLed: 5,
  diLed: 0,
  eFocus: 300,
  trigSync: 0b10,
};

describe('readRawGpio event types', () => {
  const dir = useTempDir();
  let n = 0;
  const read = async (file: RawGpioFile) => {
    const path = dir.file(`events${n++}.gpio`);
    await writeRawGpio(path, file);
    return parseFile(path, readRawGpio);
  };
  const first = (model: Awaited<ReturnType<typeof read>>, name: string) => packetsOf(model, name)[0];

  it('gives a CAPTURE_ALL file 26 channels in the order of spec 9.3', async () => {
    const model = await read({ packets: [captureAll] });
    expect(model.channelNames).to.deep.equal(CAPTURE_ALL_ORDER);
    expect(model.channelNames.indexOf('e-focus')).to.equal(23);
    expect(model.channelNames.indexOf('BNC Sync Output')).to.equal(24);
  });

  it('converts every CAPTURE_ALL field: bits to 0/1, BNC levels to multiples of 16, LED power / 10, e-focus raw', async () => {
    const model = await read({ packets: [captureAll] });
    const gpi = [1, 0, 1, 0, 0, 1, 0, 1];
    const gpo = [0, 1, 1, 0, 1, 1, 0, 0];
    gpi.forEach((v, i) => expect(first(model, `Digital GPI ${i}`)).to.deep.equal([0, v]));
    gpo.forEach((v, i) => expect(first(model, `Digital GPO ${i}`)).to.deep.equal([0, v]));
    expect([1, 2, 3, 4].map((g) => first(model, `GPIO-${g}`)![1])).to.deep.equal([16, 16, 32, 65520]);
    expect(first(model, 'EX-LED')![1]).to.equal(Math.fround(12.3));
    expect(first(model, 'OG-LED')![1]).to.equal(0.5);
    expect(first(model, 'DI-LED')![1]).to.equal(0);
    expect(first(model, 'e-focus')![1]).to.equal(300);
    expect(first(model, 'BNC Sync Output')![1]).to.equal(0);
    expect(first(model, 'BNC Trigger Input')![1]).to.equal(1);
  });

  it('reads CAPTURE_GPIO as GPI bits, the whole trigger value and quantised BNC levels', async () => {
    const model = await read({ packets: [{ kind: 'captureGpio', tsc: 5n, digital: 0x1ff, bncTrigger: 7, bnc: [15, 16, 47, 48] }] });
    expect(model.channelNames).to.deep.equal([
      ...CAPTURE_ALL_ORDER.slice(0, 8),
      'BNC Trigger Input',
      'GPIO-1',
      'GPIO-2',
      'GPIO-3',
      'GPIO-4',
    ]);
    expect(Array.from(model.values.slice(0, 13))).to.deep.equal([1, 1, 1, 1, 1, 1, 1, 1, 7, 0, 16, 32, 48]);
  });

  it('reads the single-channel types with their conversions', async () => {
    const model = await read({
      packets: [
        { kind: 'bncGpio', gpio: 3, tsc: 10n, value: 100 },
        { kind: 'digitalGpio', tsc: 20n, digital: 0x102 },
        { kind: 'led', led: 'og', tsc: 30n, power: 0x1_0064 },
        { kind: 'led', led: 'ex', tsc: 31n, power: 7 },
        { kind: 'led', led: 'di', tsc: 32n, power: 65535 },
        { kind: 'frameCount', tsc: 40n, fc: 42 },
        { kind: 'bncTrigger', tsc: 50n, value: 5 },
        { kind: 'bncSync', tsc: 60n, value: 9 },
        { kind: 'waveform', bufferNum: 1, count: 2 },
      ],
    });
    expect(model.channelNames).to.deep.equal([
      'GPIO-3',
      ...CAPTURE_ALL_ORDER.slice(0, 8),
      'OG-LED',
      'EX-LED',
      'DI-LED',
      'Frame Count',
      'BNC Trigger Input',
      'BNC Sync Output',
    ]);
    expect(first(model, 'GPIO-3')).to.deep.equal([0, 96]);
    expect(first(model, 'Digital GPI 1')).to.deep.equal([10, 1]);
    expect(first(model, 'Digital GPI 0')).to.deep.equal([10, 0]);
    expect(first(model, 'OG-LED')).to.deep.equal([20, 10]);
    expect(first(model, 'EX-LED')).to.deep.equal([21, Math.fround(0.7)]);
    expect(first(model, 'DI-LED')).to.deep.equal([22, 6553.5]);
    expect(first(model, 'Frame Count')).to.deep.equal([30, 42]);
    expect(first(model, 'BNC Trigger Input')).to.deep.equal([40, 5]);
    expect(first(model, 'BNC Sync Output')).to.deep.equal([50, 9]);
  });

  it('takes the tsc from both 32-bit halves of the count block', async () => {
    const model = await read({ packets: [{ kind: 'bncSync', tsc: 0x1_0000_0005n, value: 1 }, { kind: 'bncSync', tsc: 0x1_0000_0105n, value: 0 }] });
    expect(packetsOf(model, 'BNC Sync Output')).to.deep.equal([[0, 1], [256, 0], [256, 0]]);
    expect(model.extraProperties).to.equal(null);
  });
});
