import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { RecordBatch } from 'apache-arrow';
import { IsxError, type IsxErrorCode } from '../errors.js';
import type { EncodedChunk } from './encodeRowGroup.js';
import { pieceBuffers, toColumnPiece } from './columnPieces.js';
import type { EncodeReply, EncodeRequest, EncoderSetup } from './encodeWorker.js';

const WORKER_URL = new URL('./encodeWorker.js', import.meta.url);

/**
 * Whether encoder threads can start: their module must sit beside this one, which it does in the build
 * and the bundled command, but not when running from the TypeScript sources (tsx, whose loader Node 20
 * does not run in worker threads) or when an application bundled this code without it. Row groups are
 * then encoded on the calling thread.
 */
export function encoderThreadsAvailable(): boolean {
  threadsAvailable ??= WORKER_URL.protocol === 'file:' && existsSync(WORKER_URL);
  return threadsAvailable;
}

/** Looked up once, when the first large flat table is written, not when the library loads. */
let threadsAvailable: boolean | undefined;

/**
 * Threads that encode row groups (encodeWorker.ts), handed one row group each in turn. A row group
 * crosses as copies of its column buffers (columnPieces.ts) and comes back as its encoded chunks, both
 * transferred without another copy. scripts/build.mjs bundles the worker module beside dist/cli/main.js.
 */
export class EncoderPool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, { resolve: (chunks: EncodedChunk[]) => void; reject: (error: unknown) => void }>();
  private nextId = 0;
  private closed = false;

  constructor(
    readonly size: number,
    /** The table's schema as an Arrow IPC stream of no rows. */
    schemaIpc: Uint8Array,
    zstd: boolean,
    /** The output, named in errors. */
    private readonly path: string,
  ) {
    const setup: EncoderSetup = { schemaIpc, zstd };
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(WORKER_URL, { workerData: setup, execArgv: threadExecArgv() });
      worker.on('message', (reply: EncodeReply) => this.settle(reply));
      worker.on('error', (error) => this.failAll(`failed: ${error.message}`, error));
      worker.on('exit', (code) => {
        if (!this.closed) this.failAll(`exited (code ${code})`);
      });
      return worker;
    });
  }

  /** Encodes the rows of `batches` as one row group, on the next thread in turn. */
  encode(batches: readonly RecordBatch[]): Promise<EncodedChunk[]> {
    const id = this.nextId++;
    const columns = batches[0]!.data.children.map((_, i) => batches.map((batch) => toColumnPiece(batch.data.children[i]!)));
    const done = new Promise<EncodedChunk[]>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.workers[id % this.size]!.postMessage({ id, columns } satisfies EncodeRequest, columns.flat().flatMap(pieceBuffers));
    return done;
  }

  /** Stops the threads; row groups still being encoded are dropped. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private settle(reply: EncodeReply): void {
    const waiter = this.pending.get(reply.id);
    if (waiter === undefined) return;
    this.pending.delete(reply.id);
    if ('chunks' in reply) waiter.resolve(reply.chunks);
    else {
      const { code, message } = reply.error;
      const isxCode = code?.startsWith('E_') ? (code as IsxErrorCode) : 'E_IO';
      waiter.reject(new IsxError(isxCode, isxCode === 'E_IO' ? `writing Parquet failed: ${message}` : message, { path: this.path }));
    }
  }

  private failAll(what: string, cause?: Error): void {
    const error = new IsxError('E_IO', `writing Parquet failed: an encoder thread ${what}`, { path: this.path, ...(cause ? { cause } : {}) });
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}

/**
 * The parent's Node options, less those that apply only to its entry point: a program started as
 * `node --input-type=module -e ...` would otherwise pass --input-type to a thread started from a file,
 * which Node refuses.
 */
function threadExecArgv(): string[] {
  const kept: string[] = [];
  for (let i = 0; i < process.execArgv.length; i++) {
    const arg = process.execArgv[i]!;
    if (arg === '--input-type') i++;
    else if (!arg.startsWith('--input-type=')) kept.push(arg);
  }
  return kept;
}
