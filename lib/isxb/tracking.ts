import {
  asArray,
  asArrayOf,
  asBoolean,
  asNumber,
  asObject,
  asSafeInteger,
  asString,
  field,
  headerError,
  isJsonObject,
  optionalField,
  type JsonSite,
} from '../json/fields.js';
import type { JsonObject, JsonValue } from '../json/jsonValue.js';
import type { TrackingRecord } from '../core/records.js';

/** The geometry kinds nVision draws (spec 8.3, session `trackingInterface[].zones[].geometry.type`). */
export type ZoneType = 'rectangle' | 'polygon' | 'ellipse';

/** A zone drawn in nVision for the movie's camera, from the session JSON. */
export interface Zone {
  /** Session id (milliseconds-since-epoch style). Frames carry its low 32 bits (see quirks.ts). */
  id: number;
  enabled: boolean;
  name: string;
  description: string;
  /** Unrecognised types are kept as stored. */
  type: ZoneType | string;
  /** Corner points (rectangle, polygon) or the centre (ellipse), in pixels. */
  points: [x: number, y: number][];
  /** Ellipse axes and angle (degrees); 0 when not given. */
  majorAxis: number;
  minorAxis: number;
  angle: number;
  /** Session `triggerEvent` (`entry`, ...) and `triggerType` (`softTrig-1`...), when present. */
  triggerEvent?: string;
  triggerType?: string;
}

/**
 * spec 8.2: `tracker` of one per-frame sample: `box` = [left, top, right, bottom], `conf`, and `zones`
 * as one object or an array of objects. A tracker without a box carries no tracking.
 */
export function parseTracker(value: JsonValue, name: string, site: JsonSite): TrackingRecord | undefined {
  const tracker = asObject(value, name, site);
  const boxValue = optionalField(tracker, 'box');
  if (boxValue === undefined) return undefined;
  const box = asArrayOf(boxValue, `${name}.box`, site, asNumber);
  if (box.length !== 4) throw headerError(site, `${name}.box`, '[left, top, right, bottom]', boxValue);
  const zonesValue = optionalField(tracker, 'zones');
  const zoneList = zonesValue === undefined || zonesValue === null ? [] : Array.isArray(zonesValue) ? zonesValue : [zonesValue];
  return {
    box: [box[0]!, box[1]!, box[2]!, box[3]!],
    confidence: asNumber(field(tracker, 'conf', site, `${name}.conf`), `${name}.conf`, site),
    zones: zoneList.map((z, i) => parseFrameZone(z, `${name}.zones[${i}]`, site)),
  };
}

function parseFrameZone(value: JsonValue, name: string, site: JsonSite): TrackingRecord['zones'][number] {
  const zone = asObject(value, name, site);
  const result: TrackingRecord['zones'][number] = {
    id: asSafeInteger(field(zone, 'id', site, `${name}.id`), `${name}.id`, site),
    name: asString(field(zone, 'name', site, `${name}.name`), `${name}.name`, site),
  };
  const event = optionalField(zone, 'event');
  if (event !== undefined) result.event = asString(event, `${name}.event`, site);
  const trig = optionalField(zone, 'trig');
  if (trig !== undefined) result.trig = asString(trig, `${name}.trig`, site);
  return result;
}

/**
 * Zone definitions for the movie's camera (spec 8.3): the `trackingInterface` entry whose `cameraName`
 * equals the camera's alias (`processingInterface[cameraName].cameraAlias`, when not empty) or else the
 * session `cameraName`. No tracking section, or no entry for this camera, gives no zones.
 */
export function readZones(session: JsonObject, site: JsonSite): Zone[] {
  const tracking = optionalField(session, 'trackingInterface');
  const processing = optionalField(session, 'processingInterface');
  const cameraName = optionalField(session, 'cameraName');
  if (!Array.isArray(tracking) || !isJsonObject(processing) || typeof cameraName !== 'string') return [];
  const camera = optionalField(processing, cameraName);
  const alias = isJsonObject(camera) ? optionalField(camera, 'cameraAlias') : undefined;
  const trackedName = typeof alias === 'string' && alias !== '' ? alias : cameraName;
  const index = tracking.findIndex((entry) => isJsonObject(entry) && entry.cameraName === trackedName);
  if (index < 0) return [];
  const name = `trackingInterface[${index}].zones`;
  const zones = optionalField(tracking[index] as JsonObject, 'zones');
  if (zones === undefined || zones === null) return [];
  return asArray(zones, name, site).map((z, i) => parseZone(z, `${name}[${i}]`, site));
}

function parseZone(value: JsonValue, name: string, site: JsonSite): Zone {
  const zone = asObject(value, name, site);
  const geometry = asObject(field(zone, 'geometry', site, `${name}.geometry`), `${name}.geometry`, site);
  const points = asArrayOf(field(geometry, 'coordinates', site, `${name}.geometry.coordinates`), `${name}.geometry.coordinates`, site, (p, n, s) => {
    const xy = asArrayOf(p, n, s, asNumber);
    return [xy[0] ?? Number.NaN, xy[1] ?? Number.NaN] as [number, number];
  });
  const props = optionalField(geometry, 'properties');
  const prop = (key: string): number => {
    const v = isJsonObject(props) ? optionalField(props, key) : undefined;
    return v === undefined ? 0 : asNumber(v, `${name}.geometry.properties.${key}`, site);
  };
  const result: Zone = {
    id: asSafeInteger(field(zone, 'id', site, `${name}.id`), `${name}.id`, site),
    enabled: asBoolean(field(zone, 'enable', site, `${name}.enable`), `${name}.enable`, site),
    name: asString(field(zone, 'name', site, `${name}.name`), `${name}.name`, site),
    description: asString(optionalField(zone, 'description') ?? '', `${name}.description`, site),
    type: asString(field(geometry, 'type', site, `${name}.geometry.type`), `${name}.geometry.type`, site),
    points,
    majorAxis: prop('majorAxis'),
    minorAxis: prop('minorAxis'),
    angle: prop('angle'),
  };
  const triggerEvent = optionalField(zone, 'triggerEvent');
  if (typeof triggerEvent === 'string') result.triggerEvent = triggerEvent;
  const triggerType = optionalField(zone, 'triggerType');
  if (typeof triggerType === 'string') result.triggerType = triggerType;
  return result;
}
