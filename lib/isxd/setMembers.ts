import { IsxError } from '../errors.js';
import { KIND_NAMES } from '../core/kinds.js';
import {
  asArrayOf,
  asBoolean,
  asSafeInteger,
  asString,
  field,
  headerError,
  type JsonSite,
} from '../json/fields.js';
import type { JsonObject, JsonValue } from '../json/jsonValue.js';
import type { CellStatusName } from '../core/records.js';
import { defaultName } from './defaultNames.js';
import { statusFromCode, statusToCode } from './status.js';

/**
 * The per-member lists that cell sets and vessel sets share (spec 5.1, 7.1): names, statuses, activity
 * and colours, keyed `Cell…` or `Vessel…`.
 */
export interface SetMembers {
  names: string[];
  statuses: CellStatusName[];
  /** Packed 0xAARRGGBB. */
  colors: number[];
  active: boolean[];
}

export type MemberNoun = 'Cell' | 'Vessel';

/** Colour of members in files written before `fileVersion` 2 (spec 5.1): opaque white. */
const DEFAULT_COLOR = 0xffffffff;

/** Rejects a footer of another kind than the reader's (spec 1.3). */
export function expectKind(footer: JsonObject, expected: number, site: JsonSite): void {
  const type = asSafeInteger(field(footer, 'type', site), 'type', site);
  if (type !== expected) {
    const found = KIND_NAMES[type] ?? 'unknown kind';
    throw new IsxError('E_KIND', `footer type ${type} (${found}) is not ${KIND_NAMES[expected]} (type ${expected})`, {
      path: site.path,
      offset: site.offset,
    });
  }
  // spec 1.2: both set kinds store "float" as a string, and isx refuses anything else.
  asString(field(footer, 'dataType', site), 'dataType', site);
}

/**
 * Reads the member lists with the defaults of old file versions: activity all true before version 1,
 * colours white before version 2. Names, statuses and colours must have one entry per member.
 */
export function parseMembers(footer: JsonObject, noun: MemberNoun, fileVersion: number, site: JsonSite): SetMembers {
  const names = asArrayOf(field(footer, `${noun}Names`, site), `${noun}Names`, site, asString);
  const statuses = asArrayOf(field(footer, `${noun}Statuses`, site), `${noun}Statuses`, site, statusFromCode);
  const colors =
    fileVersion >= 2
      ? asArrayOf(field(footer, `${noun}Colors`, site), `${noun}Colors`, site, asColor)
      : names.map(() => DEFAULT_COLOR);
  const activity =
    fileVersion >= 1 ? asArrayOf(field(footer, `${noun}Activity`, site), `${noun}Activity`, site, asBoolean) : [];
  if (statuses.length !== names.length || colors.length !== names.length) {
    throw new IsxError(
      'E_CORRUPT',
      `footer lists disagree on the number of ${noun.toLowerCase()}s: ${noun}Names has ${names.length}, ` +
        `${noun}Statuses ${statuses.length}, ${noun}Colors ${colors.length}`,
      { path: site.path, offset: site.offset },
    );
  }
  // spec 5.2: isxcore does not check the activity list's length; members it does not cover count as active.
  const active = names.map((_, i) => activity[i] ?? true);
  return { names, statuses, colors, active };
}

function asColor(value: JsonValue, name: string, site: JsonSite): number {
  const color = asSafeInteger(value, name, site);
  if (color < 0 || color > 0xffffffff) throw headerError(site, name, 'a u32 colour 0xAARRGGBB', value);
  return color;
}

/**
 * Rejects an index that is not a member of a set of `count`, in isx's words (spec 14): cells and vessels
 * of cell, vessel and event sets, channels of GPIO/IMU sets.
 */
export function checkMemberIndex(index: number, count: number, noun: MemberNoun | 'Channel', path: string): void {
  if (!Number.isSafeInteger(index) || index < 0) {
    throw new IsxError('E_ARGUMENT', `${noun} index ${index} is not a non-negative integer.`, { path });
  }
  if (index >= count) {
    throw new IsxError('E_RANGE', `${noun} index ${index} is too large. There are only ${count} ${noun.toLowerCase()}s.`, {
      path,
    });
  }
}

/** What a writer may say about one member; every field has a default. */
export interface MemberOptions {
  /** Empty or absent: the default name of spec 5.3. */
  name?: string | undefined;
  status?: CellStatusName | undefined;
  /** Packed 0xAARRGGBB; default opaque white. */
  color?: number | undefined;
  active?: boolean | undefined;
}

/** Checks one member's options and fills in the defaults except the name, which needs the final count. */
export function normalizeMember(options: MemberOptions, path: string): { name: string; status: number; color: number; active: boolean } {
  const color = options.color ?? DEFAULT_COLOR;
  if (!Number.isInteger(color) || color < 0 || color > 0xffffffff) {
    throw new IsxError('E_ARGUMENT', `color must be a u32 0xAARRGGBB, not ${color}`, { path });
  }
  return {
    name: options.name ?? '',
    // spec 1.2: new members are undecided.
    status: statusToCode(options.status ?? 'undecided', path),
    color,
    active: options.active ?? true,
  };
}

/** The footer lists for members written in order, naming unnamed ones by spec 5.3. */
export function encodeMembers(
  members: readonly { name: string; status: number; color: number; active: boolean }[],
  noun: MemberNoun,
): JsonObject {
  const prefix = noun === 'Cell' ? 'C' : 'V';
  return {
    [`${noun}Names`]: members.map((m, i) => (m.name === '' ? defaultName(prefix, i, members.length) : m.name)),
    [`${noun}Statuses`]: members.map((m) => m.status),
    [`${noun}Colors`]: members.map((m) => m.color),
    [`${noun}Activity`]: members.map((m) => m.active),
  };
}
