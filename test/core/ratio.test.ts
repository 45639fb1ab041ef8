import { expect } from 'chai';
import { Ratio, lcm } from '../../lib/core/ratio.js';
import { IsxError } from '../../lib/errors.js';

const r = (num: number | bigint, den: number | bigint = 1): Ratio => new Ratio(num, den);
const pair = (x: Ratio): [bigint, bigint] => [x.num, x.den];

describe('Ratio', () => {
  it('keeps the stored integers unreduced', () => {
    expect(pair(r(100, 1000))).to.deep.equal([100n, 1000n]);
    expect(r(100, 1000).secsFloat).to.equal(0.1);
  });

  it('refuses a zero denominator with E_RANGE', () => {
    expect(() => r(1, 0)).to.throw(IsxError, 'ratio 1/0 has a zero denominator');
  });

  it('adds over the least common denominator, and keeps a shared one', () => {
    expect(pair(r(1, 4).add(r(1, 6)))).to.deep.equal([5n, 12n]);
    expect(pair(r(100, 1000).add(r(300, 1000)))).to.deep.equal([400n, 1000n]);
    expect(pair(r(1, 4).sub(r(1, 2)))).to.deep.equal([-1n, 4n]);
  });

  it('multiplies by an integer keeping the denominator', () => {
    expect(pair(r(100, 1000).mulInt(34))).to.deep.equal([3400n, 1000n]);
    expect(pair(r(3, 7).mulInt(-2n))).to.deep.equal([-6n, 7n]);
  });

  it('divides with a positive denominator', () => {
    expect(pair(r(1, 2).div(r(-3, 4)))).to.deep.equal([-4n, 6n]);
    expect(r(-1, 2).div(r(-3, 4)).equals(r(2, 3))).to.equal(true);
  });

  it('compares by value, negative denominators included', () => {
    expect(r(1, 2).compare(r(2, 4))).to.equal(0);
    expect(r(1, -2).compare(r(-1, 3))).to.equal(-1);
    expect(r(-1, -2).compare(r(1, 3))).to.equal(1);
    expect(r(2000, 20000).equals(r(100, 1000))).to.equal(true);
  });

  it('floors and ceils toward the right integer for negatives', () => {
    expect([r(7, 2).floor(), r(7, 2).ceil()]).to.deep.equal([3n, 4n]);
    expect([r(-7, 2).floor(), r(-7, 2).ceil()]).to.deep.equal([-4n, -3n]);
    expect([r(7, -2).floor(), r(7, -2).ceil()]).to.deep.equal([-4n, -3n]);
    expect([r(-6, 2).floor(), r(-6, 2).ceil()]).to.deep.equal([-3n, -3n]);
  });

  it('rounds to microseconds half away from zero', () => {
    expect(r(1, 3).toMicrosRounded()).to.equal(333333n);
    expect(r(2, 3).toMicrosRounded()).to.equal(666667n);
    expect(r(-2, 3).toMicrosRounded()).to.equal(-666667n);
    expect(r(1, 2000000).toMicrosRounded()).to.equal(1n);
    expect(r(-1, 2000000).toMicrosRounded()).to.equal(-1n);
    expect(r(1, -2000000).toMicrosRounded()).to.equal(-1n);
    expect(r(603240466n, 12074000000n).mulInt(12075).toMicrosRounded()).to.equal(603290428n);
  });

  it('converts from microseconds and to JSON, large values as bigint', () => {
    expect(pair(Ratio.fromMicros(39999))).to.deep.equal([39999n, 1000000n]);
    expect(r(603240466n, 12074000000n).toJson()).to.deep.equal({ num: 603240466, den: 12074000000 });
    expect(r(2n ** 60n, 3).toJson()).to.deep.equal({ num: 2n ** 60n, den: 3 });
  });

  it('reads itself from JSON and names a zero denominator with E_HEADER', () => {
    const site = { path: 'x.isxd', offset: 10, document: 'footer' };
    expect(pair(Ratio.fromJson({ num: 9223372036854775807n, den: 2 }, 'p', site))).to.deep.equal([9223372036854775807n, 2n]);
    expect(() => Ratio.fromJson({ num: 1, den: 0 }, 'p', site)).to.throw(IsxError, 'x.isxd: footer key "p.den" is 0');
  });

  it('computes least common multiples', () => {
    expect(lcm(4n, 6n)).to.equal(12n);
    expect(lcm(1000n, 1000000n)).to.equal(1000000n);
  });
});
