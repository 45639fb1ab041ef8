import type { Writable } from 'node:stream';
import type { CellStatusName } from '../core/records.js';
import type { PlaneSplit } from '../../transforms/planes.js';
import type { CropRectangle } from '../../transforms/crop.js';
import type { ParquetCodec, SinkFormat } from '../sinks/formats.js';

/** What a conversion reports while it runs: enough for bytes/s and frames/s. */
export interface ConvertProgress {
  /** The input file being read. */
  path: string;
  /** Table being written. */
  table: string;
  /** Records (frames, cells, events, samples, ...) written to this table so far. */
  records: number;
  /** Fraction of this file done, 0..1 (tables count equally). */
  fraction: number;
  /** Estimated input bytes consumed: `fraction` times the file size. */
  bytesRead: number;
  /** The file's size in bytes. */
  fileBytes: number;
}

export interface ConvertOptions {
  to: SinkFormat;
  /** Folder for `<stem>.<table>.<ext>` outputs; created if missing. Exclusive with `stdout`. */
  outDir?: string;
  /** Write the one selected table here instead of into files (`--out -`). */
  stdout?: Writable;
  /** Tables to write (default: every table the file's kind produces). */
  tables?: readonly string[];
  /** Cell / vessel statuses to keep (default: all). */
  cells?: readonly CellStatusName[];
  /** GPIO / IMU channels to keep, by name or index (default: all). */
  channels?: readonly string[];
  /** Keep samples whose offset from the start is in [startSec, endSec). */
  startSec?: number;
  endSec?: number;
  /** Keep every n-th frame/sample. */
  decimate?: number;
  /** Spatial binning factor for movie frames (n x n pixels averaged). */
  bin?: number;
  crop?: CropRectangle;
  /**
   * De-interleave a multiplane movie into one table per plane (`frames_plane<p>`): by the e-focus value in
   * each frame header (`efocusValues`, in plane order) or by frame position (`numPlanes`).
   */
  planes?: PlaneSplit;
  /** Decode behaviour-movie JPEGs into luma pixels instead of passing the bytes through. */
  decode?: boolean;
  /** Parquet compression codec (e.g. zstd, snappy, lz4, uncompressed). */
  compression?: ParquetCodec;
  /**
   * CSV only: text cells starting with `=`, `+`, `-`, `@`, tab or carriage return get a leading `'`, so a
   * spreadsheet shows them instead of running them as formulas (default false: values verbatim).
   */
  csvSafe?: boolean;
  /** Write at most this many rows per table (`isx-stream cat --limit`). */
  limit?: number;
  /** Rows per Parquet row group / Arrow record batch. */
  batchRows?: number;
  /**
   * String keys of this input (issue 10.1), e.g. `{ recording: 'mouse1/day1/cellset', subject: 'mouse1' }`:
   * `recording` also names the outputs (default: the file stem). When keys or `partitionBy` are given,
   * `kind` (the file's kind) is one more key. Keys not in `partitionBy` are utf8 columns in every row of
   * every table.
   */
  keys?: Readonly<Record<string, string>>;
  /**
   * Keys written as Hive folders `<outDir>/<table>/KEY=VALUE/.../part-<id>.<ext>` (values escaped as Hive
   * does) instead of columns: names from `keys`, or `kind`.
   */
  partitionBy?: readonly string[];
  /** Replace existing outputs (default: fail with E_EXISTS). */
  overwrite?: boolean;
  onProgress?: (progress: ConvertProgress) => void;
  /** Aborting stops the conversion; outputs being written are removed (temp files deleted). */
  signal?: AbortSignal;
}

/** One output written by a conversion. */
export interface ConvertedTable {
  /** The table's name; `metadata` for the sidecar. */
  table: string;
  /** Output path, or '-' for stdout. */
  path: string;
  rows: number;
  /** This output is the input's metadata sidecar (`<stem>.metadata.json`, see the README), not a table: no rows. */
  sidecar?: true;
  /** Why the input's metadata is not in this table (over 1 MiB, written to a stream); `isx:metadata-omitted` says the same. */
  metadataOmitted?: string;
}
