import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join, normalize } from 'node:path';
import { INSCOPIX_EXTENSIONS, IsxError } from '../lib/index.js';
import { globToRegExp, hasGlobMagic, splitGlobBase } from './globToRegExp.js';

/** An Inscopix file to convert and its path relative to the folder or glob base it was found under. */
export interface FoundInput {
  path: string;
  /** `/`-separated, extension kept: what `--path-pattern` matches and the `recording` key comes from. */
  relative: string;
}

export interface ExpandedInputs {
  /** Inscopix files to process, in argument order; within a folder or glob, sorted by path. */
  files: FoundInput[];
  /** Arguments that cannot be processed, one error each (reported, then exit 1). */
  rejected: IsxError[];
  /** Files found in a folder or by a glob that are not Inscopix files: skipped quietly, counted. */
  skipped: number;
}

export interface ExpandOptions {
  /** Folders stand for every file below them, not only those directly inside. */
  recursive?: boolean;
  /**
   * How a file named directly is keyed: by its name (arguments) or by its path as listed, without its root
   * and `.`/`..` segments (lines of `--files-from`, so that a list made by `find` keys nested files apart).
   */
  namedRelative?: 'name' | 'path';
}

/**
 * Turns the CLI's FILE arguments into Inscopix files: a folder stands for the files inside it (and below
 * it with `recursive`), a glob for the files it matches (for when the shell did not expand it). Files
 * found that way that are not Inscopix files (sidecars, earlier outputs) are skipped quietly and counted;
 * a file named directly that is not one is rejected (exit 1). Hidden entries (names starting with a dot,
 * such as temp files of writers) and `_manifest` folders are ignored.
 */
export async function expandInputs(args: readonly string[], options: ExpandOptions = {}): Promise<ExpandedInputs> {
  const found: ExpandedInputs = { files: [], rejected: [], skipped: 0 };
  const seen = new Set<string>();
  const accept = (path: string, relativePath: string, named: boolean): void => {
    if (seen.has(path)) return;
    seen.add(path);
    if (isInscopixPath(path)) found.files.push({ path, relative: relativePath });
    else if (named) found.rejected.push(notInscopix(path));
    else found.skipped++;
  };
  for (const arg of args) {
    const info = await stat(arg).catch(() => undefined);
    if (info?.isDirectory()) {
      const paths = await walk(arg, () => options.recursive ?? false, () => true);
      if (paths.length === 0) found.rejected.push(new IsxError('E_IO', 'folder contains no files', { path: arg }));
      for (const rel of paths) accept(join(arg, rel), rel, false);
    } else if (info) {
      accept(arg, options.namedRelative === 'path' ? pathAsListed(arg) : basename(arg), true);
    } else if (hasGlobMagic(arg)) {
      const { base, rest } = splitGlobBase(arg);
      const regex = globToRegExp(rest);
      const matches = await walk(base, () => rest.includes('**') || rest.includes('/'), (rel) => regex.test(rel));
      if (matches.length === 0) found.rejected.push(new IsxError('E_IO', 'no files match this pattern', { path: arg }));
      for (const rel of matches) accept(base === '.' && !arg.startsWith('./') ? rel : join(base, rel), rel, false);
    } else {
      found.rejected.push(new IsxError('E_IO', 'no such file or folder', { path: arg }));
    }
  }
  return found;
}

/**
 * Files (not hidden) below `root` for which `wanted` holds, as sorted `/`-separated relative paths. Links to
 * files count as files; links to folders are not followed (a link to a parent would never end).
 */
async function walk(root: string, descend: () => boolean, wanted: (relativePath: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  const visit = async (dir: string, prefix: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) {
        if (descend() && entry.name !== '_manifest') await visit(join(dir, entry.name), rel);
      } else if ((entry.isFile() || (entry.isSymbolicLink() && (await isLinkToFile(join(dir, entry.name))))) && wanted(rel)) {
        found.push(rel);
      }
    }
  };
  await visit(root, '');
  return found.sort();
}

/** A listed path as a key: `/`-separated, without its root and `.`/`..` segments (`/data/a/x.isxd` → `data/a/x.isxd`). */
function pathAsListed(path: string): string {
  return normalize(path)
    .split(/[\\/]+/)
    .filter((segment) => segment !== '' && segment !== '.' && segment !== '..' && !/^[A-Za-z]:$/.test(segment))
    .join('/');
}

async function isLinkToFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

function isInscopixPath(path: string): boolean {
  return INSCOPIX_EXTENSIONS.includes(extname(path).toLowerCase());
}

function notInscopix(path: string): IsxError {
  const ext = extname(path) || '(no extension)';
  return new IsxError('E_UNSUPPORTED', `not an Inscopix file: extension ${ext} is not one of ${INSCOPIX_EXTENSIONS.join(' ')}`, { path });
}
