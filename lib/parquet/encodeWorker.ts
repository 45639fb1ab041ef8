import { parentPort, workerData } from 'node:worker_threads';
import { tableFromIPC } from 'apache-arrow';
import { columnPlan } from './columnChunk.js';
import { fromColumnPiece, type ColumnPiece } from './columnPieces.js';
import { encodeRowGroup, type EncodedChunk } from './encodeRowGroup.js';
import { loadZstd } from './zstd.js';

/** What an encoder thread starts with: the table's schema (an Arrow IPC stream of no rows) and its codec. */
export interface EncoderSetup {
  schemaIpc: Uint8Array;
  zstd: boolean;
}

/** A row group to encode: each column's pieces. */
export interface EncodeRequest {
  id: number;
  columns: ColumnPiece[][];
}

export type EncodeReply = { id: number; chunks: EncodedChunk[] } | { id: number; error: { message: string; code?: string } };

const setup = workerData as EncoderSetup;
const schema = tableFromIPC(setup.schemaIpc).schema;
const plans = schema.fields.map((field) => columnPlan(field)!);
const compress = setup.zstd ? loadZstd() : Promise.resolve(undefined);

/** An encoder thread (encoderPool.ts): row groups in, their encoded column chunks out. */
parentPort!.on('message', (request: EncodeRequest) => {
  void encode(request).then(
    (chunks) => parentPort!.postMessage({ id: request.id, chunks } satisfies EncodeReply, chunks.map((c) => c.bytes.buffer as ArrayBuffer)),
    (error: unknown) => {
      // An IsxError's detail, without the path the sink's side adds back.
      const { detail, message = String(error), code } = error as { detail?: string; message?: string; code?: unknown };
      parentPort!.postMessage({ id: request.id, error: { message: detail ?? message, ...(typeof code === 'string' ? { code } : {}) } } satisfies EncodeReply);
    },
  );
});

async function encode(request: EncodeRequest): Promise<EncodedChunk[]> {
  const columns = request.columns.map((pieces, i) => pieces.map((piece) => fromColumnPiece(piece, schema.fields[i]!.type)));
  return encodeRowGroup(plans, columns, await compress);
}
