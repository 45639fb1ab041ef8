import { getAcquisitionInfo } from '../core/acquisitionInfo.js';
import { DataSet } from '../core/dataSet.js';
import { DataSetKind } from '../core/kinds.js';
import type { Timing } from '../core/timing.js';
import type { ByteSource } from '../io/byteSource.js';
import { openFileWith } from '../io/openFileWith.js';
import { readFooter, type IsxdFooter } from '../isxd/footer.js';
import type { JsonValue } from '../json/jsonValue.js';
import { EventChannels } from './eventChannels.js';
import { checkEventKind, contentToModel, readEventContent, type EventContent } from './eventContent.js';
import type { EventModel } from './eventModel.js';
import type { EventMetrics } from './eventMetrics.js';


/** One cell's events: times in µs after the set's start (as stored) and amplitudes. */
export interface EventData {
  offsets: BigUint64Array;
  amplitudes: Float32Array;
}
export type { EventMetrics } from './eventMetrics.js';

export interface EventSetOptions {
  /** Return offsets exactly as isx does, 1 µs low for some events (spec 6.3 quirk). Default: as stored. */
  parity?: boolean;
}

/**
 * An event set `.isxd` (type 5, spec 6): per cell the times and amplitudes of detected events, in the
 * V2 layout or the legacy V1 one. Metadata is ready after `read`; events are read on demand.
 */
export class EventSet extends DataSet {
  readonly kind = 'event_set';
  readonly timing: Timing;
  readonly numCells: number;
  readonly cellNames: readonly string[];
  readonly fileLayout: 'V1' | 'V2';
  /** Packets stored in the file, duplicates included. */
  readonly numPackets: number;
  private readonly channels: EventChannels;

  private constructor(source: ByteSource, footer: IsxdFooter, content: EventContent, options: EventSetOptions) {
    super(source, footer.json);
    this.channels = new EventChannels(content, source.path, 'Cell', options.parity ?? false);
    this.timing = content.timing;
    this.numCells = content.channelNames.length;
    this.cellNames = content.channelNames;
    this.fileLayout = content.layout;
    this.numPackets = content.store.numPackets;
  }

  static async read(path: string, options: EventSetOptions = {}): Promise<EventSet> {
    return openFileWith(path, (source) => EventSet.fromSource(source, options));
  }

  /** Opens an event set over any byte source; the caller keeps ownership of `source` on failure. */
  static async fromSource(source: ByteSource, options: EventSetOptions = {}): Promise<EventSet> {
    const footer = await readFooter(source);
    checkEventKind(footer.json, [DataSetKind.EVENTS], footer.site);
    return new EventSet(source, footer, await readEventContent(source, footer), options);
  }

  getCellName(index: number): string {
    return this.channels.nameOf(index);
  }

  /** The first cell with that name (isx resolves duplicates the same way, spec 6.3). */
  getCellIndex(name: string): number {
    return this.channels.indexOf(name);
  }

  /**
   * Event times (µs after `timing.start`, ascending, one per time) and amplitudes of cell `index`, as isx
   * `get_cell_data` returns `(offsets, amplitudes)`.
   */
  async getCellData(index: number): Promise<EventData> {
    const { offsets, values } = await this.channels.dataOf(index);
    return { offsets, amplitudes: values };
  }

  /** Trace metrics event detection stored for the cell, or null when it stored none. */
  getMetrics(index: number): EventMetrics | null {
    this.channels.checkIndex(index);
    return this.channels.content.metrics[index]!;
  }

  /** The flat acquisition summary of spec 13, or null. */
  getAcquisitionInfo(): Record<string, JsonValue> | null {
    return getAcquisitionInfo(this.channels.content.extraProperties);
  }

  /** Everything stored, packets in file order with offsets after the start (for writing a V2 copy). */
  async toModel(): Promise<EventModel> {
    return contentToModel(this.channels.content);
  }
}
