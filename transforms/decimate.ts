import { none } from 'stream-chain';
import { IsxError } from '../lib/errors.js';
import type { FrameRecord } from '../lib/core/records.js';

/** Records `decimate` can thin: indexed ones (frames, trace rows) or per-channel ones (samples, events). */
export type DecimatableRecord =
  | { index: number }
  | { sampleIndex: number }
  | { channelIndex: number }
  | { cellIndex: number };

/**
 * A stage that keeps every `factor`-th record, starting at position `phase` (default 0): records whose
 * position `p` has `p % factor === phase`. The position is the record's own index (frames: `index`,
 * trace rows: `sampleIndex`), so the result does not depend on what came before; samples and events
 * carry no index and count in arrival order per channel (`channelIndex`, `cellIndex`).
 */
export function decimate<T extends DecimatableRecord = FrameRecord>(factor: number, phase = 0): (record: T) => T | typeof none {
  if (!Number.isSafeInteger(factor) || factor < 1) {
    throw new IsxError('E_ARGUMENT', `decimate: factor must be a whole number >= 1, found ${factor}`);
  }
  if (!Number.isSafeInteger(phase) || phase < 0 || phase >= factor) {
    throw new IsxError('E_ARGUMENT', `decimate: phase must be a whole number in [0, ${factor - 1}], found ${phase}`);
  }
  const counts = new Map<number, number>();
  const positionOf = (record: DecimatableRecord): number => {
    if ('index' in record) return record.index;
    if ('sampleIndex' in record) return record.sampleIndex;
    const channel = 'channelIndex' in record ? record.channelIndex : record.cellIndex;
    const position = counts.get(channel) ?? 0;
    counts.set(channel, position + 1);
    return position;
  };
  return (record) => (positionOf(record) % factor === phase ? record : none);
}
