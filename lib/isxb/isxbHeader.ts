import { IsxError } from '../errors.js';
import type { ByteSource } from '../io/byteSource.js';
import { sessionStart } from './quirks.js';

/** spec 8.1: twelve u64 fields. */
export const ISXB_HEADER_BYTES = 96;
/** spec 8.1: the `fileVersion` isxcore writes (not checked on read). */
export const ISXB_FILE_VERSION = 100;

/** A byte range of the file. */
export interface ByteRange {
  offset: number;
  size: number;
}

/** The fixed header of an nVision `.isxb` movie (spec 8.1), with every range checked against the file. */
export interface IsxbHeader {
  fileVersion: number;
  headerSize: number;
  /** Recording start in milliseconds since the Unix epoch. */
  epochMs: bigint;
  /** Local time minus UTC, in minutes (spec 8.1). */
  utcOffsetMinutes: number;
  /** Stored JPEG images. */
  numFrames: number;
  numDrops: number;
  video: ByteRange;
  /** Per-frame JSON; `size` may be 0. */
  meta: ByteRange;
  /** The session JSON as declared in the header. */
  session: ByteRange;
  /** Where the session JSON is actually read (spec 8.1 quirk, see quirks.ts). */
  sessionRead: ByteRange;
}

/** u64 fields in header order (spec 8.1). */
const FIELDS = [
  'fileVersion',
  'headerSize',
  'epochMs',
  'utcOffset',
  'numFrames',
  'numDrops',
  'videoOffset',
  'videoSize',
  'metaOffset',
  'metaSize',
  'sessionOffset',
  'sessionSize',
] as const;
type FieldName = (typeof FIELDS)[number];

export async function readIsxbHeader(source: ByteSource): Promise<IsxbHeader> {
  if (source.size < ISXB_HEADER_BYTES) {
    throw new IsxError('E_TRUNCATED', `file is ${source.size} bytes; an .isxb file starts with a ${ISXB_HEADER_BYTES}-byte header`, {
      path: source.path,
      offset: 0,
    });
  }
  return parseIsxbHeader(await source.readAt(0, ISXB_HEADER_BYTES, '.isxb header'), source.size, source.path);
}

/** SOI then EOI: the smallest byte string that is a JPEG (spec 8.5). */
const MIN_JPEG_BYTES = 4;

/** Parses the 96 header bytes and checks every declared range against `fileSize`. */
function parseIsxbHeader(bytes: Uint8Array, fileSize: number, path: string): IsxbHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, ISXB_HEADER_BYTES);
  const raw = {} as Record<FieldName, bigint>;
  FIELDS.forEach((name, i) => (raw[name] = view.getBigUint64(i * 8, true)));
  const count = (name: FieldName): number => {
    const value = raw[name];
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new IsxError('E_RANGE', `header ${name} ${value} at offset ${FIELDS.indexOf(name) * 8} is beyond 2^53 (not an .isxb file?)`, {
        path,
        offset: FIELDS.indexOf(name) * 8,
      });
    }
    return Number(value);
  };
  const range = (offsetName: FieldName, sizeName: FieldName, what: string): ByteRange => {
    const offset = count(offsetName);
    const size = count(sizeName);
    if (offset + size > fileSize) {
      throw new IsxError(
        'E_TRUNCATED',
        `${what} (header ${offsetName} ${offset}, ${sizeName} ${size}) ends at ${offset + size}; file ends at ${fileSize} (truncated?)`,
        { path, offset },
      );
    }
    if (offset < ISXB_HEADER_BYTES && size > 0) {
      throw new IsxError('E_CORRUPT', `${what} at offset ${offset} overlaps the ${ISXB_HEADER_BYTES}-byte header`, { path, offset });
    }
    return { offset, size };
  };
  const video = range('videoOffset', 'videoSize', 'video section');
  const meta = range('metaOffset', 'metaSize', 'per-frame JSON');
  const session = range('sessionOffset', 'sessionSize', 'session JSON');
  if (session.size === 0) {
    throw new IsxError('E_HEADER', 'header sessionSize is 0; an .isxb file needs its session JSON (spec 8.1)', { path, offset: 88 });
  }
  const readAt = sessionStart(meta.offset, meta.size, session.offset);
  if (readAt + session.size > fileSize) {
    throw new IsxError(
      'E_TRUNCATED',
      `session JSON read after the per-frame JSON at offset ${readAt} needs ${session.size} bytes; file ends at ${fileSize} (truncated?)`,
      { path, offset: readAt },
    );
  }
  const utcOffset = BigInt.asIntN(64, raw.utcOffset);
  const numFrames = count('numFrames');
  // spec 8.5: each frame is a JPEG of at least its SOI and EOI markers, so the video section bounds the
  // count before the JPEG index allocates per frame.
  if (numFrames * MIN_JPEG_BYTES > video.size) {
    throw new IsxError(
      'E_CORRUPT',
      `header numFrames ${numFrames} does not fit the ${video.size}-byte video section (a JPEG takes at least ${MIN_JPEG_BYTES} bytes)`,
      { path, offset: 32 },
    );
  }
  return {
    fileVersion: count('fileVersion'),
    headerSize: count('headerSize'),
    epochMs: raw.epochMs,
    utcOffsetMinutes: Number(utcOffset),
    numFrames,
    numDrops: count('numDrops'),
    video,
    meta,
    session,
    sessionRead: { offset: readAt, size: session.size },
  };
}

/** The 96 header bytes for `header` (writer side, spec 16). */
export function encodeIsxbHeader(header: Omit<IsxbHeader, 'sessionRead'>): Uint8Array {
  const bytes = new Uint8Array(ISXB_HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  const values: Record<FieldName, bigint> = {
    fileVersion: BigInt(header.fileVersion),
    headerSize: BigInt(header.headerSize),
    epochMs: header.epochMs,
    utcOffset: BigInt.asUintN(64, BigInt(header.utcOffsetMinutes)),
    numFrames: BigInt(header.numFrames),
    numDrops: BigInt(header.numDrops),
    videoOffset: BigInt(header.video.offset),
    videoSize: BigInt(header.video.size),
    metaOffset: BigInt(header.meta.offset),
    metaSize: BigInt(header.meta.size),
    sessionOffset: BigInt(header.session.offset),
    sessionSize: BigInt(header.session.size),
  };
  FIELDS.forEach((name, i) => view.setBigUint64(i * 8, values[name], true));
  return bytes;
}
