import type { PixelArray } from './dataType.js';
import type { SampleStatus } from './timing.js';

/**
 * One record per object on the streams (design section 4). Times: `timestampUs` is microseconds since
 * the Unix epoch (a safe integer); raw 64-bit hardware counters are bigint.
 */

/** A frame of a microscope movie or image. `data` is all zeros for invalid frames, as isx returns them. */
export interface FrameRecord {
  index: number;
  timestampUs: number;
  status: SampleStatus;
  /** Hardware timestamp from the frame header, when the movie stores one. */
  tsc?: bigint;
  data: PixelArray;
  rows: number;
  cols: number;
  /** Microseconds after the recording's start (rounded); set by the `frames` source. */
  offsetUs?: number;
  /** E-focus value of the frame header (spec 4.4), when the movie stores headers and the frame is valid. */
  efocus?: number;
  /** Plane of a multiplane movie, set by the `planes` transform (which also makes `index` per plane). */
  plane?: number;
}

/** Cell and vessel statuses, in the order of their footer codes 0, 1, 2 (spec 1.2). */
export const CELL_STATUSES = ['accepted', 'undecided', 'rejected'] as const;
export type CellStatusName = (typeof CELL_STATUSES)[number];

export interface CellRecord {
  index: number;
  name: string;
  status: CellStatusName;
  /** Packed 0xAARRGGBB. */
  color: number;
  active: boolean;
  trace: Float32Array;
  footprint: Float32Array;
  /**
   * Start of each trace sample in microseconds since the epoch, parallel to `trace`. The `cells` source
   * shares one array among all cells of a set; transforms slice it with `subarray`.
   */
  timestampsUs?: Float64Array;
  /** Time index of `trace[0]` in the file: 0 from the source, more after a time window. */
  firstSampleIndex?: number;
}

export interface EventRecord {
  cellIndex: number;
  cellName: string;
  /** Microseconds after the set's start, as stored. */
  offsetUs: number;
  timestampUs: number;
  amplitude: number;
}

export interface SampleRecord {
  channelIndex: number;
  channel: string;
  offsetUs: number;
  timestampUs: number;
  value: number;
}

export interface VesselRecord {
  index: number;
  name: string;
  status: CellStatusName;
  type: 'vessel diameter' | 'rbc velocity';
  /** Packed 0xAARRGGBB. */
  color: number;
  active: boolean;
  /** Line points as [x0, y0, x1, y1, ...] (2 points for diameter sets, 4 for RBC sets). */
  line: BigInt64Array;
  trace: Float32Array;
  centerTrace?: Float32Array;
  directionTrace?: Float32Array;
  /** Correlation heatmaps, numSamples x 3 x height x width, when stored. */
  correlations?: { width: number; height: number; data: Float32Array };
}

export interface TrackingRecord {
  /** Bounding box [left, top, right, bottom] in pixels. */
  box: [number, number, number, number];
  confidence: number;
  zones: { id: number; name: string; event?: string; trig?: string }[];
}

/** A frame of a behaviour movie: the stored JPEG bytes, or the decoded luma plane with `decode`. */
export interface VideoFrameRecord {
  index: number;
  timestampUs: number;
  tsc: bigint;
  fc: bigint;
  status: 'valid' | 'dropped';
  /** Microseconds after the recording's start (rounded); set by the `videoFrames` source. */
  offsetUs?: number;
  jpeg?: Uint8Array;
  data?: Uint8Array;
  rows: number;
  cols: number;
  tracking?: TrackingRecord;
}

/** Any record a source yields. */
export type SourceRecord = FrameRecord | VideoFrameRecord | CellRecord | EventRecord | SampleRecord | VesselRecord;
