import type { ByteSource } from '../io/byteSource.js';
import type { JsonObject } from '../json/jsonValue.js';
import type { SourceRecord } from '../core/records.js';
import type { RangeOptions } from '../sources/range.js';
import type { AnyDataSet, DataSetByKind, KindName, KindOption, TablesByKind } from './kindName.js';

/** Options of the record source of any kind; each kind uses those that apply to it. */
export interface RecordOptions extends RangeOptions {
  /** Index of this file's first sample within a series (frames and traces continue counting). */
  indexBase?: number;
  /** Behaviour movies: decoded luma instead of JPEG bytes. */
  decode?: boolean;
  /** Movies: largest read in bytes. */
  maxBatchBytes?: number;
  /** Movies: read frame headers for `efocus` and `tsc` (default true). */
  headers?: boolean;
  /** Close the file when its records end, fail or are abandoned (default false: the caller owns it). */
  closeOnEnd?: boolean;
}

/** The named members of a file that a series matches by position: cells, vessels or channels. */
export interface Members {
  noun: 'cell' | 'vessel' | 'channel';
  names: readonly string[];
}

/** Per-member facts for the `members` table, each list in member order; absent lists do not apply to the kind. */
export interface MemberDetails {
  statuses?: readonly string[];
  /** Events of each event-set cell (0 for a cell without events: it still has its row). */
  numEvents?: readonly number[];
  /** Samples of each trace (cell and vessel sets) or packets of each GPIO/IMU channel. */
  numSamples?: readonly number[];
}

/** What a table of a kind is, before any file is converted. */
export interface TableTraits<D> {
  /** Its rows are samples in time, so a series appends them file after file. */
  series: boolean;
  /** Only some files have it (behaviour tracking); absent means always. */
  presentIn?(dataSet: D): boolean;
  /** Rows a whole-file conversion writes (`info`); may read the file (events are counted). */
  rows(dataSet: D): number | Promise<number>;
}

/**
 * Everything isx-stream knows about one kind of Inscopix data, in one place: how its files are
 * recognised and opened, its records, its tables, the options it takes, how series of it join, and what
 * `info` says about it. Conversion planning per table lives in lib/convert/plans, keyed by the same names.
 */
export interface KindDescriptor<K extends KindName> {
  readonly name: K;
  /** Singular noun for messages: "cell set". */
  readonly label: string;
  /** `.isxd` footer `type` codes of this kind (spec 1.2); empty for kinds stored in other files. */
  readonly footerTypes: readonly number[];
  /** Other extensions (lower case) that hold only this kind (spec 1.1). */
  readonly extensions: readonly string[];
  /** Opens an `.isxd` of this kind from an open source (the reader owns the source afterwards). */
  readonly fromIsxd?: (source: ByteSource) => Promise<AnyDataSet>;
  /** Opens a file with one of `extensions`. */
  readonly readFile?: (path: string) => Promise<AnyDataSet>;
  readonly tables: { readonly [T in TablesByKind[K]]: TableTraits<DataSetByKind[K]> };
  /** The kind-specific conversion options it takes. */
  readonly options: readonly KindOption[];
  /** Series: members that must match file to file; absent for kinds without named members. */
  members?(dataSet: DataSetByKind[K]): Members;
  /**
   * The unit of each member's values (traces, channel samples), as the file states it (lib/kinds/units.ts);
   * absent for kinds whose files name none.
   */
  memberUnits?(dataSet: DataSetByKind[K]): readonly (string | undefined)[];
  /** Per-member facts for the `members` table; may read the file (events are counted). */
  memberDetails?(dataSet: DataSetByKind[K]): MemberDetails | Promise<MemberDetails>;
  /** Series: every file must have the first one's period (movies and cell sets index samples by it). */
  readonly fixedPeriod: boolean;
  /**
   * Series: `append` gives each file's records in turn; `members` joins the records of member `i` of every
   * file into one (a cell's traces over all files).
   */
  readonly seriesJoin: 'append' | 'members';
  /** The main records of one file: frames, cells, events, samples, vessels or video frames. */
  records(dataSet: DataSetByKind[K], options: RecordOptions): AsyncGenerator<SourceRecord>;
  /** What `info` adds for this kind to the summary every file gets; may read the file. */
  summarize(dataSet: DataSetByKind[K]): JsonObject | Promise<JsonObject>;
}

/** The descriptor of some kind (a union over all kinds, so code may switch on `name`). */
export type AnyKindDescriptor = { [K in KindName]: KindDescriptor<K> }[KindName];
