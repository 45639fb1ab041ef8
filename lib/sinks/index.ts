import type { SinkDestination } from './byteDestination.js';
import type { Schema } from 'apache-arrow';
import { IsxError } from '../errors.js';
import { ArrowIpcSink } from './arrowSink.js';
import { ParquetSink, type ParquetSinkOptions } from './parquetSink.js';
import type { TableSink } from './tableSink.js';
import { TextSink, type TextSinkOptions } from './textSink.js';
import { SINK_FORMATS, type SinkFormat } from './formats.js';

/** Options of every sink; the Parquet ones are ignored by the other formats, `csvSafe` by all but CSV. */
export type SinkOptions = ParquetSinkOptions & TextSinkOptions;

/**
 * Opens a table output: `arrow` = Arrow IPC file, `arrows` = Arrow IPC stream, `parquet`, `ndjson`, `csv`.
 * A string destination is a path written atomically (temp file in the same folder, renamed on close);
 * a Writable (stdout) receives the bytes as they are produced; a GroupedPath is published with its CommitGroup.
 */
export async function openSink(format: SinkFormat, destination: SinkDestination, schema: Schema, options: SinkOptions = {}): Promise<TableSink> {
  switch (format) {
    case 'arrow':
      return ArrowIpcSink.open(destination, schema, 'file', options);
    case 'arrows':
      return ArrowIpcSink.open(destination, schema, 'stream', options);
    case 'parquet':
      return ParquetSink.open(destination, schema, options);
    case 'ndjson':
    case 'csv':
      return TextSink.open(destination, schema, format, options);
    default:
      throw new IsxError('E_ARGUMENT', `unknown output format "${String(format)}"; expected one of ${SINK_FORMATS.join(', ')}`);
  }
}

export type { TableSink } from './tableSink.js';
export { ArrowIpcSink, type ArrowIpcFormat } from './arrowSink.js';
export { ParquetSink, type ParquetSinkOptions } from './parquetSink.js';
export { SINK_FORMATS, PARQUET_CODECS, FORMAT_EXTENSIONS, type SinkFormat, type ParquetCodec } from './formats.js';
export { TextSink, type TextFormat, type TextSinkOptions } from './textSink.js';
export { toSinkWritable } from './sinkWritable.js';
export { writeTable } from './writeTable.js';
export type { DestinationOptions, SinkDestination } from './byteDestination.js';
