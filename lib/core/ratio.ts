import { IsxError } from '../errors.js';
import { asBigInt, asObject, field, shortText, type JsonSite } from '../json/fields.js';
import type { JsonObject, JsonValue } from '../json/jsonValue.js';

/**
 * An exact rational number `num/den` as stored in Inscopix metadata (spec 3.1). Not reduced: the stored
 * integers are kept, and comparisons go by value. Used for durations in seconds (the isx `Duration`),
 * pixel sizes and positions in microns.
 */
export class Ratio {
  readonly num: bigint;
  readonly den: bigint;

  constructor(num: bigint | number, den: bigint | number = 1n) {
    this.num = BigInt(num);
    this.den = BigInt(den);
    if (this.den === 0n) throw new IsxError('E_RANGE', `ratio ${this.num}/0 has a zero denominator`);
  }

  static fromJson(value: JsonValue | undefined, name: string, site: JsonSite): Ratio {
    const obj = asObject(value, name, site);
    const num = asBigInt(field(obj, 'num', site, `${name}.num`), `${name}.num`, site);
    const den = asBigInt(field(obj, 'den', site, `${name}.den`), `${name}.den`, site);
    checkInt64(num, `${name}.num`, site);
    checkInt64(den, `${name}.den`, site);
    if (den === 0n) throw new IsxError('E_HEADER', `${site.document} key "${name}.den" is 0`, { path: site.path, offset: site.offset });
    return new Ratio(num, den);
  }

  static fromMicros(us: bigint | number): Ratio {
    return new Ratio(BigInt(us), 1_000_000n);
  }

  toJson(): JsonObject {
    return { num: jsonInt(this.num), den: jsonInt(this.den) };
  }

  /** The value as the nearest double (isx `secs_float` for durations). */
  get secsFloat(): number {
    return this.toNumber();
  }

  toNumber(): number {
    return Number(this.num) / Number(this.den);
  }

  add(other: Ratio): Ratio {
    if (this.den === other.den) return new Ratio(this.num + other.num, this.den);
    const den = lcm(this.den, other.den);
    return new Ratio(this.num * (den / this.den) + other.num * (den / other.den), den);
  }

  sub(other: Ratio): Ratio {
    return this.add(new Ratio(-other.num, other.den));
  }

  /** Multiplies by an integer, keeping the denominator (as isxcore does for `i·period`). */
  mulInt(k: bigint | number): Ratio {
    return new Ratio(this.num * BigInt(k), this.den);
  }

  div(other: Ratio): Ratio {
    const num = this.num * other.den;
    const den = this.den * other.num;
    return den < 0n ? new Ratio(-num, -den) : new Ratio(num, den);
  }

  compare(other: Ratio): number {
    const a = this.normalizedSign();
    const b = other.normalizedSign();
    const left = a.num * b.den;
    const right = b.num * a.den;
    return left === right ? 0 : left < right ? -1 : 1;
  }

  equals(other: Ratio): boolean {
    return this.compare(other) === 0;
  }

  /** Largest integer <= value. */
  floor(): bigint {
    const { num, den } = this.normalizedSign();
    const q = num / den;
    return num % den !== 0n && num < 0n ? q - 1n : q;
  }

  /** Smallest integer >= value. */
  ceil(): bigint {
    const { num, den } = this.normalizedSign();
    const q = num / den;
    return num % den !== 0n && num > 0n ? q + 1n : q;
  }

  /** value · 10^6, rounded half away from zero (isx `Duration.to_usecs` rounds). */
  toMicrosRounded(): bigint {
    const { num, den } = this.normalizedSign();
    const scaled = num * 1_000_000n;
    const q = scaled / den;
    const r = scaled % den;
    const twice = (r < 0n ? -r : r) * 2n;
    if (twice >= den) return scaled < 0n ? q - 1n : q + 1n;
    return q;
  }

  toString(): string {
    return `${this.num}/${this.den}`;
  }

  private normalizedSign(): { num: bigint; den: bigint } {
    return this.den < 0n ? { num: -this.num, den: -this.den } : { num: this.num, den: this.den };
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** spec 3.1: both integers of a stored ratio are int64; larger ones would only feed runaway bigint arithmetic. */
function checkInt64(value: bigint, name: string, site: JsonSite): void {
  if (value >= INT64_MIN && value <= INT64_MAX) return;
  throw new IsxError('E_RANGE', `${site.document} key "${name}": ${shortText(value.toString())} does not fit an int64 (spec 3.1)`, {
    path: site.path,
    offset: site.offset,
  });
}

/** The isx Python name for a ratio of seconds. */
export { Ratio as Duration };

/** A bigint as a JSON integer: a number when it is exact as one. */
export function jsonInt(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}
