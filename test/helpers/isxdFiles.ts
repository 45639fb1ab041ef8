import { writeFile } from 'node:fs/promises';
import { Ratio } from '../../lib/core/ratio.js';
import { Time } from '../../lib/core/time.js';
import { Timing, type TimingInit } from '../../lib/core/timing.js';
import type { JsonObject } from '../../lib/json/jsonValue.js';
import { encodeFooter } from '../../lib/isxd/writeFooter.js';

/** `numSamples` samples of 50 ms from 2023-11-14T22:13:20Z, with any other Timing field overridden. */
export function makeTiming(numSamples: number, rest: Partial<TimingInit> = {}): Timing {
  return new Timing({ numSamples, period: new Ratio(50, 1000), start: new Time(new Ratio(1_700_000_000, 1)), ...rest });
}

/** Writes `payload` + an `.isxd` trailer holding `footer` as they are, for files no writer of ours would produce. */
export async function writeRawIsxd(path: string, payload: Uint8Array, footer: JsonObject): Promise<void> {
  await writeFile(path, Buffer.concat([payload, encodeFooter(footer)]));
}
