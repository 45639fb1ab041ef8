import { IsxError } from '../errors.js';
import { Ratio } from '../core/ratio.js';
import { Time } from '../core/time.js';
import { Timing } from '../core/timing.js';
import {
  asArray,
  asArrayOf,
  asBigInt,
  asBoolean,
  asObject,
  asSafeInteger,
  asString,
  asUnsigned,
  field,
  headerError,
  optionalField,
  type JsonSite,
} from '../json/fields.js';
import type { JsonObject, JsonValue } from '../json/jsonValue.js';
import { compareBytewise } from '../json/stringifyJson.js';
import type { SignalType } from './eventModel.js';
import { parseEventMetrics, type EventMetrics } from './eventMetrics.js';

/** Footer of a V2 event-based file (spec 6.1). */
export interface V2Header {
  layout: 'V2';
  type: 3 | 5 | 7;
  fileVersion: number;
  channelNames: string[];
  /** `global times`: offsets count from `start`. */
  start: Time;
  end: Time;
  signalSteps: Ratio[];
  signalTypes: SignalType[];
  /** Informational (spec 6.1); the payload is what counts. */
  startOffsets: bigint[];
  /** Packets per channel; their sum must be the payload's packet count. */
  numSamples: number[];
  metrics: (EventMetrics | null)[];
  extraProperties: JsonValue;
}

/** One channel block of a V1 file. */
export interface V1Channel {
  name: string;
  /** Byte offset of the block's NUL-terminated JSON header. */
  offset: number;
}

/** Footer of a V1 (legacy) event-based file (spec 6.4). */
export interface V1Header {
  layout: 'V1';
  type: 3 | 5;
  fileVersion: number;
  timing: Timing;
  /** In byte-wise order of their names, which is the channel order (spec 6.4). */
  channels: V1Channel[];
  analog: boolean;
  extraProperties: JsonValue;
}

export type EventHeader = V1Header | V2Header;

/** spec 6.4: version 0 files predate the `analog` key; this channel marks an analog file. */
const V0_ANALOG_CHANNEL = 'GPIO4_AI';

/** Parses the footer of an event set, GPIO or IMU `.isxd`, choosing the layout by `fileType` (spec 1.2). */
export function parseEventFooter(json: JsonObject, site: JsonSite): EventHeader {
  const fileType = optionalField(json, 'fileType');
  const code = fileType === undefined ? 0 : asSafeInteger(fileType, 'fileType', site);
  if (code === 0) return parseV1(json, site);
  if (code === 1) return parseV2(json, site);
  throw new IsxError(
    'E_UNSUPPORTED',
    `footer key "fileType" is ${code}; expected absent or 0 (V1) or 1 (V2). The file is not a valid events file.`,
    { path: site.path, offset: site.offset },
  );
}

function parseV2(json: JsonObject, site: JsonSite): V2Header {
  const type = asSafeInteger(field(json, 'type', site), 'type', site);
  if (type !== 3 && type !== 5 && type !== 7) {
    throw new IsxError('E_KIND', `Expected type to be GPIO, IMU or EVENTS. Instead got ${type}.`, { path: site.path, offset: site.offset });
  }
  const fileVersion = asUnsigned(field(json, 'fileVersion', site), 'fileVersion', site);
  if (fileVersion === 0) {
    throw new IsxError(
      'E_UNSUPPORTED',
      'Version 0 of the new type of events file is not supported. Recreate the events file by rerunning event detection or using the API directly.',
      { path: site.path, offset: site.offset },
    );
  }
  const channelNames = asArrayOf(field(json, 'channel list', site), 'channel list', site, asString);
  const times = asArray(field(json, 'global times', site), 'global times', site);
  if (times.length !== 2) throw headerError(site, 'global times', '[start, end]', times);
  const perChannel = <T>(key: string, item: (v: JsonValue, name: string, site: JsonSite) => T): T[] => {
    const values = asArrayOf(field(json, key, site), key, site, item);
    if (values.length !== channelNames.length) {
      throw new IsxError('E_HEADER', `footer key "${key}" has ${values.length} entries for ${channelNames.length} channels`, {
        path: site.path,
        offset: site.offset,
      });
    }
    return values;
  };
  return {
    layout: 'V2',
    type,
    fileVersion,
    channelNames,
    start: Time.fromJson(times[0], 'global times[0]', site),
    end: Time.fromJson(times[1], 'global times[1]', site),
    signalSteps: perChannel('signalSteps', Ratio.fromJson),
    signalTypes: perChannel('signalTypes', asSignalType),
    startOffsets: perChannel('startOffsets', asBigInt),
    numSamples: perChannel('numSamples', asUnsigned),
    metrics: parseEventMetrics(optionalField(json, 'metrics'), channelNames.length, site),
    extraProperties: optionalField(json, 'extraProperties') ?? null,
  };
}

function parseV1(json: JsonObject, site: JsonSite): V1Header {
  const type = asSafeInteger(field(json, 'type', site), 'type', site);
  if (type !== 3 && type !== 5) {
    throw new IsxError('E_KIND', `Expected type to be GPIO or EVENTS. Instead got ${type}.`, { path: site.path, offset: site.offset });
  }
  const fileVersion = asUnsigned(field(json, 'fileVersion', site), 'fileVersion', site);
  const offsets = asObject(field(json, 'channel offsets', site), 'channel offsets', site);
  // spec 6.4: the channel order is the byte-wise order of the names, whatever the order in the file.
  const channels = Object.keys(offsets)
    .sort(compareBytewise)
    .map((name) => ({ name, offset: asUnsigned(offsets[name], `channel offsets.${name}`, site) }));
  const analogKey = optionalField(json, 'analog');
  const analog =
    fileVersion === 0
      ? channels.some((c) => c.name === V0_ANALOG_CHANNEL)
      : analogKey !== undefined && asBoolean(analogKey, 'analog', site);
  return {
    layout: 'V1',
    type,
    fileVersion,
    timing: Timing.fromJson(field(json, 'timing info', site), 'timing info', site),
    channels,
    analog,
    extraProperties: optionalField(json, 'extraProperties') ?? null,
  };
}

function asSignalType(value: JsonValue, name: string, site: JsonSite): SignalType {
  if (value === 0 || value === 1) return value;
  throw headerError(site, name, '0 (sparse) or 1 (dense)', value);
}
