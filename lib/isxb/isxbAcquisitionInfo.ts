import { isJsonObject } from '../json/fields.js';
import type { JsonObject, JsonValue } from '../json/jsonValue.js';

/** `userInterface.animal.<key>` → output key (spec 13, `.isxb` mapping). */
const ANIMAL: ReadonlyArray<readonly [string, string]> = [
  ['Animal Sex', 'sex'],
  ['Animal Date of Birth', 'dob'],
  ['Animal ID', 'id'],
  ['Animal Species', 'species'],
  ['Animal Weight', 'weight'],
  ['Animal Description', 'description'],
];

/** `processingInterface[cameraName].sensorParams.<key>` → output key. */
const SENSOR: ReadonlyArray<readonly [string, string]> = [
  ['Camera Brightness', 'brightness'],
  ['Camera Contrast', 'contrast'],
  ['Camera Saturation', 'saturation'],
  ['Camera Gain', 'gain'],
];

/**
 * The isx `get_acquisition_info()` of an `.isxb` movie, built from its session JSON (spec 13, `.isxb`
 * mapping). Values are copied as stored; keys whose source is absent are left out. Null when nothing
 * applies.
 */
export function getIsxbAcquisitionInfo(session: JsonObject): Record<string, JsonValue> | null {
  const info: Record<string, JsonValue> = {};
  const put = (key: string, value: JsonValue | undefined): void => {
    if (value !== undefined) info[key] = value;
  };
  const userInterface = child(session, 'userInterface');
  const animal = child(userInterface, 'animal');
  if (animal && Object.keys(animal).length > 0) for (const [key, name] of ANIMAL) put(key, animal[name]);
  const custom = child(userInterface, 'customMetadata');
  for (const [key, entry] of Object.entries(custom ?? {})) if (isJsonObject(entry)) put(key, entry.value);

  const processing = child(session, 'processingInterface');
  put('Recording UUID', processing?.recordingUUID);
  const system = child(processing, 'system');
  if (system) {
    const behavior = child(system, 'behavior');
    const paired = behavior?.paired === true;
    put('Behavior Session Name', child(behavior, 'system')?.sessionName);
    put('Behavior Acquisition SW Version', child(behavior, 'software')?.behaviorIdas);
    info['Miniscope Paired'] = paired;
    if (paired) {
      put('Miniscope Synced', behavior?.synced);
      const miniscope = child(system, 'miniscope');
      put('Miniscope Session Name', child(miniscope, 'system')?.sessionName);
      put('Miniscope Serial Number', child(miniscope, 'system')?.systemSerial);
      put('Miniscope Acquisition SW Version', child(miniscope, 'software')?.miniscopeIdas);
    }
  }
  const cameraName = session.cameraName;
  const camera = typeof cameraName === 'string' ? child(processing, cameraName) : undefined;
  if (camera) {
    put('Camera Name', camera.cameraAlias);
    put('Camera Serial Number', camera.cameraSerial);
    const sensor = child(camera, 'sensorParams');
    for (const [key, name] of SENSOR) put(key, sensor?.[name]);
    const exposure = child(sensor, 'exposure');
    // Only a manual exposure has a meaningful time; auto exposure is left out, as isx does.
    if (exposure?.type === 'manual') put('Camera Exposure Time (ms)', exposure.value);
  }
  return Object.keys(info).length === 0 ? null : info;
}

function child(obj: JsonObject | undefined, key: string): JsonObject | undefined {
  const value = obj && Object.hasOwn(obj, key) ? obj[key] : undefined;
  return isJsonObject(value) ? value : undefined;
}
