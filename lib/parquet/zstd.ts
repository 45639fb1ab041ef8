/** zstd's own default level, the `zstd -3` the benchmark compares with. */
const LEVEL = 3;

let compressor: Promise<(bytes: Uint8Array) => Uint8Array> | undefined;

/**
 * zstd compression (a wasm build of the reference library), loaded when the first Parquet output opens:
 * a program that writes no Parquet never pays for it.
 */
export function loadZstd(): Promise<(bytes: Uint8Array) => Uint8Array> {
  compressor ??= import('@bokuweb/zstd-wasm').then(async (zstd) => {
    await zstd.init();
    return (bytes: Uint8Array) => zstd.compress(bytes, LEVEL);
  });
  return compressor;
}
