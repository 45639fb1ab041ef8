import { expect } from 'chai';
import { Spacing } from '../../lib/core/spacing.js';
import { IsxError } from '../../lib/errors.js';
import { VesselSet } from '../../lib/isxd/vesselSet.js';
import { VesselSetWriter } from '../../lib/isxd/writeVesselSet.js';
import { stream } from '../../lib/kinds/stream.js';
import { vessels } from '../../lib/sources/vessels.js';
import { useTempDir } from '../helpers/tempDir.js';
import { makeTiming } from '../isxd/movieTestKit.js';
import { collect, countOpenFds } from './sourceKit.js';

describe('vessels source on a synthetic diameter set', () => {
  const dir = useTempDir();
  let path = '';

  before(async () => {
    path = dir.file('vessels.isxd');
    const writer = await VesselSetWriter.create(path, { timing: makeTiming(3), spacing: new Spacing(3, 2), setType: 'vessel diameter' });
    for (let v = 0; v < 2; v++) {
      await writer.writeDiameterVessel(v, {
        image: v === 0 ? new Float32Array(6) : undefined,
        line: [v, 1, 2, 3 + v],
        trace: Float32Array.of(v, v + 0.5, NaN),
        centerTrace: Float32Array.of(10 + v, 11, 12),
        status: v === 1 ? 'accepted' : undefined,
      });
    }
    await writer.finish();
  });

  it('gives every vessel as readVessel returns it', async () => {
    await using set = await VesselSet.read(path);
    const out = await collect(vessels(set));
    expect(out.map((v) => [v.index, v.name, v.status, v.type])).to.deep.equal([
      [0, 'V0', 'undecided', 'vessel diameter'],
      [1, 'V1', 'accepted', 'vessel diameter'],
    ]);
    expect([...out[1]!.trace]).to.deep.equal([1, 1.5, NaN]);
    expect([...out[1]!.centerTrace!]).to.deep.equal([11, 11, 12]);
    expect(out[1]).to.deep.equal(await set.readVessel(1));
  });

  it('closes the set at the end with closeOnEnd', async () => {
    const before = countOpenFds();
    const set = await VesselSet.read(path);
    expect((await collect(stream(set, { closeOnEnd: true }))).length).to.equal(2);
    expect(countOpenFds()).to.equal(before);
  });

  it('refuses a range, which does not apply to whole vessels', async () => {
    await using set = await VesselSet.read(path);
    expect(() => stream(set, { startIndex: 1 })).to.throw(IsxError, 'vessel sets stream whole vessels; a range does not apply');
  });
});
