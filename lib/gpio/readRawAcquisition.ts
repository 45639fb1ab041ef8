import { extname } from 'node:path';
import { IsxError } from '../errors.js';
import type { EventModel } from '../events/eventModel.js';
import { readRawImu } from '../imu/readRawImu.js';
import type { ByteSource } from '../io/byteSource.js';
import { readNvokeRaw } from '../nvoke/readNvokeRaw.js';
import { readRawGpio } from './readRawGpio.js';

/** Raw acquisition files the reference converts to an event `.isxd` before reading (spec 1.1), by extension. */
const RAW_READERS: ReadonlyMap<string, (source: ByteSource) => Promise<EventModel>> = new Map([
  ['.gpio', readRawGpio],
  ['.raw', readNvokeRaw],
  ['.imu', readRawImu],
]);

/** Whether `path` names a raw `.gpio`, `.raw` or `.imu` file (extension compared case-insensitively). */
export function isRawAcquisitionPath(path: string): boolean {
  return RAW_READERS.has(extname(path).toLowerCase());
}

/** Parses a raw `.gpio`, `.raw` or `.imu` file, chosen by the extension of `source.path`, in memory. */
export async function readRawAcquisition(source: ByteSource): Promise<EventModel> {
  const extension = extname(source.path).toLowerCase();
  const read = RAW_READERS.get(extension);
  if (read === undefined) {
    throw new IsxError('E_UNSUPPORTED', `not a raw GPIO or IMU file: extension "${extension}" is not .gpio, .raw or .imu`, {
      path: source.path,
    });
  }
  return await read(source);
}
