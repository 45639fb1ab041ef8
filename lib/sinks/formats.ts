/**
 * Output formats and codecs, without loading any encoder: `arrow` is the Arrow IPC file format, `arrows`
 * the IPC stream format. Each maps to its file extension.
 */
export const FORMAT_EXTENSIONS = {
  parquet: 'parquet',
  arrow: 'arrow',
  arrows: 'arrows',
  ndjson: 'ndjson',
  csv: 'csv',
} as const;

export type SinkFormat = keyof typeof FORMAT_EXTENSIONS;

export const SINK_FORMATS = Object.keys(FORMAT_EXTENSIONS) as SinkFormat[];

export const PARQUET_CODECS = ['uncompressed', 'snappy', 'zstd', 'lz4', 'gzip', 'brotli'] as const;
export type ParquetCodec = (typeof PARQUET_CODECS)[number];
