import { FILE_METADATA_KEY } from '../../lib/core/metadataKey.js';

/**
 * Most bytes of JSON metadata a table embeds as `isx:metadata`. Real footers are a few KiB; a footer can
 * hold any string, and every table of an input (and, in Parquet, its footer) would copy one of 64 MiB
 * (issue 12). Larger metadata is stored once per input instead, or left out where there is no place for it.
 */
export const MAX_EMBEDDED_METADATA_BYTES = 1024 * 1024;

/**
 * How the tables of one input carry its JSON metadata, decided once per input whatever its number of
 * tables: embedded (`text`), in a sidecar file (`file`: its path relative to the tables' folder), or left
 * out (`omitted`: why). `bytes` is the UTF-8 length of the JSON text in every case.
 */
export type MetadataPlacement =
  | { readonly text: string; readonly bytes: number }
  | { readonly file: string; readonly bytes: number }
  | { readonly omitted: string; readonly bytes: number };

const NO_SIDECAR = 'larger than the 1 MiB a table embeds, and no sidecar file was named';

/**
 * The placement of metadata whose bigint-exact JSON text is made of `pieces` (stringifyJsonPieces):
 * embedded up to the cap, else in `sidecar` when the caller writes one, else omitted for `reason`. The
 * pieces are joined only when embedded, so a large text is never held whole here.
 */
export function placeMetadata(pieces: readonly string[], sidecar: { file: string } | { reason: string } = { reason: NO_SIDECAR }): MetadataPlacement {
  const bytes = pieces.reduce((sum, piece) => sum + Buffer.byteLength(piece, 'utf8'), 0);
  if (bytes <= MAX_EMBEDDED_METADATA_BYTES) return { text: pieces.join(''), bytes };
  return 'file' in sidecar ? { file: sidecar.file, bytes } : { omitted: sidecar.reason, bytes };
}

/** The schema metadata keys of a placement (the README's table metadata). */
export function metadataEntries(placement: MetadataPlacement): [string, string][] {
  if ('text' in placement) return [[FILE_METADATA_KEY, placement.text]];
  const bytes: [string, string] = ['isx:metadata-bytes', String(placement.bytes)];
  return 'file' in placement ? [['isx:metadata-file', placement.file], bytes] : [bytes, ['isx:metadata-omitted', placement.omitted]];
}
