import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { Ratio } from '../../lib/core/ratio.js';
import { readRawGpio } from '../../lib/gpio/readRawGpio.js';
import { encodeRawGpio, writeRawGpio, type RawGpioFile, type RawGpioPacket } from '../synthetic/writeRawGpio.js';
import type { JsonValue } from '../../lib/json/jsonValue.js';
import { useTempDir } from '../helpers/tempDir.js';
import { packetsOf, parseFile, rejection } from './gpioTestKit.js';

const NO_STREAM = 'Failed to find the beginning of the data stream and parse the file.';
const packets: RawGpioPacket[] = [
  { kind: 'bncSync', tsc: 500n, value: 1 },
  { kind: 'bncSync', tsc: 2500n, value: 0 },
];
const captureAll: RawGpioPacket = {
  kind: 'captureAll',
  tsc: 10n,
  digital: 0xff_00ff,
  bnc: [0, 0, 0, 0],
  exLed: 10,
  ogLed: 20,
  diLed: 30,
  eFocus: 0,
  trigSync: 0,
};
const header = (extras?: NonNullable<RawGpioFile['header']>['extras']): RawGpioFile['header'] =>
  extras === undefined
    ? { startNum: 1589970802786n, startDen: 1000n, utcOffset: -25200 }
    : { startNum: 1589970802786n, startDen: 1000n, utcOffset: -25200, extras };

