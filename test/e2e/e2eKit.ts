import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { convertFile } from '../../lib/convert/index.js';
import type { ConvertOptions } from '../../lib/convert/index.js';

/**
 * The proof harness: convert with the library job users run (`convertFile`), then read the outputs back
 * with independent readers — apache-arrow for Arrow IPC, DuckDB for Parquet.
 */

/** Every table of one input, converted to Arrow IPC (read back) and to Parquet (paths for DuckDB). */
export interface Converted {
  arrow: Map<string, Table>;
  parquet: Map<string, string>;
}

export async function convertToBoth(input: string, outDir: string, options: Partial<ConvertOptions> = {}): Promise<Converted> {
  const arrowOut = await convertFile(input, { ...options, to: 'arrow', outDir: join(outDir, 'arrow'), overwrite: true });
  const parquetOut = await convertFile(input, { ...options, to: 'parquet', outDir: join(outDir, 'parquet'), overwrite: true });
  const arrow = new Map<string, Table>();
  for (const { table, path } of arrowOut) arrow.set(table, tableFromIPC(await readFile(path)));
  return { arrow, parquet: new Map(parquetOut.map(({ table, path }) => [table, path])) };
}

export function tableOf<V>(map: Map<string, V>, name: string): V {
  const value = map.get(name);
  if (value === undefined) throw new Error(`no "${name}" table among ${[...map.keys()].join(', ')}`);
  return value;
}

let connection: DuckDBConnection | undefined;

/** Rows of a DuckDB query as plain JS objects (BIGINT/UBIGINT as bigint, FLOAT/DOUBLE as number). */
export async function duck(sql: string): Promise<Record<string, unknown>[]> {
  // One thread: four test workers share two cores, and DuckDB's own threads would only compete with them.
  connection ??= await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

/**
 * Raw 64-bit values of an int64, uint64 or timestamp column, all batches in order. For timestamp[us]
 * these are microseconds: apache-arrow's `get()` would return milliseconds.
 */
export function rawBigInts(table: Table, name: string): bigint[] {
  return column(table, name).data.flatMap((d) => Array.from((d.values as BigInt64Array | BigUint64Array).subarray(d.offset, d.offset + d.length)));
}

/** Values of a column through `get()` (strings, numbers, bigint, Uint8Array, null). */
export function values(table: Table, name: string): unknown[] {
  const vector = column(table, name);
  return Array.from({ length: vector.length }, (_, i) => vector.get(i));
}

/** Numbers of a float column as a Float32Array, NaN kept (for exact comparison with a reader's arrays). */
export function float32Values(table: Table, name: string): Float32Array {
  const vector = column(table, name);
  return Float32Array.from({ length: vector.length }, (_, i) => vector.get(i) as number);
}

/** One fixed-size-list cell as a typed array, or null. */
export function listAt<A>(table: Table, name: string, row: number): A | null {
  const item = column(table, name).get(row) as { toArray(): A } | null;
  return item === null ? null : item.toArray();
}

function column(table: Table, name: string) {
  const vector = table.getChild(name);
  if (vector === null) throw new Error(`no column "${name}" among ${table.schema.fields.map((f) => f.name).join(', ')}`);
  return vector;
}

/** Sum in float64, first to last: the order DuckDB's `list_sum(x::double[])` adds in. */
export function sumInOrder(array: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < array.length; i++) sum += array[i]!;
  return sum;
}

/** SQL string literal for a file path. */
export function sqlPath(path: string): string {
  return `'${path.replaceAll("'", "''")}'`;
}
