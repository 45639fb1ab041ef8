import { writeFileAtomically } from '../../lib/io/writeFileAtomically.js';
import type { JsonObject, JsonValue } from '../../lib/json/jsonValue.js';
import { stringifyJson } from '../../lib/json/stringifyJson.js';
import { encodeIsxbHeader, ISXB_FILE_VERSION, ISXB_HEADER_BYTES } from '../../lib/isxb/isxbHeader.js';

/** One stored frame's per-frame entry (spec 8.2). `tracker` is written as given. */
export interface IsxbSampleInit {
  fc: bigint | number;
  tsc: bigint | number;
  tracker?: JsonObject;
}

/** Everything a synthetic `.isxb` holds (spec 16, `.isxb`). */
export interface IsxbInit {
  /** One complete JPEG image per stored (non-dropped) frame, in order. */
  jpegs: readonly Uint8Array[];
  /** One per JPEG; omit for a file without per-frame samples. */
  samples?: readonly IsxbSampleInit[];
  /** Time indices of dropped frames; the header's numDrops is their count. */
  droppedFrames?: readonly number[];
  /** Session JSON: needs `timingInfo` + `spacingInfo`, or `cameraName` + `processingInterface[cameraName].recordFov`. */
  session: JsonObject;
  /** Recording start, milliseconds since the Unix epoch (default 0). */
  epochMs?: bigint | number;
  utcOffsetMinutes?: number;
}

/** The bytes of an `.isxb` file: header, JPEGs back to back, per-frame JSON, session JSON right after it. */
export function encodeIsxb(init: IsxbInit): Uint8Array {
  const videoSize = init.jpegs.reduce((sum, j) => sum + j.byteLength, 0);
  const dropped = [...(init.droppedFrames ?? [])];
  const hasFrameJson = init.samples !== undefined || dropped.length > 0;
  const frameJson: JsonObject = { droppedFrames: dropped };
  if (init.samples) frameJson.samples = init.samples.map(encodeSample);
  const meta = hasFrameJson ? Buffer.from(stringifyJson(frameJson), 'utf8') : new Uint8Array(0);
  const session = Buffer.from(stringifyJson(init.session), 'utf8');
  const video = { offset: ISXB_HEADER_BYTES, size: videoSize };
  const metaRange = { offset: video.offset + videoSize, size: meta.byteLength };
  // spec 8.1 quirk: readers take the session from right after the per-frame JSON.
  const sessionRange = { offset: metaRange.offset + metaRange.size, size: session.byteLength };
  const header = encodeIsxbHeader({
    fileVersion: ISXB_FILE_VERSION,
    headerSize: ISXB_HEADER_BYTES,
    epochMs: BigInt(init.epochMs ?? 0),
    utcOffsetMinutes: init.utcOffsetMinutes ?? 0,
    numFrames: init.jpegs.length,
    numDrops: dropped.length,
    video,
    meta: metaRange,
    session: sessionRange,
  });
  const out = new Uint8Array(sessionRange.offset + sessionRange.size);
  out.set(header, 0);
  let at = video.offset;
  for (const jpeg of init.jpegs) {
    out.set(jpeg, at);
    at += jpeg.byteLength;
  }
  out.set(meta, metaRange.offset);
  out.set(session, sessionRange.offset);
  return out;
}

/** Writes a synthetic `.isxb` atomically (for tests and demo data; isx itself cannot write one). */
export async function writeIsxb(path: string, init: IsxbInit, options: { overwrite?: boolean } = {}): Promise<void> {
  await writeFileAtomically(path, encodeIsxb(init), options);
}

/** A minimal raw-acquisition session JSON: camera `cameraName` recording `cols x rows` (spec 8.4). */
export function makeIsxbSession(cols: number, rows: number, extra: JsonObject = {}, cameraName = 'camera-1'): JsonObject {
  return {
    cameraName,
    processingInterface: { [cameraName]: { cameraAlias: '', recordFov: { width: cols, height: rows, originx: 0, originy: 0 } } },
    ...extra,
  };
}

function encodeSample(sample: IsxbSampleInit): JsonValue {
  const out: JsonObject = { fc: BigInt(sample.fc), tsc: BigInt(sample.tsc) };
  if (sample.tracker) out.tracker = sample.tracker;
  return out;
}
