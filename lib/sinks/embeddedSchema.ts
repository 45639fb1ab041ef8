import { Schema } from 'apache-arrow';
import { FILE_METADATA_KEY } from '../core/metadataKey.js';

/**
 * The schema a Parquet file embeds as `ARROW:schema`. The file's whole JSON (`isx:metadata`) is left out of
 * it and kept in the key-value metadata only, where every Parquet reader finds it (DuckDB
 * `parquet_kv_metadata`, pyarrow `read_metadata`, Polars `read_parquet_metadata`): a large value would
 * otherwise be stored twice.
 */
export function embeddedSchema(schema: Schema): Schema {
  return new Schema(schema.fields, new Map([...schema.metadata].filter(([key]) => key !== FILE_METADATA_KEY)), schema.dictionaries);
}
