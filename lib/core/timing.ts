import { IsxError } from '../errors.js';
import { asArrayOf, asObject, asString, asUnsigned, field, optionalField, shortText, type JsonSite } from '../json/fields.js';
import type { JsonObject, JsonValue } from '../json/jsonValue.js';
import { countBefore } from './countBefore.js';
import { lcm, Ratio } from './ratio.js';
import { Time } from './time.js';

/** How one sample of a recording is classified (spec 3.3). */
export type SampleStatus = 'valid' | 'dropped' | 'cropped' | 'blank';

/** An inclusive range of cropped time indices. */
export type CroppedRange = readonly [first: number, last: number];

export interface TimingInit {
  numSamples: number;
  period: Ratio;
  start: Time;
  dropped?: readonly number[];
  cropped?: readonly CroppedRange[];
  blank?: readonly number[];
}

/**
 * When the samples of a recording were taken, and which of them carry no data (the isx `Timing`).
 * The invalid-sample lists are normalised on construction as isxcore does on load (spec 3.3).
 */
export class Timing {
  /** Number of samples, including dropped, cropped and blank ones. */
  readonly numSamples: number;
  /** Duration of one sample in seconds. */
  readonly period: Ratio;
  readonly start: Time;
  readonly dropped: readonly number[];
  readonly cropped: readonly CroppedRange[];
  readonly blank: readonly number[];
  /** Samples that carry data (are stored in a movie payload). */
  readonly numValid: number;
  private readonly croppedSizesBefore: readonly number[];
  private startOverCommonDen: { num: bigint; step: bigint; den: bigint } | undefined;

  constructor(init: TimingInit) {
    this.numSamples = init.numSamples;
    this.period = init.period;
    this.start = init.start;
    this.cropped = mergeRanges(init.cropped ?? []);
    const isCropped = (i: number): boolean => findRange(this.cropped, i) >= 0;
    const blankSet = new Set(init.blank ?? []);
    this.blank = [...blankSet].filter((i) => !isCropped(i)).sort(byNumber);
    const blankKept = new Set(this.blank);
    this.dropped = [...new Set(init.dropped ?? [])].filter((i) => !isCropped(i) && !blankKept.has(i)).sort(byNumber);
    const sizesBefore: number[] = [];
    let total = 0;
    for (const [first, last] of this.cropped) {
      sizesBefore.push(total);
      total += last - first + 1;
    }
    this.croppedSizesBefore = sizesBefore;
    this.numValid = Math.max(0, this.numSamples - this.dropped.length - this.blank.length - total);
  }

  static fromJson(value: JsonValue | undefined, name: string, site: JsonSite): Timing {
    const obj = asObject(value, name, site);
    const list = (key: string): number[] => {
      const v = optionalField(obj, key);
      return v === undefined || v === null ? [] : asArrayOf(v, `${name}.${key}`, site, asUnsigned);
    };
    const croppedValue = optionalField(obj, 'cropped');
    const cropped =
      croppedValue === undefined || croppedValue === null
        ? []
        : asArrayOf(croppedValue, `${name}.cropped`, site, (v, n, s) => parseCroppedRange(asString(v, n, s), n, s));
    const timing = new Timing({
      numSamples: asUnsigned(field(obj, 'numTimes', site, `${name}.numTimes`), `${name}.numTimes`, site),
      period: Ratio.fromJson(field(obj, 'period', site, `${name}.period`), `${name}.period`, site),
      start: Time.fromJson(field(obj, 'start', site, `${name}.start`), `${name}.start`, site),
      dropped: list('dropped'),
      cropped,
      blank: list('blank'),
    });
    checkTimingRange(timing, name, site);
    return timing;
  }

  toJson(): JsonObject {
    return {
      numTimes: this.numSamples,
      period: this.period.toJson(),
      start: this.start.toJson(),
      dropped: [...this.dropped],
      cropped: this.cropped.map(([a, b]) => (a === b ? `${a}` : `${a} - ${b}`)),
      blank: [...this.blank],
    };
  }

  /** Time of the end of the last sample: `start + numSamples·period`. */
  get end(): Time {
    return this.start.add(this.period.mulInt(this.numSamples));
  }

  statusOf(index: number): SampleStatus {
    if (findRange(this.cropped, index) >= 0) return 'cropped';
    if (binarySearch(this.dropped, index) >= 0) return 'dropped';
    if (binarySearch(this.blank, index) >= 0) return 'blank';
    return 'valid';
  }

  isValid(index: number): boolean {
    return this.statusOf(index) === 'valid';
  }

