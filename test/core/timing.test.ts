import { expect } from 'chai';
import { Ratio } from '../../lib/core/ratio.js';
import { Time } from '../../lib/core/time.js';
import { Timing } from '../../lib/core/timing.js';
import { IsxError } from '../../lib/errors.js';
import type { JsonObject } from '../../lib/json/jsonValue.js';

const site = { path: 'x.isxd', offset: 0, document: 'footer' };
const start = new Time(new Ratio(62300, 1000));

function timing(numSamples: number, rest: { dropped?: number[]; cropped?: [number, number][]; blank?: number[] } = {}): Timing {
  return new Timing({ numSamples, period: new Ratio(100, 1000), start, ...rest });
}

function timingJson(cropped: string[], extra: JsonObject = {}): JsonObject {
  return { numTimes: 20, period: { num: 100, den: 1000 }, start: { secsSinceEpoch: { num: 62300, den: 1000 }, utcOffset: 0 }, cropped, ...extra };
}

describe('Timing normalisation (spec 3.3)', () => {
  it('sorts cropped ranges and merges ranges that overlap or touch', () => {
    const t = timing(30, { cropped: [[10, 12], [2, 3], [4, 5], [11, 14], [20, 20]] });
    expect(t.cropped).to.deep.equal([[2, 5], [10, 14], [20, 20]]);
  });

  it('keeps ranges separated by one index apart', () => {
    expect(timing(10, { cropped: [[1, 2], [4, 5]] }).cropped).to.deep.equal([[1, 2], [4, 5]]);
  });

  it('removes blank samples inside cropped ranges and sorts the rest', () => {
    expect(timing(20, { cropped: [[3, 6]], blank: [9, 4, 1, 6, 9] }).blank).to.deep.equal([1, 9]);
  });

  it('removes dropped samples that are cropped or blank', () => {
    const t = timing(20, { dropped: [15, 4, 8, 2, 8], cropped: [[3, 5]], blank: [8] });
    expect(t.dropped).to.deep.equal([2, 15]);
    expect(t.blank).to.deep.equal([8]);
  });

  it('counts valid samples after normalisation', () => {
    expect(timing(20, { dropped: [1, 4], cropped: [[3, 6]], blank: [5, 10] }).numValid).to.equal(20 - 1 - 4 - 1);
  });
});

describe('Timing sample lookup', () => {
  const t = timing(16, { dropped: [1, 9], cropped: [[3, 5], [12, 13]], blank: [7] });
  const statuses = ['valid', 'dropped', 'valid', 'cropped', 'cropped', 'cropped', 'valid', 'blank', 'valid', 'dropped', 'valid', 'valid', 'cropped', 'cropped', 'valid', 'valid'];

  it('classifies every sample, cropped before dropped before blank', () => {
    expect(Array.from({ length: 16 }, (_, i) => t.statusOf(i))).to.deep.equal(statuses);
  });

  it('gives recorded indices counting only earlier valid samples, -1 for invalid ones', () => {
    expect(Array.from({ length: 16 }, (_, i) => t.recordedIndex(i))).to.deep.equal([0, -1, 1, -1, -1, -1, 2, -1, 3, -1, 4, 5, -1, -1, 6, 7]);
    expect(t.validIndices()).to.deep.equal([0, 2, 6, 8, 10, 11, 14, 15]);
    expect(t.numValid).to.equal(8);
  });

  it('counts the valid samples before every index, up to the end', () => {
    const counts = Array.from({ length: 17 }, (_, i) => t.validCountBefore(i));
    expect(counts).to.deep.equal(Array.from({ length: 17 }, (_, i) => statuses.slice(0, i).filter((s) => s === 'valid').length));
    const edge = timing(10, { cropped: [[0, 9]] });
    expect([0, 1, 5, 10].map((i) => edge.validCountBefore(i))).to.deep.equal([0, 0, 0, 0]);
  });

  it('finds the next and previous valid samples, jumping over cropped ranges', () => {
    expect(t.findValidIndex(3, 1)).to.equal(6);
    expect(t.findValidIndex(12, -1)).to.equal(11);
    expect(t.findValidIndex(7, -1)).to.equal(6);
    expect(t.findValidIndex(16, 1)).to.equal(-1);
    expect(timing(4, { cropped: [[0, 3]] }).findValidIndex(0, 1)).to.equal(-1);
    expect(timing(4, { dropped: [0, 1, 2, 3] }).findValidIndex(3, -1)).to.equal(-1);
  });

  it('gives timestamps in microseconds since the epoch from exact offsets', () => {
    expect(t.timestampUs(0)).to.equal(62_300_000);
    expect(t.timestampUs(15)).to.equal(63_800_000);
    expect(t.offsetUs(3)).to.equal(300_000);
    const odd = new Timing({ numSamples: 3, period: new Ratio(1, 3), start: new Time(new Ratio(1_700_000_000, 1)) });
    expect(odd.timestampUs(2)).to.equal(1_700_000_000_666_667);
    expect(odd.end.secsSinceEpoch.equals(new Ratio(1_700_000_001, 1))).to.equal(true);
  });

  it('maps a time to its sample, clamped to the recording', () => {
    expect(t.indexAt(new Time(new Ratio(62350, 1000)))).to.equal(0);
    expect(t.indexAt(new Time(new Ratio(62500, 1000)))).to.equal(2);
    expect(t.indexAt(new Time(new Ratio(0, 1)))).to.equal(0);
    expect(t.indexAt(new Time(new Ratio(99999, 1)))).to.equal(15);
  });
});

