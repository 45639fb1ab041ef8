import { expect } from 'chai';
import type { EventModel } from '../../lib/events/eventModel.js';
import type { ByteSource } from '../../lib/io/byteSource.js';
import { FileSource } from '../../lib/io/fileSource.js';
export { rejection } from '../helpers/errors.js';

/** The 26 channels of a CAPTURE_ALL file in the order of spec 9.3. */
export const CAPTURE_ALL_ORDER = [
  ...Array.from({ length: 8 }, (_, i) => `Digital GPI ${i}`),
  ...Array.from({ length: 8 }, (_, i) => `Digital GPO ${i}`),
  'GPIO-1',
  'GPIO-2',
  'GPIO-3',
  'GPIO-4',
  'EX-LED',
  'OG-LED',
  'DI-LED',
  'e-focus',
  'BNC Sync Output',
  'BNC Trigger Input',
];

/** Opens `path` and parses it with `read`, closing the file afterwards. */
export async function parseFile(path: string, read: (source: ByteSource) => Promise<EventModel>): Promise<EventModel> {
  await using source = await FileSource.open(path);
  return await read(source);
}

/** The packets of one channel in stored order as `[offsetUs, value]` pairs (duplicates kept). */
export function packetsOf(model: EventModel, name: string): [number, number][] {
  const index = model.channelNames.indexOf(name);
  expect(index, `channel ${name}`).to.be.at.least(0);
  const points: [number, number][] = [];
  for (let i = 0; i < model.channels.length; i++) {
    if (model.channels[i] === index) points.push([Number(model.offsetsUs[i]), model.values[i]!]);
  }
  return points;
}

