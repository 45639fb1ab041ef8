import type { EventSet } from '../../events/eventSet.js';
import type { GpioSet } from '../../gpio/gpioSet.js';
import { IsxError } from '../../errors.js';
import { kindOf } from '../../kinds/registry.js';
import { events } from '../../sources/events.js';
import { samples } from '../../sources/samples.js';
import { channelUnit, commonUnit } from '../../kinds/units.js';
import { decimate } from '../../../transforms/decimate.js';
import { selectChannels } from '../../../transforms/select.js';
import { eventsTable } from '../../../transforms/tables/events.js';
import { samplesTable } from '../../../transforms/tables/samples.js';
import type { KindPlanners, PlanContext, Stage, TablePlan } from './tablePlan.js';

/** Event-set cells and GPIO/IMU channels: the members `channels` selects. */
type ChannelSet = EventSet | GpioSet;

function channelStages(first: ChannelSet, context: PlanContext): Stage[] {
  const { options } = context;
  const stages: Stage[] = [];
  if (options.channels !== undefined) stages.push(selectChannels({ names: resolveChannelNames(first, options.channels, context.path) }));
  if (options.decimate !== undefined) stages.push(decimate(options.decimate));
  return stages;
}

/** `channels` entries are names, or indices when no channel has that name. */
function resolveChannelNames(dataSet: ChannelSet, entries: readonly string[], path: string): string[] {
  const names = kindOf(dataSet).members!(dataSet as never).names;
  return entries.map((entry) => {
    if (names.includes(entry)) return entry;
    const index = /^\d+$/.test(entry) ? Number(entry) : -1;
    if (index >= 0 && index < names.length) return names[index]!;
    throw new IsxError('E_ARGUMENT', `channel "${entry}" is neither a name nor an index (0-${names.length - 1}); names: ${names.join(', ')}`, { path });
  });
}

export const eventSetPlanners: KindPlanners<'event_set'> = {
  events: (eventSet, _name, context) => ({
    spec: eventsTable(context.tableSource),
    source: (dataSet) => events(dataSet as EventSet, context.range),
    stages: channelStages(eventSet, context),
    recordCount: (dataSet) => (dataSet as EventSet).numCells,
  }),
};

function planSamples(gpioSet: GpioSet, _name: string, context: PlanContext): TablePlan {
  const units = gpioSet.channelNames.map((name) => channelUnit(name, gpioSet.filePath));
  const channelUnits = new Map(gpioSet.channelNames.map((name, i) => [name, units[i]]));
  return {
    spec: samplesTable({ ...context.tableSource, channelUnits, unit: commonUnit(units) }),
    source: (dataSet) => samples(dataSet as GpioSet, context.range),
    stages: channelStages(gpioSet, context),
    recordCount: (dataSet) => (dataSet as GpioSet).numChannels,
  };
}

export const gpioPlanners: KindPlanners<'gpio'> = { samples: planSamples };
export const imuPlanners: KindPlanners<'imu'> = { samples: planSamples };
