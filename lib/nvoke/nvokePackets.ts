/** nVoke 1 `.raw` packet layout (spec 10). Every packet starts `{u8 dataType, u8 pktLength, u8 eventCounter}`. */
export const NVOKE_HEADER_BYTES = 3;

/** The 7-byte sync packet `55 55 55 55 55 55 5D`; parsing starts after the first one. */
export const NVOKE_SYNC_PACKET = Uint8Array.of(0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x5d);
/** First bytes of an nVista raw movie, which shares the `.raw` extension. */
export const NVISTA_RAW_SIGNATURE = Uint8Array.of(0xfe, 0xff, 0xff, 0xff);

export const NvokePacketBytes = { digital: 11, led: 13, analog: 32, sync: 7 } as const;

export const NVOKE_SYNC_TYPE = 0x55;
export const NVOKE_ANALOG_TYPE = 0x07;
/** Samples in one GPIO4_AI packet, 1 ms apart. */
export const NVOKE_ANALOG_SAMPLES = 10;
export const NVOKE_ANALOG_SAMPLE_STEP_US = 1000n;

/** Channel names by data type (spec 10). */
export const NVOKE_CHANNEL_NAMES: ReadonlyMap<number, string> = new Map([
  [0x01, 'GPIO1'],
  [0x02, 'GPIO2'],
  [0x03, 'GPIO3'],
  [0x04, 'GPIO4'],
  [0x05, 'SYNC'],
  [0x06, 'TRIG'],
  [0x07, 'GPIO4_AI'],
  [0x08, 'EX_LED'],
  [0x09, 'OG_LED'],
  [0x0a, 'DI_LED'],
]);

export const isNvokeDigitalType = (type: number): boolean => type >= 0x01 && type <= 0x06;
export const isNvokeLedType = (type: number): boolean => type >= 0x08 && type <= 0x0a;

/** LED states in bits 0-1 of `powerState`. */
export const NvokeLedState = { off: 0, on: 1, rampUp: 2, rampDown: 3 } as const;

/**
 * A packet time: 4-byte big-endian seconds, then 3 bytes of microseconds of which the first keeps only its
 * low nibble (spec 10). Microseconds since the epoch.
 */
export function readNvokeTimeUs(bytes: Uint8Array, at: number): bigint {
  const seconds = ((bytes[at]! << 24) >>> 0) + (bytes[at + 1]! << 16) + (bytes[at + 2]! << 8) + bytes[at + 3]!;
  const micros = ((bytes[at + 4]! & 0x0f) << 16) | (bytes[at + 5]! << 8) | bytes[at + 6]!;
  return BigInt(seconds) * 1_000_000n + BigInt(micros);
}
