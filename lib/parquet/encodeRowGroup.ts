import type { Data } from 'apache-arrow';
import type { ColumnPlan } from './columnChunk.js';
import { dataPageV2Header, dictionaryPageHeader, Encoding, type Statistics } from './format.js';

/** One column chunk's pages, laid out from offset 0; the writer places them and makes the metadata absolute. */
export interface EncodedChunk {
  bytes: Uint8Array;
  /** Where the data page starts within `bytes` (after the dictionary page, when there is one). */
  dataPageAt: number;
  hasDictionary: boolean;
  uncompressedBytes: number;
  numValues: number;
  encodings: number[];
  statistics?: Statistics;
}

export type Compress = (bytes: Uint8Array) => Uint8Array;

/**
 * Encodes one row group: per column, a dictionary page (text columns) and one V2 data page whose values
 * (not its definition levels) are compressed. Pure: the sink runs it inline or in encoder threads.
 */
export function encodeRowGroup(plans: readonly ColumnPlan[], columns: readonly (readonly Data[])[], compress: Compress | undefined): EncodedChunk[] {
  return plans.map((plan, i) => encodeChunk(plan, columns[i]!, compress));
}

function encodeChunk(plan: ColumnPlan, pieces: readonly Data[], compress: Compress | undefined): EncodedChunk {
  const encoded = plan.encode(pieces);
  const parts: Uint8Array[] = [];
  let uncompressedBytes = 0;
  const squeeze = (bytes: Uint8Array): Uint8Array => (compress === undefined ? bytes : compress(bytes));
  if (encoded.dictionary !== undefined) {
    const { values, count } = encoded.dictionary;
    const body = squeeze(values);
    const header = dictionaryPageHeader({ uncompressedBytes: values.length, compressedBytes: body.length, numValues: count });
    parts.push(header, body);
    uncompressedBytes += header.length + values.length;
  }
  const dataPageAt = parts.reduce((n, p) => n + p.length, 0);
  const levelBytes = encoded.levels.length;
  const values = squeeze(encoded.values);
  const header = dataPageV2Header({
    uncompressedBytes: levelBytes + encoded.values.length,
    compressedBytes: levelBytes + values.length,
    numValues: encoded.numValues,
    numNulls: encoded.numNulls,
    encoding: encoded.encoding,
    levelBytes,
    compressed: compress !== undefined,
  });
  parts.push(header, encoded.levels, values);
  uncompressedBytes += header.length + levelBytes + encoded.values.length;
  const encodings = encoded.dictionary !== undefined ? [Encoding.PLAIN, encoded.encoding] : [encoded.encoding];
  if (plan.leaf.nullable) encodings.push(Encoding.RLE);
  return {
    bytes: concatenate(parts),
    dataPageAt,
    hasDictionary: encoded.dictionary !== undefined,
    uncompressedBytes,
    numValues: encoded.numValues,
    encodings,
    ...(encoded.statistics !== undefined ? { statistics: encoded.statistics } : {}),
  };
}

function concatenate(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let position = 0;
  for (const part of parts) {
    out.set(part, position);
    position += part.length;
  }
  return out;
}
