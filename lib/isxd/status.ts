import { IsxError } from '../errors.js';
import { asSafeInteger, headerError, type JsonSite } from '../json/fields.js';
import type { JsonValue } from '../json/jsonValue.js';
import { CELL_STATUSES, type CellStatusName } from '../core/records.js';

/** The status of a cell or vessel from its footer code 0, 1 or 2. */
export function statusFromCode(value: JsonValue | undefined, name: string, site: JsonSite): CellStatusName {
  const code = asSafeInteger(value, name, site);
  const status = CELL_STATUSES[code];
  if (status === undefined) throw headerError(site, name, 'a status code 0 (accepted), 1 (undecided) or 2 (rejected)', value);
  return status;
}

/** The footer code of a status; rejects anything but the three names. */
export function statusToCode(status: CellStatusName, path?: string): number {
  const code = CELL_STATUSES.indexOf(status);
  if (code < 0) {
    throw new IsxError('E_ARGUMENT', `status must be 'accepted', 'undecided' or 'rejected', not ${JSON.stringify(status)}`, {
      path,
    });
  }
  return code;
}
