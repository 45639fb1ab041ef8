import { dirname, relative, sep } from 'node:path';
import type { CommitGroup } from '../io/commitGroup.js';
import { stringifyJsonPieces } from '../json/stringifyJson.js';
import type { AnyDataSet } from '../kinds/kindName.js';
import type { SinkFormat } from '../sinks/formats.js';
import { placeMetadata, type MetadataPlacement } from '../../transforms/tables/sourceMetadata.js';

/** Formats whose files carry schema metadata; NDJSON and CSV have no place for it. */
const METADATA_FORMATS: ReadonlySet<SinkFormat> = new Set(['parquet', 'arrow', 'arrows']);

const ON_STREAM = 'larger than the 1 MiB a table embeds, and a table written to a stream has no sidecar file';

/** Where an input's metadata goes: how its tables carry it, and the sidecar to write when there is one. */
export interface InputMetadata {
  placement: MetadataPlacement;
  /** The sidecar's path and its content: the exact JSON text `isx:metadata` would hold, in pieces. */
  sidecar?: MetadataSidecar;
}

export interface MetadataSidecar {
  path: string;
  pieces: readonly string[];
}

/**
 * Places an input's JSON metadata, stringified once for all its tables: embedded when small; over the cap,
 * in a sidecar at `sidecarPath` when the tables go to files (named in each table relative to `tablePath`'s
 * folder), else left out. Only formats that carry schema metadata get a sidecar.
 */
export function placeInputMetadata(
  dataSet: AnyDataSet,
  format: SinkFormat,
  files: { sidecarPath: string; tablePath: string } | undefined,
): InputMetadata {
  const pieces = stringifyJsonPieces(dataSet.metadata);
  if (files === undefined || !METADATA_FORMATS.has(format)) return { placement: placeMetadata(pieces, { reason: ON_STREAM }) };
  const file = relative(dirname(files.tablePath), files.sidecarPath).split(sep).join('/');
  const placement = placeMetadata(pieces, { file });
  return 'file' in placement ? { placement, sidecar: { path: files.sidecarPath, pieces } } : { placement };
}

/** Why tables of `format` leave the metadata out (over the cap, on a stream), for the caller to say so; else undefined. */
export function metadataOmission(metadata: InputMetadata, format: SinkFormat): string | undefined {
  return 'omitted' in metadata.placement && METADATA_FORMATS.has(format) ? metadata.placement.omitted : undefined;
}

/** Characters encoded per write: the sidecar is never encoded whole beside its text. */
const CHUNK_CHARS = 1 << 20;

/** Writes the sidecar into the input's commit group (published with its tables, or not at all). */
export async function writeMetadataSidecar(group: CommitGroup, sidecar: MetadataSidecar): Promise<void> {
  const file = await group.create(sidecar.path);
  for (const chunk of chunksOf(sidecar.pieces)) await file.write(Buffer.from(chunk, 'utf8'));
  await file.seal();
}

/** The pieces as strings of about CHUNK_CHARS: small ones gathered, large ones cut. */
function* chunksOf(pieces: readonly string[]): Generator<string> {
  let gathered = '';
  for (const piece of pieces) {
    if (piece.length < CHUNK_CHARS) {
      gathered += piece;
      if (gathered.length < CHUNK_CHARS) continue;
      yield gathered;
      gathered = '';
      continue;
    }
    if (gathered !== '') yield gathered;
    gathered = '';
    yield* slicesOf(piece);
  }
  if (gathered !== '') yield gathered;
}

/** `text` in slices of at most CHUNK_CHARS, never splitting a surrogate pair (each half alone would be encoded as U+FFFD). */
function* slicesOf(text: string): Generator<string> {
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + CHUNK_CHARS);
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
    yield text.slice(at, end);
    at = end;
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
