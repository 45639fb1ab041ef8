import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { INSCOPIX_EXTENSIONS, IsxError } from '../lib/index.js';
import { globToRegExp, hasGlobMagic, splitGlobBase } from './globToRegExp.js';


export interface ExpandedInputs {
  /** Inscopix files to process, in argument order; within a folder or glob, sorted by name. */
  files: string[];
  /** Arguments or folder entries that cannot be processed, one error each (reported, then exit 1). */
  rejected: IsxError[];
}

/**
 * Turns the CLI's FILE arguments into Inscopix files: a folder stands for the files directly inside it
 * (not its subfolders; use `DIR/**\/*` for those), a glob for the files it matches (for when the shell did
 * not expand it). Anything else found that way is rejected with a message, never skipped silently. Hidden
 * entries (names starting with a dot, such as half-written `.x.parquet.1234.tmp` outputs) are ignored.
 */
export async function expandInputs(args: readonly string[]): Promise<ExpandedInputs> {
  const files: string[] = [];
  const rejected: IsxError[] = [];
  const seen = new Set<string>();
  const accept = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    if (isInscopixPath(path)) files.push(path);
    else rejected.push(notInscopix(path));
  };
  for (const arg of args) {
    const info = await stat(arg).catch(() => undefined);
    if (info?.isDirectory()) {
      const entries = await readdir(arg, { withFileTypes: true });
      const names = entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name);
      if (names.length === 0) rejected.push(new IsxError('E_IO', 'folder contains no files', { path: arg }));
      for (const name of names.sort()) accept(join(arg, name));
    } else if (info) {
      accept(arg);
    } else if (hasGlobMagic(arg)) {
      const matches = await matchGlob(arg);
      if (matches.length === 0) rejected.push(new IsxError('E_IO', 'no files match this pattern', { path: arg }));
      for (const path of matches) accept(path);
    } else {
      rejected.push(new IsxError('E_IO', 'no such file or folder', { path: arg }));
    }
  }
  return { files, rejected };
}

function isInscopixPath(path: string): boolean {
  return INSCOPIX_EXTENSIONS.includes(extname(path).toLowerCase());
}

function notInscopix(path: string): IsxError {
  const ext = extname(path) || '(no extension)';
  return new IsxError(
    'E_UNSUPPORTED',
    `not an Inscopix file: extension ${ext} is not one of ${INSCOPIX_EXTENSIONS.join(' ')}; skipped`,
    { path },
  );
}

/** Files (not folders, not hidden) whose path matches the glob, sorted. */
async function matchGlob(pattern: string): Promise<string[]> {
  const { base, rest } = splitGlobBase(pattern);
  const regex = globToRegExp(rest);
  const recursive = rest.includes('**') || rest.includes('/');
  const found: string[] = [];
  const walk = async (dir: string, relative: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const rel = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (recursive) await walk(join(dir, entry.name), rel);
      } else if (entry.isFile() && regex.test(rel)) {
        found.push(base === '.' && !pattern.startsWith('./') ? rel : join(base, rel));
      }
    }
  };
  await walk(base, '');
  return found.sort();
}
