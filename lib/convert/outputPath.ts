import { basename, extname, join } from 'node:path';
import { FORMAT_EXTENSIONS, type SinkFormat } from '../sinks/formats.js';

/** The file name without folder and extension: `data/mouse1.isxd` → `mouse1`. */
export function fileStem(path: string): string {
  return basename(path, extname(path));
}

/**
 * Where one table of one input goes (design 5):
 * - flat: `<outDir>/<stem>.<table>.<ext>`;
 * - `partitionBy: 'session'`: `<outDir>/<table>/session=<stem>/part-0.<ext>`, the Hive layout, so that
 *   `read_parquet('<outDir>/<table>/*\/*.parquet', hive_partitioning=true)` in DuckDB (or a Hive-aware
 *   dataset reader in Arrow, Polars, Spark) reads all sessions of a table as one table with a `session`
 *   column.
 */
export function outputPathFor(outDir: string, stem: string, table: string, format: SinkFormat, partitionBy?: 'session'): string {
  const ext = FORMAT_EXTENSIONS[format];
  return partitionBy === 'session' ? join(outDir, table, `session=${stem}`, `part-0.${ext}`) : join(outDir, `${stem}.${table}.${ext}`);
}
