import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { ioError } from '../io/fileSource.js';
import { isWriterGone, writerTag } from '../io/tempFiles.js';
import { writeFileAtomically } from '../io/writeFileAtomically.js';
import type { JsonObject, JsonValue } from '../json/jsonValue.js';
import { stringifyJson } from '../json/stringifyJson.js';
import { packageVersion } from '../core/packageVersion.js';
import type { ConvertedTable, ConvertOptions } from './convertOptions.js';
import { outputStem, stemId } from './outputPath.js';

/** The folder of per-recording manifests; `_` makes Hive-aware readers (pyarrow, Spark) skip it. */
export const MANIFEST_FOLDER = '_manifest';

/**
 * The completion marker of one input in a dataset (issue 10.6), written after all its tables were
 * committed: what was read (size, mtime, content hash), how (the options that shape the outputs), what
 * came out (tables, paths relative to the output folder, rows), under which keys, by which isx-stream version.
 */
export interface Manifest {
  isxStreamVersion: string;
  /** `sha256`: of the input's content, made by dataset runs only (see convertDataset). */
  input: { path: string; size: number; mtimeMs: number; sha256?: string };
  keys: Record<string, string>;
  options: JsonObject;
  /** Every output of the input: its tables, and its metadata sidecar (`sidecar: true`) when it has one. */
  tables: { table: string; path: string; rows: number; sidecar?: true }[];
}

/** What an input is, as its manifest records it; the content hash is computed only when needed. */
export interface InputIdentity {
  size: number;
  mtimeMs: number;
}

/** The options that decide what the outputs hold or where they are (not overwrite, progress, signal, ...). */
const SHAPING_OPTIONS = ['to', 'tables', 'cells', 'channels', 'startSec', 'endSec', 'decimate', 'bin', 'crop', 'planes', 'decode', 'compression', 'limit', 'batchRows', 'partitionBy'] as const;

function shapingOptions(options: ConvertOptions): JsonObject {
  const picked: JsonObject = {};
  for (const name of SHAPING_OPTIONS) if (options[name] !== undefined) picked[name] = options[name] as unknown as JsonValue;
  return picked;
}

/** `<outDir>/_manifest/<id>.json`: one per output stem (recording key and source extension). */
export function manifestPath(outDir: string, inputPath: string, options: ConvertOptions): string {
  return join(outDir, MANIFEST_FOLDER, `${stemId(outputStem(inputPath, options.keys?.recording))}.json`);
}

export async function identify(path: string): Promise<InputIdentity> {
  const info = await stat(path).catch((cause: unknown) => {
    throw ioError(path, 'cannot read the input', cause);
  });
  return { size: info.size, mtimeMs: info.mtimeMs };
}

/** The SHA-256 of a file's content, streamed; aborting `signal` stops the reading. */
export async function hashFile(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, signal })) hash.update(chunk as Buffer);
  } catch (cause) {
    throw ioError(path, 'cannot read the input', cause);
  }
  return hash.digest('hex');
}

/** Writes the manifest of a committed input; it replaces an older one (it is only written after the tables). */
export async function writeManifest(path: string, manifest: Manifest): Promise<void> {
  const folder = join(path, '..');
  await mkdir(folder, { recursive: true }).catch((cause: unknown) => {
    throw ioError(folder, 'cannot create the manifest folder', cause);
  });
  await writeFileAtomically(path, Buffer.from(`${stringifyJson(manifest as unknown as JsonValue, { indent: 2, sortKeys: true })}\n`), { overwrite: true });
}

export function makeManifest(inputPath: string, identity: InputIdentity, sha256: string | undefined, options: ConvertOptions, outDir: string, tables: readonly ConvertedTable[]): Manifest {
  return {
    isxStreamVersion: packageVersion(),
    input: { path: inputPath, size: identity.size, mtimeMs: identity.mtimeMs, ...(sha256 === undefined ? {} : { sha256 }) },
    keys: { ...options.keys },
    options: shapingOptions(options),
    tables: tables.map((t) => ({ table: t.table, path: relative(outDir, t.path).split(sep).join('/'), rows: t.rows, ...(t.sidecar ? { sidecar: t.sidecar } : {}) })),
  };
}