describe('Timing JSON', () => {
  it('reads cropped ranges written as "5", "5 - 8" and "5-8"', () => {
    const t = Timing.fromJson(timingJson(['5', '7 - 8', '11-12']), 'timingInfo', site);
    expect(t.cropped).to.deep.equal([[5, 5], [7, 8], [11, 12]]);
  });

  it('treats absent and null lists as empty', () => {
    const t = Timing.fromJson(timingJson([], { dropped: null }), 'timingInfo', site);
    expect([t.dropped, t.blank]).to.deep.equal([[], []]);
  });

  it('writes normalised lists with isxcore range strings and reads them back equal', () => {
    const t = timing(20, { dropped: [3, 1], cropped: [[5, 8], [10, 10]], blank: [12] });
    const json = t.toJson();
    expect(json.cropped).to.deep.equal(['5 - 8', '10']);
    expect(Timing.fromJson(json, 'timingInfo', site).toJson()).to.deep.equal(json);
  });

  it('rejects a malformed cropped string with E_HEADER naming the key', () => {
    expect(() => Timing.fromJson(timingJson(['5 to 8']), 'timingInfo', site)).to.throw(
      IsxError,
      'x.isxd: footer key "timingInfo.cropped[0]": expected "first - last", found "5 to 8"',
    );
    expect(() => Timing.fromJson(timingJson(['8 - 5']), 'timingInfo', site)).to.throw(IsxError, 'range 8 - 5 ends before it starts');
  });

  it('rejects a missing numTimes with E_HEADER', () => {
    const json = timingJson([]);
    delete json.numTimes;
    expect(() => Timing.fromJson(json, 'timingInfo', site)).to.throw(IsxError, 'footer key "timingInfo.numTimes": expected a value, found nothing');
  });
});

describe('Timing timestamps', () => {
  it('gives start + i·period rounded to the microsecond, whatever the two denominators', () => {
    const cases: [Ratio, Ratio][] = [
      [new Ratio(62300, 1000), new Ratio(100, 1000)],
      [new Ratio(1_700_000_000, 1), new Ratio(603240466n, 12074000000n)],
      [new Ratio(1_234_567, 1000), new Ratio(-2000, -40000)],
      [new Ratio(-7, 3), new Ratio(1, 7)],
    ];
    for (const [secs, period] of cases) {
      const t = new Timing({ numSamples: 1000, period, start: new Time(secs) });
      for (const i of [0, 1, 2, 3, 7, 499, 999]) {
        expect(t.timestampUs(i)).to.equal(Number(new Time(secs).add(period.mulInt(i)).toMicros()), `${secs} + ${i}·${period}`);
      }
    }
  });
});
