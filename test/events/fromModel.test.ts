import { expect } from 'chai';
import { Ratio } from '../../lib/core/ratio.js';
import { Time } from '../../lib/core/time.js';
import { GpioSet } from '../../lib/gpio/gpioSet.js';
import { MemorySource } from '../../lib/io/memorySource.js';
import { asNumbers, makeModel, thrown } from './eventFixtures.js';

describe('GpioSet.fromModel (raw files parsed in memory)', () => {
  const imuModel = makeModel({
    type: 7,
    channelNames: ['Acc x', 'Ori yaw'],
    packets: [
      { offsetUs: 0, channel: 0, value: 16384 },
      { offsetUs: 20592, channel: 0, value: -1 },
      { offsetUs: 20592, channel: 1, value: -1.5742188 },
    ],
    signalTypes: [1, 1],
    extraProperties: { name: 'imu session' },
  });

  it('multiplies the values of scaled channels and leaves the others alone', async () => {
    await using set = GpioSet.fromModel('rec.imu', imuModel, { scaleChannels: new Map([[0, 1 / 16384]]) });
    expect(Array.from((await set.getChannelData(0)).values)).to.deep.equal([1, -6.103515625e-5]);
    expect((await set.getChannelData(1)).values[0]).to.equal(Math.fround(-1.5742188));
  });

  it('keeps the stored, unscaled values in toModel', async () => {
    await using set = GpioSet.fromModel('rec.imu', imuModel, { scaleChannels: new Map([[0, 1 / 16384]]) });
    const model = await set.toModel();
    expect(Array.from(model.values)).to.deep.equal(Array.from(imuModel.values));
  });

  it('exposes kind, timing, footer metadata and acquisition info of the model', async () => {
    await using set = GpioSet.fromModel('rec.imu', imuModel);
    expect(set.kind).to.equal('imu');
    expect(set.filePath).to.equal('rec.imu');
    expect(set.timing.numSamples).to.equal(200);
    expect(set.metadata.numSamples).to.deep.equal([2, 1]);
    expect(set.metadata.fileType).to.equal(1);
    expect(set.getAcquisitionInfo()).to.deep.equal({ 'Session Name': 'imu session' });
  });

  it('reports the size of the raw file it is given as source', async () => {
    await using set = GpioSet.fromModel('rec.imu', imuModel, { source: new MemorySource('rec.imu', new Uint8Array(112)) });
    expect(set.fileSize).to.equal(112);
  });

  it('with parity converts offsets through doubles like isx', async () => {
    // start denominator 3: L = lcm(3, 10^6) = 3·10^6 and N = 3·offset (spec 6.3 quirk).
    const model = makeModel({
      type: 3,
      channelNames: ['GPIO-1'],
      packets: [
        { offsetUs: 1, channel: 0, value: 1 },
        { offsetUs: 65500103, channel: 0, value: 0 },
      ],
      start: new Time(new Ratio(1n, 3n)),
    });
    await using stored = GpioSet.fromModel('a.gpio', model);
    await using parity = GpioSet.fromModel('a.gpio', model, { parity: true });
    expect(asNumbers((await stored.getChannelData(0)).offsets)).to.deep.equal([1, 65500103]);
    const expected = [1, 65500103].map((o) => Math.trunc(((o * 3) / 3e6) * 1e6));
    expect(asNumbers((await parity.getChannelData(0)).offsets)).to.deep.equal(expected);
  });

  it('rejects a model whose per-channel lists disagree', () => {
    const bad = { ...imuModel, signalSteps: [] };
    const error = thrown(() => GpioSet.fromModel('x.imu', bad));
    expect(error.code).to.equal('E_ARGUMENT');
    expect(error.message).to.equal('x.imu: event model: 2 channels but 0 signalSteps and 2 signalTypes');
  });
});
