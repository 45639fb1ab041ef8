import { createHash } from 'node:crypto';
import { basename, extname, join } from 'node:path';
import { FORMAT_EXTENSIONS, type SinkFormat } from '../sinks/formats.js';
import type { KeyValue } from '../../transforms/tables/withKeyColumns.js';
import { hiveFolder } from './hivePath.js';

/** The file name without folder and extension: `data/mouse1.isxd` → `mouse1`. */
export function fileStem(path: string): string {
  return basename(path, extname(path));
}

/**
 * What one input's outputs are named after: its recording key (default: the file stem), plus the source
 * extension unless it is `.isxd`, so the files of one acquisition that share a name (`x.isxd`, `x.gpio`,
 * `x.imu`, `x.isxb`) never write the same output (issue 10.2): `x`, `x.gpio`, `x.imu`, `x.isxb`.
 */
export function outputStem(path: string, recording: string = fileStem(path)): string {
  const extension = extname(path).toLowerCase();
  return extension === '.isxd' ? recording : `${recording}${extension}`;
}

/** A short, stable name for an output stem where the stem itself may be too long or hold `/`. */
export function stemId(stem: string): string {
  return createHash('sha256').update(stem).digest('hex').slice(0, 16);
}

/**
 * Where one table of one input goes (design 5):
 * - flat: `<outDir>/<stem>.<table>.<ext>` (a stem with `/` makes subfolders, mirroring the input tree);
 * - with `partitions`: the Hive layout `<outDir>/<table>/KEY=VALUE/.../part-<id>.<ext>`, values escaped as
 *   Hive does, `<id>` derived from the stem so inputs sharing a partition folder never collide; DuckDB's
 *   `read_parquet('<outDir>/<table>/**\/*.parquet', hive_partitioning=true)`, pyarrow datasets and Polars
 *   read all of a table as one, with a column per partition key.
 */
export function outputPathFor(outDir: string, stem: string, table: string, format: SinkFormat, partitions: readonly KeyValue[] = []): string {
  return pathFor(outDir, stem, table, FORMAT_EXTENSIONS[format], partitions);
}

/**
 * Where an input's metadata sidecar goes (README "table metadata"), laid out as its tables are:
 * `<outDir>/<stem>.metadata.json`, or `<outDir>/metadata/KEY=VALUE/.../part-<id>.json`, outside every
 * table's folder so that no dataset reader of a table meets it.
 */
export function metadataSidecarPathFor(outDir: string, stem: string, partitions: readonly KeyValue[] = []): string {
  return pathFor(outDir, stem, 'metadata', 'json', partitions);
}

function pathFor(outDir: string, stem: string, name: string, ext: string, partitions: readonly KeyValue[]): string {
  if (partitions.length === 0) return join(outDir, `${stem}.${name}.${ext}`);
  return join(outDir, name, ...partitions.map(([key, value]) => hiveFolder(key, value)), `part-${stemId(stem)}.${ext}`);
}
