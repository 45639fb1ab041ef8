import { isJsonObject } from '../json/fields.js';
import type { JsonObject, JsonValue } from '../json/jsonValue.js';
import { stringifyJson } from '../json/stringifyJson.js';

/** Output key ← path below `extraProperties`, values copied as stored (spec 13 main table). */
const DIRECT: ReadonlyArray<readonly [string, string]> = [
  ['Animal Sex', 'animal.sex'],
  ['Animal Date of Birth', 'animal.dob'],
  ['Animal ID', 'animal.id'],
  ['Animal Species', 'animal.species'],
  ['Animal Weight', 'animal.weight'],
  ['Animal Description', 'animal.description'],
  ['Microscope Focus', 'microscope.focus'],
  ['Microscope Gain', 'microscope.gain'],
  ['Microscope Serial Number', 'microscope.serial'],
  ['Microscope Type', 'microscope.type'],
  ['Exposure Time (ms)', 'microscope.exp'],
  ['Session Name', 'name'],
  ['Experimenter Name', 'personnel.name'],
  ['Probe Diameter (mm)', 'probe.diameter'],
  ['Probe Flip', 'probe.flip'],
  ['Probe Length (mm)', 'probe.length'],
  ['Probe Pitch', 'probe.pitch'],
  ['Probe Rotation (degrees)', 'probe.rotation'],
  ['Probe Type', 'probe.type'],
  ['efocus', 'idps.efocus'],
  ['channel', 'idps.channel'],
  ['Motion correction padding', 'idps.mc_padding'],
  ['Cell Identification Method', 'idps.cellset.method'],
  ['Trace Units', 'idps.cellset.units'],
  ['Vessel Set Type', 'idps.vesselset.type'],
  ['Trace Units', 'idps.vesselset.units'],
  ['Time Increment (s)', 'idps.vesselset.timeIncrement'],
  ['Time Window (s)', 'idps.vesselset.timeWindow'],
  ['Vessel Diameter Estimation Method', 'idps.vesselset.estimationMethod'],
  ['Windows with Invalid Frame Error', 'idps.vesselset.invalidWindows'],
  ['Recording UUID', 'processingInterface.recordingUUID'],
];

/** Vessel error lists: shown as JSON text, `"{}"` when absent from a vessel set (spec 13). */
const VESSEL_ERRORS: ReadonlyArray<readonly [string, string]> = [
  ['Vessels with Clipping Error', 'clippedVessels'],
  ['Vessels with No Significant Pixels Error', 'noSignificantVessels'],
  ['Vessels with Direction Change Error', 'directionChangedVessels'],
];

/**
 * The flat acquisition summary isx `get_acquisition_info()` returns for `.isxd` files (spec 13 main
 * table), or null when `extraProperties` is null or carries none of the known paths.
 */
export function getAcquisitionInfo(extraProperties: JsonValue | undefined): Record<string, JsonValue> | null {
  if (!isJsonObject(extraProperties)) return null;
  const info: Record<string, JsonValue> = {};
  for (const [key, path] of DIRECT) {
    const value = lookup(extraProperties, path);
    if (value !== undefined) info[key] = value;
  }
  addMicroscope(extraProperties, info);
  const versionBE = lookup(extraProperties, 'producer.versionBE');
  if (typeof versionBE === 'string') info['Acquisition SW Version'] = versionBE.split('-')[0]!;
  const interpolated = lookup(extraProperties, 'idps.interpolatedFrames');
  // spec 13: every index followed by one space (isxcore's formatting, trailing space included).
  if (Array.isArray(interpolated)) info['Interpolated Samples'] = interpolated.map((i) => `${formatScalar(i)} `).join('');
  const vesselSet = lookup(extraProperties, 'idps.vesselset');
  if (isJsonObject(vesselSet)) {
    for (const [key, name] of VESSEL_ERRORS) {
      const value = vesselSet[name];
      info[key] = value === undefined ? '{}' : typeof value === 'string' ? value : stringifyJson(value);
    }
  }
  return Object.keys(info).length === 0 ? null : info;
}

function addMicroscope(extra: JsonObject, info: Record<string, JsonValue>): void {
  const microscope = lookup(extra, 'microscope');
  if (!isJsonObject(microscope)) return;
  const led = isJsonObject(microscope.led) ? microscope.led : undefined;
  const dualColor = microscope.dualColor;
  if (dualColor !== undefined) {
    // spec 13: multicolour scopes name the LEDs 1 and 2; LED 2 is exPower2 only when dual colour is on.
    const enabled = isJsonObject(dualColor) && dualColor.enabled === true;
    setIfPresent(info, 'Microscope EX LED 1 Power (mw/mm^2)', led?.exPower);
    setIfPresent(info, 'Microscope EX LED 2 Power (mw/mm^2)', enabled ? led?.exPower2 : led?.ogPower);
  } else {
    setIfPresent(info, 'Microscope EX LED Power (mw/mm^2)', led?.exPower);
    setIfPresent(info, 'Microscope OG LED Power (mw/mm^2)', led?.ogPower);
  }
  if (isJsonObject(microscope.customMetadata)) {
    for (const [key, value] of Object.entries(microscope.customMetadata)) info[key] = value;
  }
  if (microscope.widefield !== undefined) info['Wide Field'] = microscope.widefield === true ? 'True' : 'False';
}

function setIfPresent(info: Record<string, JsonValue>, key: string, value: JsonValue | undefined): void {
  if (value !== undefined) info[key] = value;
}

/** The value at a dotted path of nested objects, or undefined. */
function lookup(root: JsonObject, path: string): JsonValue | undefined {
  let value: JsonValue | undefined = root;
  for (const key of path.split('.')) {
    if (!isJsonObject(value) || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

function formatScalar(value: JsonValue): string {
  return typeof value === 'string' ? value : stringifyJson(value);
}
