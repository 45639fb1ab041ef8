import { IsxError } from '../errors.js';
import type { ByteSource } from '../io/byteSource.js';
import { openFileWith } from '../io/openFileWith.js';
import { isJsonObject, type JsonSite } from '../json/fields.js';
import type { JsonObject, JsonValue } from '../json/jsonValue.js';
import { dataTypeFromName } from '../core/dataType.js';
import { parseDocument } from '../isxd/footer.js';
import { Movie } from '../isxd/movie.js';
import type { TrackingRecord } from '../core/records.js';
import { loadLumaDecoder, type DecoderChoice } from './decodeLuma.js';
import { parseFrameMetadata, type FrameMetadata } from './frameMetadata.js';
import { readIsxbHeader, type ByteRange, type IsxbHeader } from './isxbHeader.js';
import { getIsxbAcquisitionInfo } from './isxbAcquisitionInfo.js';
import { JpegFrameStore } from './jpegFrameStore.js';
import type { JpegIndex } from './jpegIndex.js';
import { describeLayout } from './sessionMetadata.js';
import { readZones, type Zone } from './tracking.js';

export interface BehaviorMovieOptions {
  /** JPEG decoder for `getFrameData`: `auto` (default) uses sharp when it can be imported, else jpeg-js. */
  decoder?: DecoderChoice;
}

/** Per-frame metadata of one stored frame (spec 8.2). */
export interface BehaviorFrameMetadata {
  fc: bigint;
  tsc: bigint;
  tracking?: TrackingRecord;
}

/**
 * An nVision behaviour movie (`.isxb`, spec 8), read as an isx `Movie` of uint8 luma frames. Frames
 * are JPEG images found by a marker scan; dropped frames read as zeros. The file name's extension is
 * not checked: isxcore refuses `.ISXB` in upper case, we read the content whatever the name.
 */
export class BehaviorMovie extends Movie {
  readonly header: IsxbHeader;
  /** The whole session JSON (also `metadata`). */
  readonly sessionMetadata: JsonObject;
  /** spec 8.3: the session JSON without `timingInfo` and `spacingInfo`. */
  readonly extraProperties: JsonObject;
  /** Stored JPEG images (the header's numFrames). */
  readonly numRecordedFrames: number;
  /** Hardware timestamp (µs) of the first stored frame, or null without per-frame samples. */
  readonly startTsc: bigint | null;
  private readonly frames: FrameMetadata;
  private readonly jpegs: JpegFrameStore;
  private zones: Zone[] | undefined;
  private readonly sessionSite: JsonSite;

  private constructor(source: ByteSource, parts: Parts) {
    super(source, parts.session, { kind: 'behavior_movie', timing: parts.timing, spacing: parts.spacing, dataType: dataTypeFromName('uint8'), store: parts.store });
    this.header = parts.header;
    this.sessionMetadata = parts.session;
    this.extraProperties = parts.extraProperties;
    this.numRecordedFrames = parts.header.numFrames;
    this.frames = parts.frames;
    this.jpegs = parts.store;
    this.sessionSite = parts.sessionSite;
    this.startTsc = parts.frames.samples?.[0]?.tsc ?? null;
  }

  static override async read(path: string, options: BehaviorMovieOptions = {}): Promise<BehaviorMovie> {
    return openFileWith(path, (source) => BehaviorMovie.fromSource(source, options));
  }

  /** Opens an `.isxb` from an open source; the movie owns the source afterwards. */
  static override async fromSource(source: ByteSource, options: BehaviorMovieOptions = {}): Promise<BehaviorMovie> {
    const header = await readIsxbHeader(source);
    const metaSite: JsonSite = { path: source.path, offset: header.meta.offset, document: 'per-frame JSON' };
    const frames = parseFrameMetadata(await readJson(source, header.meta, metaSite), header.numFrames, metaSite);
    const sessionSite: JsonSite = { path: source.path, offset: header.sessionRead.offset, document: 'session JSON' };
    const session = await readJson(source, header.sessionRead, sessionSite);
    if (!isJsonObject(session)) {
      throw new IsxError('E_JSON', `session JSON at offset ${header.sessionRead.offset} is JSON but not an object`, {
        path: source.path,
        offset: header.sessionRead.offset,
      });
    }
    const layout = describeLayout(header, frames, session, sessionSite);
    const decoder = await loadLumaDecoder(options.decoder);
    const store = new JpegFrameStore(source, header.video, header.numFrames, frames.samples, layout.spacing, layout.timing, decoder);
    return new BehaviorMovie(source, { header, frames, session, sessionSite, store, ...layout });
  }

  /** The decoder `getFrameData` uses. */
  get decoderName(): 'sharp' | 'js' {
    return this.jpegs.decoder.name;
  }

  /** Where each stored JPEG lies (spec 8.5); scanned once per open file. */
  getJpegIndex(): Promise<JpegIndex> {
    return this.jpegs.getIndex();
  }

  /** The stored JPEG bytes of frame `index`, untouched; null for dropped frames. */
  async getFrameJpeg(index: number): Promise<Uint8Array | null> {
    this.checkIndex(index);
    const r = this.timing.recordedIndex(index);
    return r < 0 ? null : this.jpegs.readJpeg(r);
  }

  /** The luma plane of frame `index`, `rows·cols` uint8 row-major (spec 8.6); zeros for dropped frames. */
  override async getFrameData(index: number, into?: Uint8Array): Promise<Uint8Array> {
    return (await super.getFrameData(index, into)) as Uint8Array;
  }

  override async readFrames(start: number, count: number): Promise<Uint8Array> {
    return (await super.readFrames(start, count)) as Uint8Array;
  }

  /** fc, tsc and tracking of frame `index`; null for dropped frames and files without samples (spec 8.7). */
  getFrameMetadata(index: number): BehaviorFrameMetadata | null {
    this.checkIndex(index);
    const r = this.timing.recordedIndex(index);
    const sample = r < 0 ? undefined : this.frames.samples?.[r];
    return sample === undefined ? null : { ...sample };
  }

  /** Zone definitions drawn for this movie's camera (session `trackingInterface`). */
  getZones(): Zone[] {
    this.zones ??= readZones(this.sessionMetadata, this.sessionSite);
    return this.zones;
  }

  /** spec 13, `.isxb` mapping. */
  override getAcquisitionInfo(): Record<string, JsonValue> | null {
    return getIsxbAcquisitionInfo(this.sessionMetadata);
  }
}

interface Parts {
  header: IsxbHeader;
  frames: FrameMetadata;
  session: JsonObject;
  sessionSite: JsonSite;
  store: JpegFrameStore;
  timing: Movie['timing'];
  spacing: Movie['spacing'];
  extraProperties: JsonObject;
}

async function readJson(source: ByteSource, range: ByteRange, site: JsonSite): Promise<JsonValue | null> {
  if (range.size === 0) return null;
  return parseDocument(await source.readAt(range.offset, range.size, site.document), site);
}
