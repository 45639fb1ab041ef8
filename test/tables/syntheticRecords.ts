import { Ratio } from '../../lib/core/ratio.js';
import { Time } from '../../lib/core/time.js';
import { Timing } from '../../lib/core/timing.js';
import type { CellRecord, EventRecord, FrameRecord, SampleRecord, VesselRecord, VideoFrameRecord } from '../../lib/core/records.js';

/** Synthetic records with the awkward values every table must keep: NaN, µs timestamps, u64 > 2^53. */
export const START_US = 1_648_798_026_332_001;
export const BIG_TSC = 2n ** 60n + 1n;
export const METADATA = { type: 0, big: 2n ** 63n - 1n, name: 'synthetic' };

export function timingOf(numSamples: number): Timing {
  return new Timing({ numSamples, period: new Ratio(1n, 20n), start: Time.fromMicros(START_US) });
}

/** Frames of a rows x cols uint16 movie; frame 1 dropped, frame 3 blank; pixel p of frame i = i*1000 + p. */
export function makeFrames(count: number, rows = 3, cols = 4): FrameRecord[] {
  const statuses = ['valid', 'dropped', 'valid', 'blank'] as const;
  return Array.from({ length: count }, (_, i) => {
    const status = statuses[i % 4]!;
    const data = new Uint16Array(rows * cols);
    if (status === 'valid') data.forEach((_, p) => (data[p] = i * 1000 + p));
    return {
      index: i,
      timestampUs: START_US + i * 50_000 + 7,
      status,
      ...(i % 4 === 2 ? {} : { tsc: BIG_TSC + BigInt(i) }),
      data,
      rows,
      cols,
    };
  });
}

export function makeCells(count: number, numSamples: number, rows = 2, cols = 3): CellRecord[] {
  const statuses = ['accepted', 'undecided', 'rejected'] as const;
  return Array.from({ length: count }, (_, c) => ({
    index: c,
    name: `C${c}`,
    status: statuses[c % 3]!,
    color: 0xff000000 + c,
    active: c % 2 === 0,
    trace: Float32Array.from({ length: numSamples }, (_, k) => (k === 1 ? NaN : c + k / 4)),
    footprint: Float32Array.from({ length: rows * cols }, (_, p) => c * 10 + p / 2),
  }));
}

export function makeEvents(count: number): EventRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    cellIndex: i % 3,
    cellName: `C${i % 3}`,
    offsetUs: i * 1234 + 1,
    timestampUs: START_US + i * 1234 + 1,
    amplitude: i === 2 ? NaN : i * 0.5,
  }));
}

export function makeSamples(count: number): SampleRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    channelIndex: i % 2,
    channel: i % 2 ? 'GPIO-1' : 'Digital GPI 0',
    offsetUs: i * 100,
    timestampUs: START_US + i * 100,
    value: i === 3 ? NaN : i,
  }));
}

export function makeVessels(count: number, numSamples: number): VesselRecord[] {
  return Array.from({ length: count }, (_, v) => ({
    index: v,
    name: `V${v}`,
    status: 'accepted' as const,
    type: 'rbc velocity' as const,
    color: 0xff00ff00 + v,
    active: v % 2 === 0,
    line: BigInt64Array.from({ length: 8 }, (_, k) => BigInt(v * 100 + k) + (k === 0 ? 2n ** 60n : 0n)),
    trace: Float32Array.from({ length: numSamples }, (_, k) => (k === 0 ? NaN : v + k)),
    directionTrace: Float32Array.from({ length: numSamples }, (_, k) => 90 + k),
    correlations: { width: 2, height: 1, data: Float32Array.from({ length: numSamples * 3 * 2 }, (_, k) => k + v) },
  }));
}

export function makeVideoFrames(count: number): VideoFrameRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const dropped = i === 1;
    return {
      index: i,
      timestampUs: START_US + i * 33_333,
      tsc: dropped ? 0n : BIG_TSC + BigInt(i),
      fc: BigInt(i + 1),
      status: dropped ? ('dropped' as const) : ('valid' as const),
      ...(dropped ? {} : { jpeg: Uint8Array.of(0xff, 0xd8, i, 0xff, 0xd9) }),
      rows: 2,
      cols: 2,
      ...(i % 2 === 0
        ? {
            tracking: {
              box: [i, i + 1, i + 10, i + 11] as [number, number, number, number],
              confidence: 0.5,
              zones: [{ id: 1, name: 'left', event: 'e' }, { id: 2, name: 'right' }].slice(0, 1 + (i % 4 === 0 ? 1 : 0)),
            },
          }
        : {}),
    };
  });
}