  /**
   * Position of valid time index `index` among the stored samples (spec 3.3, "recorded index"), or -1
   * when the sample is invalid.
   */
  recordedIndex(index: number): number {
    if (this.statusOf(index) !== 'valid') return -1;
    const r = countBelow(this.cropped, index);
    const croppedBefore = r === 0 ? 0 : this.croppedSizesBefore[r - 1]! + rangeSize(this.cropped[r - 1]!);
    return index - countLess(this.dropped, index) - countLess(this.blank, index) - croppedBefore;
  }

  /**
   * Number of valid samples among time indices `[0, index)`, `index <= numSamples`. Counted from the
   * sorted invalid lists, so the cost does not grow with a run of invalid samples.
   */
  validCountBefore(index: number): number {
    const k = countBelow(this.cropped, index - 1);
    let cropped = 0;
    if (k > 0) {
      const range = this.cropped[k - 1]!;
      cropped = this.croppedSizesBefore[k - 1]! + rangeSize(range) - Math.max(0, range[1] - index + 1);
    }
    return index - cropped - countLess(this.dropped, index) - countLess(this.blank, index);
  }

  /**
   * The first valid index at or after `from` (step 1) or at or before it (step -1), or -1. Jumps over
   * cropped ranges, so the cost is bounded by the invalid lists, not by `numSamples`.
   */
  findValidIndex(from: number, step: 1 | -1): number {
    let i = from;
    while (i >= 0 && i < this.numSamples) {
      const range = findRange(this.cropped, i);
      if (range >= 0) i = step > 0 ? this.cropped[range]![1] + 1 : this.cropped[range]![0] - 1;
      else if (this.statusOf(i) !== 'valid') i += step;
      else return i;
    }
    return -1;
  }

  /** Time indices of the valid samples, ascending. Jumps over cropped ranges, which have no bytes to bound them. */
  validIndices(): number[] {
    const result: number[] = [];
    for (let i = this.findValidIndex(0, 1); i >= 0; i = this.findValidIndex(i + 1, 1)) result.push(i);
    return result;
  }

  /** isx `get_valid_samples_mask`. */
  validMask(): boolean[] {
    return Array.from({ length: this.numSamples }, (_, i) => this.isValid(i));
  }

  /** Exact offset of sample `index` from the start, in seconds. */
  offset(index: number): Ratio {
    return this.period.mulInt(index);
  }

  /** Offset of sample `index` from the start in microseconds (rounded). */
  offsetUs(index: number): number {
    return Number(this.offset(index).toMicrosRounded());
  }

  /**
   * Start of sample `index` in microseconds since the Unix epoch (rounded): `start + index·period` as
   * `Ratio.add` forms it, with the common denominator found once instead of once per sample.
   */
  timestampUs(index: number): number {
    const { num, step, den } = (this.startOverCommonDen ??= overCommonDen(this.start.secsSinceEpoch, this.period));
    return Number(new Ratio(num + step * BigInt(index), den).toMicrosRounded());
  }

  /** isx `get_offsets_since_start`. */
  getOffsetsSinceStart(): Ratio[] {
    return Array.from({ length: this.numSamples }, (_, i) => this.offset(i));
  }

  /** Sample index containing time `t` (floor), clamped to `[0, numSamples-1]`. */
  indexAt(time: Time): number {
    if (this.numSamples === 0) return 0;
    const k = time.secsSinceEpoch.sub(this.start.secsSinceEpoch).div(this.period).floor();
    if (k < 0n) return 0;
    return k >= BigInt(this.numSamples) ? this.numSamples - 1 : Number(k);
  }
}

/**
 * Timestamps are written as int64 microseconds (Arrow, Parquet) and as JS Dates (NDJSON, CSV), whose range
 * of ±8.64e15 ms is the narrower one: every sample's start must lie within it.
 */
const MAX_TIMESTAMP_US = 8_640_000_000_000_000_000n;
const MAX_UTC_OFFSET_SECONDS = 2 ** 31 - 1;

/**
 * Checks at open what every later timestamp relies on (spec 3.3): the period is positive (time indices
 * map to increasing times) and the starts of the first and last samples fit the timestamp range, so no
 * output wraps around or fails halfway.
 */
