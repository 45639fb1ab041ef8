import { IsxError } from '../errors.js';
import { asArray, asNumber, isJsonObject, type JsonSite } from '../json/fields.js';
import type { JsonValue } from '../json/jsonValue.js';

/** Trace metrics event detection stores per cell (spec 6.1 `metrics`); NaN where the file has `null`. */
export interface EventMetrics {
  snr: number;
  mad: number;
  eventRate: number;
  eventAmpMedian: number;
  eventAmpSD: number;
  riseMedian: number;
  riseSD: number;
  decayMedian: number;
  decaySD: number;
}

/** The nine entries of a metrics array, in stored order (spec 6.1). */
const METRIC_NAMES = [
  'snr',
  'mad',
  'eventRate',
  'eventAmpMedian',
  'eventAmpSD',
  'riseMedian',
  'riseSD',
  'decayMedian',
  'decaySD',
] as const satisfies readonly (keyof EventMetrics)[];

/**
 * Reads the footer `metrics` key: absent or `null` means no channel has metrics; otherwise one entry per
 * channel, `{}` (none computed, e.g. a cell without events) or nine numbers with `null` for NaN.
 */
export function parseEventMetrics(value: JsonValue | undefined, numChannels: number, site: JsonSite): (EventMetrics | null)[] {
  if (value === undefined || value === null) return new Array<EventMetrics | null>(numChannels).fill(null);
  const entries = asArray(value, 'metrics', site);
  if (entries.length !== numChannels) {
    throw new IsxError('E_HEADER', `footer key "metrics" has ${entries.length} entries for ${numChannels} channels`, {
      path: site.path,
      offset: site.offset,
    });
  }
  return entries.map((entry, c) => parseEntry(entry, `metrics[${c}]`, site));
}

function parseEntry(entry: JsonValue, name: string, site: JsonSite): EventMetrics | null {
  if (isJsonObject(entry) && Object.keys(entry).length === 0) return null;
  const numbers = asArray(entry, name, site);
  if (numbers.length !== METRIC_NAMES.length) {
    throw new IsxError('E_HEADER', `footer key "${name}": expected {} or ${METRIC_NAMES.length} numbers, found ${numbers.length}`, {
      path: site.path,
      offset: site.offset,
    });
  }
  const metrics = {} as EventMetrics;
  METRIC_NAMES.forEach((key, i) => {
    metrics[key] = asNumber(numbers[i], `${name}[${i}]`, site);
  });
  return metrics;
}
