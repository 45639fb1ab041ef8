/**
 * Every output format with the extension of its files (design 5): `arrow` is the Arrow IPC file format,
 * `arrows` the IPC stream format. The one list of formats (the CLI's `--to` choices, in this order), and
 * the Parquet codecs; a module of its own so that naming a format does not load the encoders.
 */
export const FORMAT_EXTENSIONS = { parquet: 'parquet', arrow: 'arrow', arrows: 'arrows', ndjson: 'ndjson', csv: 'csv' } as const;
export type SinkFormat = keyof typeof FORMAT_EXTENSIONS;
export const SINK_FORMATS = Object.keys(FORMAT_EXTENSIONS) as readonly SinkFormat[];

export const PARQUET_CODECS = ['uncompressed', 'snappy', 'zstd', 'lz4', 'gzip', 'brotli'] as const;
export type ParquetCodec = (typeof PARQUET_CODECS)[number];
