/**
 * The channels of an nVista 3 / nVoke 2 `.gpio` file in the converter's internal order (spec 9.3). The order
 * matters twice: dropped-packet markers cover GPI 0 through BNC Sync Output in this order, and closing values
 * are emitted in it (spec 9.4). File channel indices are assigned separately, by first appearance.
 */
export const GpioChannel = {
  frameCount: 0,
  gpi0: 1,
  gpo0: 9,
  bncGpio1: 17,
  exLed: 21,
  ogLed: 22,
  diLed: 23,
  eFocus: 24,
  bncTrigger: 25,
  bncSync: 26,
} as const;

export const GPIO_CHANNEL_COUNT = 27;

const range = (prefix: string, count: number, first = 0): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}${i + first}`);

/** Names by internal channel (spec 9.3). */
const GPIO_CHANNEL_NAMES: readonly string[] = [
  'Frame Count',
  ...range('Digital GPI ', 8),
  ...range('Digital GPO ', 8),
  ...range('GPIO-', 4, 1),
  'EX-LED',
  'OG-LED',
  'DI-LED',
  'e-focus',
  'BNC Trigger Input',
  'BNC Sync Output',
];

export interface GpioRenames {
  /** `session.microscope.dualColor.enabled == true`. */
  dualColor: boolean;
  /** Closed-loop file (fileFormat 240) with a session. */
  softTriggers: boolean;
}

/** Channel names of a file whose channels, by file index, are `internal`; renames per spec 9.3. */
export function nameGpioChannels(internal: readonly number[], renames: GpioRenames): string[] {
  return internal.map((channel) => {
    if (renames.dualColor && channel === GpioChannel.exLed) return 'EX-LED1';
    if (renames.dualColor && channel === GpioChannel.ogLed) return 'EX-LED2';
    const gpi = channel - GpioChannel.gpi0;
    if (renames.softTriggers && gpi >= 4 && gpi <= 7) return `SoftTrig-${gpi - 3}`;
    return GPIO_CHANNEL_NAMES[channel]!;
  });
}
