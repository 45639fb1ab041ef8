import { expect } from 'chai';
import { BehaviorMovie } from '../../lib/isxb/behaviorMovie.js';
import type { JsonValue } from '../../lib/json/jsonValue.js';
import { makeIsxbSession, type IsxbInit } from '../synthetic/writeIsxb.js';
import { useTempDir } from '../helpers/tempDir.js';
import { COLS, ROWS, makeJpegs, rejection, writeSynthetic } from './isxbTestKit.js';

/** `.isxb` files whose header or JSON declare far more than the file holds (issue 12). */
describe('BehaviorMovie on hostile sizes', () => {
  const dir = useTempDir();

  async function oneFrame(): Promise<IsxbInit> {
    const { jpegs } = await makeJpegs(1);
    return { jpegs, samples: [{ fc: 0, tsc: 1000 }], session: makeIsxbSession(COLS, ROWS) };
  }

  it('refuses a session timing of 10^12 samples that are all cropped but one', async () => {
    const init = await oneFrame();
    const timingInfo = {
      numTimes: 1e12,
      period: { num: 1, den: 30 },
      start: { secsSinceEpoch: { num: 1_700_000_000, den: 1 }, utcOffset: 0 },
      cropped: ['1 - 999999999999'],
    };
    const path = await writeSynthetic(dir.file('cropped.isxb'), { ...init, session: { ...init.session, timingInfo } });
    const error = await rejection(BehaviorMovie.read(path));
    expect(error.code).to.equal('E_RANGE');
    expect(error.detail).to.match(/999999999999 have no bytes in the file/);
  });

  it('refuses a header numFrames the video section cannot hold, before indexing', async () => {
    const init = await oneFrame();
    const path = await writeSynthetic(dir.file('frames.isxb'), init, (_, view) => view.setBigUint64(32, 2n ** 40n, true));
    const error = await rejection(BehaviorMovie.read(path));
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.detail).to.match(/^header numFrames 1099511627776 does not fit the \d+-byte video section/);
  });

  it('refuses a header start time beyond the timestamp range', async () => {
    const { jpegs } = await makeJpegs(2);
    const two = await writeSynthetic(dir.file('epoch2.isxb'), {
      jpegs,
      samples: [{ fc: 0, tsc: 0 }, { fc: 1, tsc: 33_333 }],
      session: makeIsxbSession(COLS, ROWS),
      epochMs: 2n ** 63n,
    });
    const ranged = await rejection(BehaviorMovie.read(two));
    expect(ranged.code).to.equal('E_RANGE');
    expect(ranged.detail).to.match(/^per-frame JSON key "samples": start is \d+ µs since the epoch/);
  });

  it('refuses session JSON nested deeper than the parser allows with E_JSON', async () => {
    let deep: JsonValue = [];
    for (let i = 0; i < 300; i++) deep = [deep];
    const init = await oneFrame();
    const path = await writeSynthetic(dir.file('deep.isxb'), { ...init, session: { ...init.session, deep } });
    const error = await rejection(BehaviorMovie.read(path));
    expect(error.code).to.equal('E_JSON');
    expect(error.detail).to.contain('nested deeper than 256 levels');
  });
});
