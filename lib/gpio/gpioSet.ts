import { extname } from 'node:path';
import { isRawAcquisitionPath, readRawAcquisition } from './readRawAcquisition.js';
import { imuAccelScale } from '../imu/readRawImu.js';
import { getAcquisitionInfo } from '../core/acquisitionInfo.js';
import { DataSet } from '../core/dataSet.js';
import { DataSetKind } from '../core/kinds.js';
import type { Ratio } from '../core/ratio.js';
import type { Timing } from '../core/timing.js';
import type { ByteSource } from '../io/byteSource.js';
import { openFileWith } from '../io/openFileWith.js';
import { MemorySource } from '../io/memorySource.js';
import { readFooter } from '../isxd/footer.js';
import type { JsonObject, JsonValue } from '../json/jsonValue.js';
import type { ChannelData } from '../events/channelData.js';
import { EventChannels } from '../events/eventChannels.js';
import { checkEventKind, contentToModel, modelContent, readEventContent, type EventContent } from '../events/eventContent.js';
import type { EventModel, SignalType } from '../events/eventModel.js';
import { ModelPacketStore } from '../events/packetStore.js';
import { buildEventFooter, checkEventModel } from '../events/writeEventModel.js';

export type { ChannelData } from '../events/channelData.js';

export interface GpioSetOptions {
  /** Return offsets exactly as isx does, 1 µs low for some packets (spec 6.3 quirk). Default: as stored. */
  parity?: boolean;
}

export interface GpioModelOptions extends GpioSetOptions {
  /** Channel index → factor applied to its values on read (spec 11.2: IMU acceleration counts to g). */
  scaleChannels?: ReadonlyMap<number, number>;
  /**
   * The raw file the model was parsed from, kept open until `close` (gives `fileSize`); default: no
   * handle, size 0.
   */
  source?: ByteSource;
}

/**
 * A GPIO (type 3) or IMU (type 7) set (spec 6): per channel the times and values of its samples. Opens
 * event-based `.isxd` files of either layout; raw `.gpio`, `.raw` and `.imu` files arrive parsed as an
 * {@link EventModel} through {@link GpioSet.fromModel}.
 */
export class GpioSet extends DataSet {
  readonly kind: 'gpio' | 'imu';
  readonly timing: Timing;
  readonly numChannels: number;
  readonly channelNames: readonly string[];
  readonly signalTypes: readonly SignalType[];
  readonly signalSteps: readonly Ratio[];
  readonly fileLayout: 'V1' | 'V2';
  /** Packets stored, duplicates included. */
  readonly numPackets: number;
  private readonly channels: EventChannels;

  private constructor(source: ByteSource, metadata: JsonObject, content: EventContent, parity: boolean) {
    super(source, metadata);
    this.kind = content.type === DataSetKind.IMU ? 'imu' : 'gpio';
    this.channels = new EventChannels(content, source.path, 'Channel', parity);
    this.timing = content.timing;
    this.numChannels = content.channelNames.length;
    this.channelNames = content.channelNames;
    this.signalTypes = content.signalTypes;
    this.signalSteps = content.signalSteps;
    this.fileLayout = content.layout;
    this.numPackets = content.store.numPackets;
  }

  /**
   * Opens a GPIO or IMU `.isxd`, or a raw `.gpio`, `.raw` or `.imu` file parsed in memory (spec 9-11).
   * From `.imu`, accelerometer channels come in g, as isx returns them (spec 11.2 quirk).
   */
  static async read(path: string, options: GpioSetOptions = {}): Promise<GpioSet> {
    return openFileWith(path, async (source) => {
      if (!isRawAcquisitionPath(path)) return GpioSet.fromSource(source, options);
      const model = await readRawAcquisition(source);
      const scaleChannels = extname(path).toLowerCase() === '.imu' ? imuAccelScale() : undefined;
      return GpioSet.fromModel(path, model, { ...options, scaleChannels, source });
    });
  }

  /** Opens a GPIO or IMU `.isxd` over any byte source; the caller keeps ownership of `source` on failure. */
  static async fromSource(source: ByteSource, options: GpioSetOptions = {}): Promise<GpioSet> {
    const footer = await readFooter(source);
    checkEventKind(footer.json, [DataSetKind.GPIO, DataSetKind.IMU], footer.site);
    return new GpioSet(source, footer.json, await readEventContent(source, footer), options.parity ?? false);
  }

  /**
   * A set over a model held in memory (a parsed raw file). `metadata` is the footer the model would get
   * as a V2 `.isxd`.
   */
  static fromModel(path: string, model: EventModel, options: GpioModelOptions = {}): GpioSet {
    checkEventModel(model, path);
    const source = options.source ?? new MemorySource(path);
    const content = modelContent(model, new ModelPacketStore(model, options.scaleChannels), path);
    return new GpioSet(source, buildEventFooter(model, 2), content, options.parity ?? false);
  }

  getChannelName(index: number): string {
    return this.channels.nameOf(index);
  }

  /** The first channel with that name (spec 6.3). */
  getChannelIndex(name: string): number {
    return this.channels.indexOf(name);
  }

  /** Sample times (µs after `timing.start`, ascending, one per time) and values of channel `index`. */
  async getChannelData(index: number): Promise<ChannelData> {
    return this.channels.dataOf(index);
  }

  /** The flat acquisition summary of spec 13, or null. */
  getAcquisitionInfo(): Record<string, JsonValue> | null {
    return getAcquisitionInfo(this.channels.content.extraProperties);
  }

  /** Everything stored, unscaled, packets in stored order (for writing a V2 `.isxd` from a raw file). */
  async toModel(): Promise<EventModel> {
    return contentToModel(this.channels.content);
  }
}