export function checkTimingRange(timing: Timing, name: string, site: JsonSite): void {
  const fail = (detail: string): never => {
    throw new IsxError('E_RANGE', `${site.document} key "${name}": ${detail}`, { path: site.path, offset: site.offset });
  };
  if (timing.period.compare(new Ratio(0n)) <= 0) fail(`period ${shortText(timing.period.toString())} s is not positive`);
  // spec 3.2: an int32 of seconds (isxcore keeps it within ±50400); local times add it to every timestamp.
  if (Math.abs(timing.start.utcOffset) > MAX_UTC_OFFSET_SECONDS) fail(`UTC offset ${timing.start.utcOffset} s is not an int32`);
  const last = Math.max(0, timing.numSamples - 1);
  for (const [what, us] of [
    ['start', timing.start.toMicros()],
    [`start of sample ${last}`, timing.start.add(timing.offset(last)).toMicros()],
  ] as const) {
    if (us > MAX_TIMESTAMP_US || us < -MAX_TIMESTAMP_US) fail(`${what} is ${shortText(us.toString())} µs since the epoch, beyond ±${MAX_TIMESTAMP_US} µs`);
  }
}

/**
 * Samples a file may declare beyond those its bytes back. A stored frame, cell trace sample or JPEG has
 * bytes in the payload and a dropped or blank sample is listed in the JSON, so those are bounded by the
 * file size; but a cropped range (spec 3.3) or a sample of zero bytes (a 0-pixel movie, a cell set without
 * cells) costs a record and no byte. 2^26 such samples is 38 days at 20 Hz and 18 hours at 1 kHz, more
 * than any recording session; more is a hostile footer that would make unbounded work.
 */
export const MAX_UNBACKED_SAMPLES = 2 ** 26;

/**
 * Refuses a timing whose samples are not backed by the file: `backedSamples` are those the caller found
 * bytes for in the payload; dropped and blank samples count as backed by their list entries.
 */
export function checkUnbackedSamples(timing: Timing, backedSamples: number, name: string, site: JsonSite): void {
  const unbacked = timing.numSamples - backedSamples - timing.dropped.length - timing.blank.length;
  if (unbacked <= MAX_UNBACKED_SAMPLES) return;
  throw new IsxError(
    'E_RANGE',
    `${site.document} key "${name}.numTimes": ${timing.numSamples} samples of which ${unbacked} have no bytes in the file (cropped, or of size 0); at most ${MAX_UNBACKED_SAMPLES} are accepted`,
    { path: site.path, offset: site.offset },
  );
}

/** `start` and `period` over the denominator `start.add(period·i)` uses (Ratio.add), so sums need no gcd. */
function overCommonDen(start: Ratio, period: Ratio): { num: bigint; step: bigint; den: bigint } {
  if (start.den === period.den) return { num: start.num, step: period.num, den: start.den };
  const den = lcm(start.den, period.den);
  return { num: start.num * (den / start.den), step: period.num * (den / period.den), den };
}

/** Parses `"a"`, `"a - b"` or `"a-b"` (spec 3.3). */
function parseCroppedRange(text: string, name: string, site: JsonSite): CroppedRange {
  const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(text);
  if (!match) {
    throw new IsxError('E_HEADER', `${site.document} key "${name}": expected "first - last", found ${shortText(JSON.stringify(text))}`, {
      path: site.path,
      offset: site.offset,
    });
  }
  const first = Number(match[1]);
  const last = match[2] === undefined ? first : Number(match[2]);
  if (!Number.isSafeInteger(last)) {
    throw new IsxError('E_RANGE', `${site.document} key "${name}": range ${shortText(text)} goes beyond 2^53`, {
      path: site.path,
      offset: site.offset,
    });
  }
  if (last < first) {
    throw new IsxError('E_HEADER', `${site.document} key "${name}": range ${shortText(text)} ends before it starts`, {
      path: site.path,
      offset: site.offset,
    });
  }
  return [first, last];
}

function mergeRanges(ranges: readonly CroppedRange[]): CroppedRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [first, last] of sorted) {
    const previous = merged.at(-1);
    if (previous && previous[1] + 1 >= first) previous[1] = Math.max(previous[1], last);
    else merged.push([first, last]);
  }
  return merged;
}

function rangeSize([first, last]: CroppedRange): number {
  return last - first + 1;
}

function byNumber(a: number, b: number): number {
  return a - b;
}

/** Number of elements of sorted `values` below `x`. */
function countLess(values: readonly number[], x: number): number {
  return countBefore(values.length, (i) => values[i]! < x);
}

function binarySearch(values: readonly number[], x: number): number {
  const i = countLess(values, x);
  return values[i] === x ? i : -1;
}

/** Number of ranges that start at or before `x`. */
function countBelow(ranges: readonly CroppedRange[], x: number): number {
  return countBefore(ranges.length, (i) => ranges[i]![0] <= x);
}

function findRange(ranges: readonly CroppedRange[], x: number): number {
  const k = countBelow(ranges, x) - 1;
  return k >= 0 && ranges[k]![1] >= x ? k : -1;
}