/**
 * True when `manifestFile` says this input was converted with these options and keys and its outputs are still
 * there: same size, and same mtime or (after a copy or touch) the same content hash; a manifest without a
 * hash counts an input with another mtime as changed.
 */
export async function isComplete(manifestFile: string, inputPath: string, identity: InputIdentity, options: ConvertOptions, outDir: string): Promise<boolean> {
  const text = await readFile(manifestFile, 'utf8').catch(() => undefined);
  if (text === undefined) return false;
  let manifest: Manifest;
  try {
    manifest = JSON.parse(text) as Manifest;
  } catch {
    return false;
  }
  if (manifest.input?.size !== identity.size) return false;
  const same = (a: unknown, b: unknown): boolean => stringifyJson((a ?? null) as JsonValue, { sortKeys: true }) === stringifyJson((b ?? null) as JsonValue, { sortKeys: true });
  if (!same(manifest.options, shapingOptions(options)) || !same(manifest.keys, { ...options.keys })) return false;
  for (const table of manifest.tables ?? []) if (!(await stat(join(outDir, table.path)).then(() => true, () => false))) return false;
  if (manifest.input.mtimeMs === identity.mtimeMs) return true;
  return manifest.input.sha256 !== undefined && manifest.input.sha256 === (await hashFile(inputPath));
}

/**
 * Publishing an input's tables is a few renames, and the manifest comes after them: a writer killed in
 * between leaves outputs without a manifest, which a re-run could not replace without `overwrite`. So the
 * outputs are listed first in a commit journal, `<manifest>.commit_<host>_<pid>`, removed once the manifest
 * is written; a later run undoes the commits of journals whose writer is provably gone (this host, process
 * no longer running) before it converts that input again.
 */
export async function writeCommitJournal(manifestFile: string, outDir: string, paths: readonly string[]): Promise<void> {
  await mkdir(dirname(manifestFile), { recursive: true }).catch((cause: unknown) => {
    throw ioError(dirname(manifestFile), 'cannot create the manifest folder', cause);
  });
  const listed = paths.map((path) => relative(outDir, path).split(sep).join('/'));
  await writeFileAtomically(journalOf(manifestFile), Buffer.from(`${JSON.stringify(listed)}\n`), { overwrite: true });
}

export async function removeCommitJournal(manifestFile: string): Promise<void> {
  await rm(journalOf(manifestFile), { force: true });
}

function journalOf(manifestFile: string): string {
  return `${manifestFile}.commit_${writerTag()}`;
}

/**
 * The commit journals in `<outDir>/_manifest/` whose writer is gone, by the manifest they belong to: listed
 * once per run (journals of writers gone before it started), not once per input.
 */
export async function findInterruptedCommits(outDir: string): Promise<Map<string, string[]>> {
  const folder = join(outDir, MANIFEST_FOLDER);
  const found = new Map<string, string[]>();
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    const at = name.indexOf('.commit_');
    if (at < 0 || !isWriterGone(name.slice(at + '.commit_'.length))) continue;
    const manifest = join(folder, name.slice(0, at));
    found.set(manifest, [...(found.get(manifest) ?? []), join(folder, name)]);
  }
  return found;
}

/** Removes the outputs listed by `journals` (an interrupted commit of one input), then the journals. */
export async function undoInterruptedCommits(journals: readonly string[], outDir: string): Promise<void> {
  for (const journal of journals) {
    const listed = JSON.parse(await readFile(journal, 'utf8')) as string[];
    for (const path of listed) await rm(join(outDir, path), { force: true });
    await rm(journal, { force: true });
  }
}
