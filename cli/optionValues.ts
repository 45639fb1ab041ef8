import type { CropRectangle } from '../transforms/index.js';
import type { PlaneSplit } from '../transforms/index.js';
import { parseShard, PathPattern, type Shard } from '../lib/index.js';
import { UsageError } from './usageError.js';

/**
 * Coercions for option values given as text. Each throws UsageError naming the option, which yargs turns
 * into a usage failure (exit 2).
 */

/** `a,b` or a repeated option (`--x a --x b`) → `['a', 'b']`; empty items dropped. */
export function parseList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item) => String(item).split(',')).map((s) => s.trim()).filter((s) => s !== '');
}

export function parseChoiceList<T extends string>(option: string, choices: readonly T[]) {
  return (value: unknown): T[] => {
    const list = parseList(value);
    for (const item of list) {
      if (!(choices as readonly string[]).includes(item)) {
        throw new UsageError(`--${option}: "${item}" is not one of ${choices.join(', ')}`);
      }
    }
    return list as T[];
  };
}

/**
 * `--planes N` (N planes interleaved frame by frame) or `--planes efocus=A,B,...` (a frame's plane is the
 * position of its header e-focus value in the list).
 */
export function parsePlanes(value: unknown): PlaneSplit {
  const text = String(value).trim();
  const byEfocus = /^efocus=(.+)$/.exec(text);
  if (byEfocus) {
    const efocusValues = parseList(byEfocus[1]).map((item) => parseInteger('planes', item, 0));
    if (new Set(efocusValues).size !== efocusValues.length) throw new UsageError(`--planes: e-focus values must be distinct, got "${text}"`);
    return { efocusValues };
  }
  if (!/^\d+$/.test(text)) throw new UsageError(`--planes: expected a number of planes or efocus=A,B,..., got "${text}"`);
  return { numPlanes: parseInteger('planes', text, 2) };
}

/** `x,y,w,h` in pixels: left column, top row, width, height; each value checked by its name. */
export function parseCrop(value: unknown): CropRectangle {
  const parts = parseList(value);
  if (parts.length !== 4) throw new UsageError(`--crop: expected x,y,width,height (4 integers), got "${String(value)}"`);
  const [x, y, width, height] = CROP_FIELDS.map(({ name, least, meaning }, i) => {
    const text = parts[i]!;
    const n = Number(text);
    if (!/^\s*-?\d+\s*$/.test(text) || !Number.isSafeInteger(n)) throw new UsageError(`--crop: ${name} must be a whole number, got "${text}"`);
    if (n < least) throw new UsageError(`--crop: ${name} is ${n}, but ${meaning}`);
    return n;
  }) as [number, number, number, number];
  return { x, y, width, height };
}

const CROP_FIELDS = [
  { name: 'x', least: 0, meaning: 'the rectangle must start inside the image (x >= 0, the first column is 0)' },
  { name: 'y', least: 0, meaning: 'the rectangle must start inside the image (y >= 0, the first row is 0)' },
  { name: 'width', least: 1, meaning: 'the rectangle must be at least 1 pixel wide' },
  { name: 'height', least: 1, meaning: 'the rectangle must be at least 1 pixel high' },
] as const;

/** For options typed as numbers: yargs has already made a number of the text (NaN when it was not one). */
export function parsePositiveInteger(option: string) {
  return (value: unknown): number => {
    if (isNotANumber(value)) throw new UsageError(`--${option}: expected an integer >= 1, got text that is not a number`);
    return parseInteger(option, String(value), 1);
  };
}

/** A time in seconds, `>= 0`. */
export function parseSeconds(option: string) {
  return (value: unknown): number => {
    const secs = Number(value);
    if (isNotANumber(value)) throw new UsageError(`--${option}: expected seconds >= 0, got text that is not a number`);
    if (String(value).trim() === '' || !Number.isFinite(secs) || secs < 0) {
      throw new UsageError(`--${option}: expected seconds >= 0, got "${String(value)}"`);
    }
    return secs;
  };
}

function parseInteger(option: string, text: string, min: number): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`--${option}: expected an integer >= ${min}, got "${text}"`);
  }
  return n;
}

/** yargs turns the text of a number-typed option into NaN when it is not a number. */
function isNotANumber(value: unknown): boolean {
  return typeof value === 'number' && Number.isNaN(value);
}

/** `--shard I/N`: the I-th (from 0) of N parts of the inputs. */
export function parseShardOption(value: unknown): Shard {
  const shard = parseShard(String(value));
  if (shard === undefined) throw new UsageError(`--shard: expected I/N with 0 <= I < N (e.g. 0/4), got "${String(value)}"`);
  return shard;
}

/** `--path-pattern '{subject}/{session}/*'`. */
export function parsePathPattern(value: unknown): PathPattern {
  try {
    return new PathPattern(String(value));
  } catch (error) {
    throw new UsageError(`--path-pattern: ${error instanceof Error ? error.message : String(error)}`);
  }
}
