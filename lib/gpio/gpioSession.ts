import { isJsonObject } from '../json/fields.js';
import { jsonInt } from '../core/ratio.js';
import type { JsonObject, JsonValue } from '../json/jsonValue.js';
import type { GpioRenames } from './gpioChannels.js';

export interface GpioSessionEffects {
  /** Session JSON plus `firstTsc`; `null` without a usable session (spec 9.5). */
  extraProperties: JsonValue;
  /** Sampling clock of the set's timing (spec 9.5). */
  adClockHz: number;
  renames: GpioRenames;
}

const DEFAULT_AD_CLOCK_HZ = 1000;

/**
 * What the session JSON of a `.gpio` file changes in the converted set. The reference applies the steps in
 * order (extra properties, AD clock, dual-colour renames, closed-loop renames) and a step that finds the
 * session malformed silently ends the sequence, keeping what earlier steps did; the same happens here.
 */
export function interpretGpioSession(
  session: JsonValue | undefined,
  firstTsc: bigint,
  closedLoop: boolean,
): GpioSessionEffects {
  const effects: GpioSessionEffects = {
    extraProperties: null,
    adClockHz: DEFAULT_AD_CLOCK_HZ,
    renames: { dualColor: false, softTriggers: false },
  };
  if (session === undefined) return effects;
  // A `null` session becomes an object holding only firstTsc (the reference's JSON library does that).
  if (session !== null && !isJsonObject(session)) return effects;
  const extra: JsonObject = { ...(session ?? {}), firstTsc: jsonInt(firstTsc) };
  effects.extraProperties = extra;
  const clock = lookUpAdClockHz(extra);
  if (clock === undefined) return effects;
  effects.adClockHz = clock;
  const dualColor = isDualColor(extra);
  if (dualColor === undefined) return effects;
  effects.renames = { dualColor, softTriggers: closedLoop };
  return effects;
}

/**
 * spec 9.5: `session[session.adMode].clock` when `adMode` exists (no fallback if that lookup fails), else
 * `ad.clock`, else `autoAd.clock`, else 1000 Hz. `undefined` = malformed. Fractions truncate, as the
 * reference converts the clock to an unsigned integer.
 */
function lookUpAdClockHz(session: JsonObject): number | undefined {
  let holder: JsonValue | undefined;
  if (Object.hasOwn(session, 'adMode')) {
    const mode = session.adMode;
    if (typeof mode !== 'string' || !Object.hasOwn(session, mode)) return undefined;
    holder = session[mode];
  } else if (Object.hasOwn(session, 'ad')) {
    holder = session.ad;
  } else if (Object.hasOwn(session, 'autoAd')) {
    holder = session.autoAd;
  } else {
    return DEFAULT_AD_CLOCK_HZ;
  }
  if (!isJsonObject(holder) || !Object.hasOwn(holder, 'clock')) return undefined;
  const clock = holder.clock;
  const hz = typeof clock === 'bigint' ? Number(clock) : typeof clock === 'number' ? Math.trunc(clock) : Number.NaN;
  return Number.isSafeInteger(hz) && hz > 0 ? hz : undefined;
}

/** `session.microscope.dualColor.enabled`; absent objects mean false; `undefined` = malformed. */
function isDualColor(session: JsonObject): boolean | undefined {
  const microscope = Object.hasOwn(session, 'microscope') ? session.microscope : null;
  if (microscope === null || microscope === undefined) return false;
  if (!isJsonObject(microscope)) return undefined;
  const dualColor = Object.hasOwn(microscope, 'dualColor') ? microscope.dualColor : null;
  if (dualColor === null || dualColor === undefined) return false;
  if (!isJsonObject(dualColor)) return undefined;
  const enabled = dualColor.enabled;
  return typeof enabled === 'boolean' ? enabled : undefined;
}
