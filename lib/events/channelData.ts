import { IsxError } from '../errors.js';
import { lcm, type Ratio } from '../core/ratio.js';
import type { ChannelPackets } from './packetStore.js';

/** One channel of an event set, GPIO set or IMU set, as `get_cell_data` / `get_channel_data` return it. */
export interface ChannelData {
  /** Microseconds after `timing.start`, strictly ascending. */
  offsets: BigUint64Array;
  values: Float32Array;
}

const MICROS_PER_SEC = 1_000_000n;

/**
 * spec 6.3 steps 2-3: one packet per time key, a later packet replacing an earlier one with the same key,
 * in ascending time order. Stored order is usually already ascending (event detection writes each channel
 * time-ascending; the GPIO importers interleave by time), so the sort only runs for shuffled input.
 */
export function collapsePackets({ keysUs, values }: ChannelPackets): ChannelPackets {
  let order: 'strict' | 'ascending' | 'unordered' = 'strict';
  for (let i = 1; i < keysUs.length; i++) {
    if (keysUs[i]! < keysUs[i - 1]!) {
      order = 'unordered';
      break;
    }
    if (keysUs[i] === keysUs[i - 1]) order = 'ascending';
  }
  if (order === 'strict') return { keysUs, values };
  const indices = new Uint32Array(keysUs.length);
  for (let i = 0; i < indices.length; i++) indices[i] = i;
  if (order === 'unordered') {
    // Ties keep stored order, so the last packet of a run of equal keys is the last one written.
    indices.sort((a, b) => (keysUs[a]! < keysUs[b]! ? -1 : keysUs[a]! > keysUs[b]! ? 1 : a - b));
  }
  let count = 0;
  for (let i = 0; i < indices.length; i++) {
    if (i + 1 < indices.length && keysUs[indices[i + 1]!] === keysUs[indices[i]!]) continue;
    indices[count++] = indices[i]!;
  }
  const outKeys = new BigUint64Array(count);
  const outValues = new Float32Array(count);
  for (let k = 0; k < count; k++) {
    outKeys[k] = keysUs[indices[k]!]!;
    outValues[k] = values[indices[k]!]!;
  }
  return { keysUs: outKeys, values: outValues };
}

/**
 * Offsets after the set's start from time keys: `keyUs/10^6 − base` seconds, in microseconds. `base` is
 * 0 for V2 keys (already offsets) and the timing start for V1 keys (epoch times); its denominator is the
 * one the reference uses for its double conversion. With `parity` the result reproduces isx exactly
 * (spec 6.3 quirk: `trunc(fl(fl(N)/fl(L))·1e6)`, 1 µs low for some offsets); otherwise the exact value,
 * truncated toward zero when it is not a whole microsecond. A key before `base` is an error, as in isx.
 */
export function convertOffsets(keysUs: BigUint64Array, base: Ratio, parity: boolean, path: string): BigUint64Array {
  const den = base.den < 0n ? -base.den : base.den;
  const num = base.den < 0n ? -base.num : base.num;
  const fullDen = lcm(den, MICROS_PER_SEC);
  const keyScale = fullDen / MICROS_PER_SEC;
  const baseNum = num * (fullDen / den);
  if (baseNum === 0n && !parity) return keysUs;
  const out = new BigUint64Array(keysUs.length);
  const fullDenFloat = Number(fullDen);
  for (let i = 0; i < keysUs.length; i++) {
    const n = keysUs[i]! * keyScale - baseNum;
    if (n < 0n) {
      throw new IsxError('E_CORRUPT', `Found negative offset for event ${i}: it lies before the set's start`, { path });
    }
    out[i] = parity ? BigInt(Math.trunc((Number(n) / fullDenFloat) * 1e6)) : n / keyScale;
  }
  return out;
}

/** spec 6.3: the channel data of stored packets. */
export function toChannelData(packets: ChannelPackets, base: Ratio, parity: boolean, path: string): ChannelData {
  const { keysUs, values } = collapsePackets(packets);
  return { offsets: convertOffsets(keysUs, base, parity, path), values };
}
