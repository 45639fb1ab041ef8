import { IsxError } from '../errors.js';
import type { EventModel } from '../events/eventModel.js';
import type { ByteSource } from '../io/byteSource.js';
import type { JsonValue } from '../json/jsonValue.js';
import { buildGpioModel, GpioRecorder } from './convertGpio.js';
import {
  CLOSED_LOOP_FILE_FORMAT,
  decodeGpioPayload,
  GPIO_EVENT_SIGNATURE,
  GPIO_PACKET_HEADER_BYTES,
  GPIO_PAYLOAD_WORDS,
  GPIO_SYNC_WORD,
} from './gpioPackets.js';
import { NO_GPIO_STREAM } from '../events/noDataStream.js';
import { parseGpioHeader, type GpioHeader } from './parseGpioHeader.js';
import { readJsonAt } from '../json/readJsonAt.js';

/**
 * Reads an nVista 3 / nVoke 2 raw `.gpio` file into the V2 event content the reference converter would
 * write to `<name>_gpio.isxd` (spec 9).
 */
export async function readRawGpio(source: ByteSource): Promise<EventModel> {
  const header = await parseGpioHeader(source);
  const closedLoop = header.fileFormat === CLOSED_LOOP_FILE_FORMAT;
  const recorder = new GpioRecorder();
  const stream = await source.readAt(header.eventDataOffset, source.size - header.eventDataOffset, 'GPIO event stream');
  const syncCount = scanGpioStream(stream, closedLoop, recorder);
  if (syncCount === 0) throw new IsxError('E_CORRUPT', NO_GPIO_STREAM, { path: source.path, offset: header.eventDataOffset });
  recorder.close();
  return buildGpioModel(recorder, { start: header.start, closedLoop, session: await readGpioSession(source, header) });
}

/**
 * Scans the event stream word by word for sync words and decodes event packets (spec 9.1). Returns the
 * number of sync words seen. Packets are not length-delimited: a skipped packet resumes the scan right
 * after its header, and a packet cut off by the end of the file ends the stream.
 */
function scanGpioStream(stream: Uint8Array, closedLoop: boolean, recorder: GpioRecorder): number {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  const length = stream.byteLength;
  let syncCount = 0;
  let at = 0;
  while (at + 4 <= length) {
    const word = view.getUint32(at, true);
    at += 4;
    if (word !== GPIO_SYNC_WORD) continue;
    syncCount++;
    if (at + GPIO_PACKET_HEADER_BYTES > length) break;
    const type = view.getUint32(at, true);
    const sequence = view.getUint32(at + 4, true);
    const payloadWords = view.getUint32(at + 8, true);
    at += GPIO_PACKET_HEADER_BYTES;
    if (type >>> 8 !== GPIO_EVENT_SIGNATURE) continue;
    // The sequence check comes before the payload checks: skipped event packets still count (spec 9.4).
    recorder.noteSequence(sequence);
    const expectedWords = GPIO_PAYLOAD_WORDS.get(type);
    // Unknown 0x40xx types and packets declaring a wrong size consume nothing (spec 9.1).
    if (expectedWords === undefined || payloadWords !== expectedWords) continue;
    const payloadBytes = expectedWords * 4;
    if (at + payloadBytes > length) break;
    decodeGpioPayload(type, view, at, closedLoop, recorder);
    at += payloadBytes;
  }
  return syncCount;
}

/** The session JSON (spec 9.1), which ends before the event stream when it precedes it. */
async function readGpioSession(source: ByteSource, header: GpioHeader): Promise<JsonValue | undefined> {
  const offset = header.sessionDataOffset;
  if (offset === 0) return undefined;
  const end = offset < header.eventDataOffset ? header.eventDataOffset : source.size;
  return await readJsonAt(source, offset, end, 'GPIO session JSON');
}
