import { IsxError } from '../errors.js';
import { KIND_NAMES } from '../core/kinds.js';
import { Ratio } from '../core/ratio.js';
import type { Time } from '../core/time.js';
import type { Timing } from '../core/timing.js';
import type { ByteSource } from '../io/byteSource.js';
import type { IsxdFooter } from '../isxd/footer.js';
import { asSafeInteger, field, optionalField, type JsonSite } from '../json/fields.js';
import type { JsonObject, JsonValue } from '../json/jsonValue.js';
import type { EventModel, SignalType } from './eventModel.js';
import { parseEventMetrics, type EventMetrics } from './eventMetrics.js';
import { computeEventTiming } from './eventTiming.js';
import type { PacketStore } from './packetStore.js';
import { parseEventFooter } from './readEventFooter.js';
import { V1PacketStore } from './readV1.js';
import { V2PacketStore } from './readV2.js';

/** What EventSet and GpioSet know about their file once it is open, whatever its layout or origin. */
export interface EventContent {
  type: 3 | 5 | 7;
  layout: 'V1' | 'V2';
  channelNames: string[];
  /** Observation window: V2 `global times`, V1 the timing's start and end. */
  start: Time;
  end: Time;
  timing: Timing;
  signalSteps: Ratio[];
  signalTypes: SignalType[];
  metrics: (EventMetrics | null)[];
  /** The `metrics` key as stored, for {@link contentToModel}. */
  metricsJson: JsonValue;
  extraProperties: JsonValue;
  /** Seconds subtracted from the store's time keys to give offsets (0 for V2, the timing start for V1). */
  offsetBase: Ratio;
  store: PacketStore;
}

/** Rejects a file of another kind than the reader's before anything else is parsed (spec 1.3). */
export function checkEventKind(json: JsonObject, accepted: readonly number[], site: JsonSite): void {
  const type = asSafeInteger(field(json, 'type', site), 'type', site);
  if (accepted.includes(type)) return;
  const found = KIND_NAMES[type] ?? 'unknown kind';
  const wanted = accepted.map((t) => KIND_NAMES[t]).join(' or ');
  throw new IsxError('E_KIND', `footer type ${type} (${found}) is not ${wanted} (type ${accepted.join(' or ')})`, {
    path: site.path,
    offset: site.offset,
  });
}

/** Parses the footer of an event-based `.isxd` and prepares its packets (spec 6). */
export async function readEventContent(source: ByteSource, footer: IsxdFooter): Promise<EventContent> {
  const header = parseEventFooter(footer.json, footer.site);
  if (header.layout === 'V2') {
    return {
      type: header.type,
      layout: 'V2',
      channelNames: header.channelNames,
      start: header.start,
      end: header.end,
      timing: computeEventTiming(header.start, header.end, header.signalSteps, source.path),
      signalSteps: header.signalSteps,
      signalTypes: header.signalTypes,
      metrics: header.metrics,
      metricsJson: optionalField(footer.json, 'metrics') ?? null,
      extraProperties: header.extraProperties,
      offsetBase: startDenominatorZero(header.start),
      store: V2PacketStore.open(source, header, footer.payloadEnd),
    };
  }
  const { timing } = header;
  const channelNames = header.channels.map((c) => c.name);
  return {
    type: header.type,
    layout: 'V1',
    channelNames,
    start: timing.start,
    end: timing.end,
    timing,
    // V1 has one timing and a file-wide analog flag; per-channel values follow from them.
    signalSteps: channelNames.map(() => timing.period),
    signalTypes: channelNames.map(() => (header.analog ? 1 : 0)),
    metrics: channelNames.map(() => null),
    metricsJson: null,
    extraProperties: header.extraProperties,
    offsetBase: timing.start.secsSinceEpoch,
    store: await V1PacketStore.open(source, header, footer.payloadEnd),
  };
}

/** Content of a model parsed from a raw acquisition file (always the V2 representation, spec 9.5, 11.2). */
export function modelContent(model: EventModel, store: PacketStore, path: string): EventContent {
  return {
    type: model.type,
    layout: 'V2',
    channelNames: model.channelNames,
    start: model.start,
    end: model.end,
    timing: computeEventTiming(model.start, model.end, model.signalSteps, path),
    signalSteps: model.signalSteps,
    signalTypes: model.signalTypes,
    metrics: parseEventMetrics(model.metrics, model.channelNames.length, { path, document: 'event model' }),
    metricsJson: model.metrics,
    extraProperties: model.extraProperties,
    offsetBase: startDenominatorZero(model.start),
    store,
  };
}

/** All content as stored, for writing it as a V2 `.isxd`. */
export async function contentToModel(content: EventContent): Promise<EventModel> {
  const { offsetsUs, channels, values } = await content.store.readColumns();
  return {
    type: content.type,
    channelNames: [...content.channelNames],
    start: content.start,
    end: content.end,
    signalSteps: [...content.signalSteps],
    signalTypes: [...content.signalTypes],
    offsetsUs,
    channels,
    values,
    metrics: content.metricsJson,
    extraProperties: content.extraProperties,
  };
}

/**
 * V2 keys are already offsets; the base is 0 but keeps the start's denominator, which the reference's
 * double conversion uses (spec 6.3 quirk).
 */
function startDenominatorZero(start: Time): Ratio {
  return new Ratio(0n, start.secsSinceEpoch.den);
}