describe('readRawGpio header and session', () => {
  const dir = useTempDir();
  let n = 0;
  const read = async (file: RawGpioFile) => {
    const path = dir.file(`header${n++}.gpio`);
    await writeRawGpio(path, file);
    return parseFile(path, readRawGpio);
  };

  it('starts a header-less (alpha) file at the epoch with no extra properties', async () => {
    const model = await read({ packets });
    expect(model.start.secsSinceEpoch.equals(new Ratio(0n))).to.equal(true);
    expect(model.start.utcOffset).to.equal(0);
    expect(model.extraProperties).to.equal(null);
  });

  it('takes the start time and UTC offset from a 32-byte header without extras', async () => {
    const model = await read({ header: header(), packets });
    expect(model.start.secsSinceEpoch.toString()).to.equal('1589970802786/1000');
    expect(model.start.utcOffset).to.equal(-25200);
    expect(packetsOf(model, 'BNC Sync Output')).to.deep.equal([[0, 1], [2000, 0], [2000, 0]]);
  });

  it('reads header extras with a session before the events and adds firstTsc to it', async () => {
    const session = { adMode: 'ad', ad: { clock: 2000 }, name: 'x' };
    const model = await read({ header: header({ fileFormat: 0n, session }), packets });
    expect(model.extraProperties).to.deep.equal({ ...session, firstTsc: 500 });
    expect(model.signalSteps.map(String)).to.deep.equal(['1/2000']);
    // 2001 µs at 2 kHz: ceil(4.002) = 5 samples.
    expect(model.end.secsSinceEpoch.sub(model.start.secsSinceEpoch).equals(new Ratio(5n, 2000n))).to.equal(true);
  });

  it('reads a session placed after the events', async () => {
    const model = await read({ header: header({ fileFormat: 0n, session: { a: 1 }, sessionPlacement: 'afterEvents' }), packets });
    expect(model.extraProperties).to.deep.equal({ a: 1, firstTsc: 500 });
  });

  const clockCases: [string, JsonValue, string][] = [
    ['session[adMode].clock', { adMode: 'fast', fast: { clock: 4000 }, ad: { clock: 2000 } }, '1/4000'],
    ['ad.clock without adMode', { ad: { clock: 2000 }, autoAd: { clock: 3000 } }, '1/2000'],
    ['autoAd.clock without ad', { autoAd: { clock: 3000 } }, '1/3000'],
    ['1000 Hz when no clock is given', { other: 1 }, '1/1000'],
    ['1000 Hz when adMode names a missing key (no fallback to ad)', { adMode: 'gone', ad: { clock: 2000 } }, '1/1000'],
  ];
  for (const [what, session, period] of clockCases) {
    it(`looks up the AD clock: ${what}`, async () => {
      const model = await read({ header: header({ fileFormat: 0n, session }), packets });
      expect(model.signalSteps.map(String)).to.deep.equal([period]);
    });
  }

  it('renames EX-LED and OG-LED for a dual-colour microscope', async () => {
    const session = { microscope: { dualColor: { enabled: true } } };
    const model = await read({ header: header({ fileFormat: 0n, session }), packets: [captureAll] });
    expect(model.channelNames.slice(20, 23)).to.deep.equal(['EX-LED1', 'EX-LED2', 'DI-LED']);
  });

  it('keeps LED names when dual colour is disabled', async () => {
    const session = { microscope: { dualColor: { enabled: false } } };
    const model = await read({ header: header({ fileFormat: 0n, session }), packets: [captureAll] });
    expect(model.channelNames.slice(20, 23)).to.deep.equal(['EX-LED', 'OG-LED', 'DI-LED']);
  });

  it('emits only GPO 0-3 in a closed-loop file and renames GPI 4-7 to SoftTrig-1..4 when a session exists', async () => {
    const model = await read({ header: header({ fileFormat: 240n, session: {} }), packets: [captureAll] });
    expect(model.channelNames.slice(0, 12)).to.deep.equal([
      'Digital GPI 0',
      'Digital GPI 1',
      'Digital GPI 2',
      'Digital GPI 3',
      'SoftTrig-1',
      'SoftTrig-2',
      'SoftTrig-3',
      'SoftTrig-4',
      'Digital GPO 0',
      'Digital GPO 1',
      'Digital GPO 2',
      'Digital GPO 3',
    ]);
    expect(model.channelNames).to.have.length(22);
  });

  it('does not rename in a closed-loop file without a session', async () => {
    const model = await read({ header: header({ fileFormat: 240n }), packets: [captureAll] });
    expect(model.channelNames[4]).to.equal('Digital GPI 4');
    expect(model.channelNames).to.have.length(22);
  });

  it('ignores a session that does not parse: no extra properties, 1 kHz, no renames', async () => {
    const model = await read({ header: header({ fileFormat: 240n, sessionText: '{"ad": {"clock": 2000}, garbage' }), packets: [captureAll] });
    expect(model.extraProperties).to.equal(null);
    expect(model.signalSteps[0]!.toString()).to.equal('1/1000');
    expect(model.channelNames[4]).to.equal('Digital GPI 4');
  });

  it('ignores a session nested 100,000 levels deep as one that does not parse, without a stack overflow', async () => {
    const sessionText = `{"ad": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const model = await read({ header: header({ fileFormat: 240n, sessionText }), packets: [captureAll] });
    expect(model.extraProperties).to.equal(null);
    expect(model.signalSteps[0]!.toString()).to.equal('1/1000');
  });

  it('keeps the extra properties but skips renames after a malformed dual-colour entry', async () => {
    const session = { ad: { clock: 2000 }, microscope: { dualColor: { enabled: 'yes' } } };
    const model = await read({ header: header({ fileFormat: 240n, session }), packets: [captureAll] });
    expect(model.extraProperties).to.deep.equal({ ...session, firstTsc: 10 });
    expect(model.signalSteps[0]!.toString()).to.equal('1/2000');
    expect(model.channelNames[4]).to.equal('Digital GPI 4');
  });

  it('rejects a file without any sync word with E_CORRUPT', async () => {
    const path = dir.file('nosync.gpio');
    // Header, zero extras (no session), then 32 bytes without a sync word.
    await writeFile(path, encodeRawGpio({ header: header(), packets: [{ kind: 'bytes', bytes: new Uint8Array(48) }] }));
    const error = await rejection(parseFile(path, readRawGpio));
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.message).to.equal(`${path}: ${NO_STREAM}`);
  });

  it('rejects an empty file with E_CORRUPT', async () => {
    const path = dir.file('empty.gpio');
    await writeFile(path, new Uint8Array(0));
    expect((await rejection(parseFile(path, readRawGpio))).message).to.equal(`${path}: ${NO_STREAM}`);
  });

  it('rejects a header cut short with E_TRUNCATED', async () => {
    const path = dir.file('shortheader.gpio');
    await writeFile(path, encodeRawGpio({ header: header(), packets }).subarray(0, 20));
    const error = await rejection(parseFile(path, readRawGpio));
    expect(error.code).to.equal('E_TRUNCATED');
    expect(error.message).to.equal(`${path}: GPIO file header needs 32 bytes at offset 0; file ends at 20 (truncated?)`);
  });

  it('rejects header extras cut short with E_TRUNCATED', async () => {
    const path = dir.file('shortextras.gpio');
    await writeFile(path, encodeRawGpio({ header: header({ fileFormat: 1n }), packets: [] }).subarray(0, 40));
    const error = await rejection(parseFile(path, readRawGpio));
    expect(error.code).to.equal('E_TRUNCATED');
    expect(error.offset).to.equal(32);
  });

  it('rejects an event data offset past the end of the file with E_TRUNCATED', async () => {
    const path = dir.file('eventoffset.gpio');
    const bytes = encodeRawGpio({ header: header(), packets });
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(20, 0xffff_fff0, true);
    await writeFile(path, bytes);
    const error = await rejection(parseFile(path, readRawGpio));
    expect(error.code).to.equal('E_TRUNCATED');
    expect(error.message).to.equal(
      `${path}: event data offset 4294967280 (declared at offset 20) is past the end of the file at ${bytes.byteLength} (truncated?)`,
    );
  });

  it('rejects a session offset beyond 2^53 with E_TRUNCATED instead of overflowing', async () => {
    const path = dir.file('sessionoffset.gpio');
    const bytes = encodeRawGpio({ header: header({ fileFormat: 0n, session: {} }), packets });
    new DataView(bytes.buffer, bytes.byteOffset).setBigUint64(40, 0xffff_ffff_ffff_fff0n, true);
    await writeFile(path, bytes);
    const error = await rejection(parseFile(path, readRawGpio));
    expect(error.code).to.equal('E_TRUNCATED');
    expect(error.offset).to.equal(40);
  });

  it('rejects a start time with a zero denominator with E_CORRUPT', async () => {
    const path = dir.file('zeroden.gpio');
    await writeFile(path, encodeRawGpio({ header: { startNum: 5n, startDen: 0n }, packets }));
    const error = await rejection(parseFile(path, readRawGpio));
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.offset).to.equal(8);
  });
});
