import { AtomicFile, type AtomicFileOptions } from './atomicFile.js';

/** Writes `bytes` as the whole content of `path`, appearing only when complete (see {@link AtomicFile}). */
export async function writeFileAtomically(path: string, bytes: Uint8Array, options: AtomicFileOptions = {}): Promise<void> {
  const file = await AtomicFile.create(path, options);
  try {
    await file.write(bytes);
    await file.commit();
  } catch (error) {
    await file.abort();
    throw error;
  }
}
