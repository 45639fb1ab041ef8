import { asObject, asSafeInteger, field, type JsonSite } from '../json/fields.js';
import type { JsonObject, JsonValue } from '../json/jsonValue.js';
import { Ratio } from './ratio.js';

/** A point in time (spec 3.2): exact seconds since the Unix epoch, plus the local UTC offset in seconds. */
export class Time {
  constructor(
    readonly secsSinceEpoch: Ratio,
    readonly utcOffset = 0,
  ) {}

  static fromJson(value: JsonValue | undefined, name: string, site: JsonSite): Time {
    const obj = asObject(value, name, site);
    const secs = Ratio.fromJson(field(obj, 'secsSinceEpoch', site, `${name}.secsSinceEpoch`), `${name}.secsSinceEpoch`, site);
    const offset = Object.hasOwn(obj, 'utcOffset') ? asSafeInteger(obj.utcOffset, `${name}.utcOffset`, site) : 0;
    return new Time(secs, offset);
  }

  static fromMicros(us: bigint | number, utcOffset = 0): Time {
    return new Time(Ratio.fromMicros(us), utcOffset);
  }

  toJson(): JsonObject {
    return { secsSinceEpoch: this.secsSinceEpoch.toJson(), utcOffset: this.utcOffset };
  }

  add(duration: Ratio): Time {
    return new Time(this.secsSinceEpoch.add(duration), this.utcOffset);
  }

  /** Microseconds since the epoch, rounded to the nearest microsecond. */
  toMicros(): bigint {
    return this.secsSinceEpoch.toMicrosRounded();
  }

  /** The UTC instant as a JS Date (millisecond resolution). */
  toDate(): Date {
    return new Date(Number(this.toMicros()) / 1000);
  }

  equals(other: Time): boolean {
    return this.secsSinceEpoch.equals(other.secsSinceEpoch) && this.utcOffset === other.utcOffset;
  }
}
