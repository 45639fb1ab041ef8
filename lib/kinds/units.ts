import { extname } from 'node:path';
import { isJsonObject } from '../json/fields.js';
import type { JsonObject, JsonValue } from '../json/jsonValue.js';

/**
 * Units of the values isx-stream writes, as the file states them (cell- and vessel-set trace units) or as
 * the spec defines the stored values (GPIO/IMU channels). `undefined` where neither says: no unit is guessed.
 */

/** spec 5.1, 7.1, 13: `extraProperties.idps.cellset.units` / `idps.vesselset.units` ("Trace Units"). */
export function traceUnit(metadata: JsonObject, set: 'cellset' | 'vesselset'): string | undefined {
  let node: JsonValue | undefined = metadata.extraProperties;
  for (const key of ['idps', set, 'units']) node = isJsonObject(node) ? node[key] : undefined;
  return typeof node === 'string' && node !== '' ? node : undefined;
}

/** Channel name → unit of its values, by the value conversions of spec 9.2 (`.gpio`), 10 (nVoke `.raw`) and 11.2 (IMU). */
const CHANNEL_UNITS: readonly [RegExp, string][] = [
  // Digital lines and triggers are 0/1 states.
  [/^(Digital GP[IO] \d+|SoftTrig-\d+|GPIO[1-4]|SYNC|TRIG)$/, 'state'],
  // spec 9.2: LED power raw/10, counts of 100 µW → mW.
  [/^(EX-LED|OG-LED|DI-LED|EX-LED1|EX-LED2)$/, 'mW'],
  // spec 10: nVoke LED power (powerHi·2 + bit4)/10 in mW/mm².
  [/^(EX_LED|OG_LED|DI_LED)$/, 'mW/mm^2'],
  [/^Frame Count$/, 'frames'],
  // spec 11.2: orientation value/2048 = radians; magnetometer raw counts.
  [/^Ori (yaw|pitch|roll)$/, 'rad'],
  [/^Mag [xyz]$/, 'counts'],
];

/**
 * The unit of a GPIO or IMU channel's values. IMU accelerometer channels are in g when read from a `.imu`
 * file and raw counts from an IMU `.isxd`, as isx returns them (spec 11.2 quirk).
 */
export function channelUnit(name: string, filePath: string): string | undefined {
  if (/^Acc [xyz]$/.test(name)) return extname(filePath).toLowerCase() === '.imu' ? 'g' : 'counts';
  return CHANNEL_UNITS.find(([pattern]) => pattern.test(name))?.[1];
}

/** The one unit every member shares, or undefined when they differ or one has none. */
export function commonUnit(units: readonly (string | undefined)[]): string | undefined {
  const first = units[0];
  return units.every((unit) => unit === first) ? first : undefined;
}
