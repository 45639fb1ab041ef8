import { IsxError } from '../errors.js';
import { asSafeInteger, headerError, type JsonSite } from '../json/fields.js';
import type { JsonValue } from '../json/jsonValue.js';
import type { CellStatusName } from '../core/records.js';

/** `CellStatuses` / `VesselStatuses` codes, in code order (spec 1.2). */
const STATUS_NAMES: readonly CellStatusName[] = ['accepted', 'undecided', 'rejected'];

/** The status of a cell or vessel from its footer code 0, 1 or 2. */
export function statusFromCode(value: JsonValue | undefined, name: string, site: JsonSite): CellStatusName {
  const code = asSafeInteger(value, name, site);
  const status = STATUS_NAMES[code];
  if (status === undefined) throw headerError(site, name, 'a status code 0 (accepted), 1 (undecided) or 2 (rejected)', value);
  return status;
}

/** The footer code of a status; rejects anything but the three names. */
export function statusToCode(status: CellStatusName, path?: string): number {
  const code = STATUS_NAMES.indexOf(status);
  if (code < 0) {
    throw new IsxError('E_ARGUMENT', `status must be 'accepted', 'undecided' or 'rejected', not ${JSON.stringify(status)}`, {
      path,
    });
  }
  return code;
}
