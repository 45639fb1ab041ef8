import { Readable } from 'node:stream';
import { chain } from 'stream-chain';

/** Pushes `records` through a stream-chain of `stages` and collects what comes out. */
export async function runStages<T>(records: readonly unknown[], stages: readonly unknown[]): Promise<T[]> {
  const pipeline = chain([Readable.from(records, { objectMode: true }), ...stages] as unknown as [Readable]);
  const out: T[] = [];
  for await (const item of pipeline) out.push(item as T);
  return out;
}
