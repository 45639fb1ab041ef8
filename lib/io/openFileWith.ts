import { FileSource } from './fileSource.js';

/**
 * Opens `path` and hands the open file to `build`, which takes ownership on success. On failure the file
 * is closed; if closing fails too, both errors reach the caller in an AggregateError (no error is dropped).
 */
export async function openFileWith<T>(path: string, build: (source: FileSource) => Promise<T>): Promise<T> {
  const source = await FileSource.open(path);
  try {
    return await build(source);
  } catch (error) {
    try {
      await source.close();
    } catch (closeError) {
      throw new AggregateError([error, closeError], `${path}: opening failed, then closing the file failed too`);
    }
    throw error;
  }
}
