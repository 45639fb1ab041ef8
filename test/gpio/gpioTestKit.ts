import { expect } from 'chai';
import type { EventModel } from '../../lib/events/eventModel.js';
import type { ByteSource } from '../../lib/io/byteSource.js';
import { FileSource } from '../../lib/io/fileSource.js';
export { rejection } from '../helpers/errors.js';

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

