import { readFile } from 'node:fs/promises';
import { tableFromIPC, type Table } from 'apache-arrow';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** Independent read-back: apache-arrow for IPC outputs, DuckDB (a real engine) for Parquet. */
export async function readArrow(path: string): Promise<Table> {
  return tableFromIPC(await readFile(path));
}

let connection: DuckDBConnection | undefined;

export async function duckRows(sql: string): Promise<Record<string, unknown>[]> {
  // One thread: four test workers share two cores, and DuckDB's own threads would only compete with them.
  connection ??= await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

/** Key-value metadata of a Parquet file as a map (DuckDB returns keys and values as blobs). */
export async function parquetMetadata(path: string): Promise<Map<string, string>> {
  const rows = await duckRows(`select key, value from parquet_kv_metadata('${path}')`);
  return new Map(rows.map((r) => [Buffer.from(r.key as Uint8Array).toString(), Buffer.from(r.value as Uint8Array).toString()]));
}

/** Raw int64 microseconds of a timestamp column (apache-arrow's `get()` returns milliseconds). */
export function rawMicros(table: Table, column: string): bigint[] {
  return table.getChild(column)!.data.flatMap((d) => Array.from(d.values as BigInt64Array));
}
