import { expect } from 'chai';
import { readFile, writeFile } from 'node:fs/promises';
import { EventSet } from '../../lib/events/eventSet.js';
import { GpioSet } from '../../lib/gpio/gpioSet.js';
import { writeEventModel } from '../../lib/events/writeEventModel.js';
import { useTempDir } from '../helpers/tempDir.js';
import { encodePackets, makeModel, rejection, thrown, v2Footer, writeRawIsxd } from './eventFixtures.js';

const twoPackets = encodePackets([
  { offsetUs: 0n, signal: 0n, value: 1 },
  { offsetUs: 5n, signal: 1n, value: 2 },
]);

describe('event-based files that are not valid', () => {
  const dir = useTempDir();

  it('rejects a payload that is not a whole number of 20-byte packets', async () => {
    const path = dir.file('odd.isxd');
    await writeRawIsxd(path, Buffer.concat([twoPackets, Buffer.from([0])]), v2Footer());
    const error = await rejection(EventSet.read(path));
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.offset).to.equal(40);
    expect(error.message).to.equal(`${path}: payload is 41 bytes, not a whole number of 20-byte packets (1 bytes left over at offset 40)`);
  });

  it('rejects a packet whose signal names no channel, naming the packet offset', async () => {
    const path = dir.file('signal.isxd');
    const payload = encodePackets([
      { offsetUs: 0n, signal: 0n, value: 1 },
      { offsetUs: 5n, signal: 9n, value: 2 },
    ]);
    await writeRawIsxd(path, payload, v2Footer());
    await using set = await EventSet.read(path);
    const error = await rejection(set.getCellData(0));
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.offset).to.equal(20);
    expect(error.message).to.equal(`${path}: packet 1 at offset 20 has signal 9; the file has 2 channels`);
  });

  it('rejects a signal beyond 2^32 instead of reading its low half', async () => {
    const path = dir.file('signal-high.isxd');
    const payload = encodePackets([
      { offsetUs: 0n, signal: 2n ** 32n, value: 1 },
      { offsetUs: 5n, signal: 1n, value: 2 },
    ]);
    await writeRawIsxd(path, payload, v2Footer());
    await using set = await EventSet.read(path);
    const error = await rejection(set.getCellData(1));
    expect(error.message).to.equal(`${path}: packet 0 at offset 0 has signal 4294967296; the file has 2 channels`);
  });

  it('rejects numSamples that do not add up to the packet count', async () => {
    const path = dir.file('sum.isxd');
    await writeRawIsxd(path, twoPackets, v2Footer({ numSamples: [1, 2] }));
    const error = await rejection(EventSet.read(path));
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.message).to.equal(`${path}: footer numSamples add up to 3 packets; the payload holds 2 (40 bytes)`);
  });

  it('rejects a fileType other than absent, 0 or 1', async () => {
    const path = dir.file('filetype.isxd');
    await writeRawIsxd(path, twoPackets, v2Footer({ fileType: 2 }));
    const error = await rejection(EventSet.read(path));
    expect(error.code).to.equal('E_UNSUPPORTED');
    expect(error.message).to.equal(
      `${path}: footer key "fileType" is 2; expected absent or 0 (V1) or 1 (V2). The file is not a valid events file.`,
    );
  });

  it('rejects V2 fileVersion 0 with the explanation isx gives', async () => {
    const path = dir.file('version0.isxd');
    await writeEventModel(path, makeModel({ channelNames: ['a'], packets: [] }), { fileVersion: 0 });
    const error = await rejection(EventSet.read(path));
    expect(error.code).to.equal('E_UNSUPPORTED');
    expect(error.message).to.equal(
      `${path}: Version 0 of the new type of events file is not supported. Recreate the events file by rerunning event detection or using the API directly.`,
    );
  });

  it('rejects a truncated file at its trailer', async () => {
    const path = dir.file('truncated.isxd');
    await writeEventModel(path, makeModel({ channelNames: ['a'], packets: [{ offsetUs: 1, channel: 0, value: 1 }] }));
    const bytes = (await readFile(path)).subarray(0, 30);
    await writeFile(path, bytes);
    const declared = bytes.readBigUInt64LE(22);
    const error = await rejection(EventSet.read(path));
    expect(error.code).to.equal('E_FOOTER');
    expect(error.message).to.equal(
      `${path}: footer length ${declared} at offset 22 is larger than the 21 bytes before the trailer (not an .isxd file, or truncated?)`,
    );
  });

  it('rejects a GPIO file opened as an event set, naming the kind found', async () => {
    const path = dir.file('gpio-kind.isxd');
    await writeEventModel(path, makeModel({ type: 3, channelNames: ['a'], packets: [] }));
    const error = await rejection(EventSet.read(path));
    expect(error.code).to.equal('E_KIND');
    expect(error.message).to.equal(`${path}: footer type 3 (GPIO) is not Event Set (type 5)`);
  });

  it('rejects an event set opened as a GPIO set, naming the kind found', async () => {
    const path = dir.file('event-kind.isxd');
    await writeEventModel(path, makeModel({ type: 5, channelNames: ['a'], packets: [] }));
    const error = await rejection(GpioSet.read(path));
    expect(error.code).to.equal('E_KIND');
    expect(error.message).to.equal(`${path}: footer type 5 (Event Set) is not GPIO or IMU (type 3 or 7)`);
  });

  it('rejects a per-channel list whose length is not the channel count', async () => {
    const path = dir.file('lengths.isxd');
    await writeRawIsxd(path, twoPackets, v2Footer({ signalTypes: [0] }));
    const error = await rejection(EventSet.read(path));
    expect(error.code).to.equal('E_HEADER');
    expect(error.message).to.equal(`${path}: footer key "signalTypes" has 1 entries for 2 channels`);
  });

  it('rejects a footer without numSamples with E_HEADER', async () => {
    const path = dir.file('missing.isxd');
    const footer = v2Footer();
    delete footer.numSamples;
    await writeRawIsxd(path, twoPackets, footer);
    const error = await rejection(EventSet.read(path));
    expect(error.code).to.equal('E_HEADER');
    expect(error.message).to.equal(`${path}: footer key "numSamples": expected a value, found nothing`);
  });

  it('rejects a cell index past the end in the words of isx', async () => {
    const path = dir.file('range.isxd');
    await writeEventModel(path, makeModel({ channelNames: ['a', 'b', 'c', 'd', 'e'], packets: [] }));
    await using set = await EventSet.read(path);
    const error = await rejection(set.getCellData(7));
    expect(error.code).to.equal('E_RANGE');
    expect(error.message).to.equal(`${path}: Cell index 7 is too large. There are only 5 cells.`);
    expect(thrown(() => set.getCellName(-1)).code).to.equal('E_ARGUMENT');
  });

  it('rejects a channel index past the end of a GPIO set', async () => {
    const path = dir.file('channel-range.isxd');
    await writeEventModel(path, makeModel({ type: 3, channelNames: ['a'], packets: [] }));
    await using set = await GpioSet.read(path);
    const error = await rejection(set.getChannelData(1));
    expect(error.message).to.equal(`${path}: Channel index 1 is too large. There are only 1 channels.`);
  });

  it('finds the first of duplicate names and rejects unknown ones', async () => {
    const path = dir.file('names.isxd');
    await writeEventModel(path, makeModel({ channelNames: ['a', 'b', 'a'], packets: [] }));
    await using set = await EventSet.read(path);
    expect(set.getCellIndex('a')).to.equal(0);
    const error = thrown(() => set.getCellIndex('z'));
    expect(error.code).to.equal('E_ARGUMENT');
    expect(error.message).to.equal(`${path}: Cell with name "z" does not exist.`);
  });
});
