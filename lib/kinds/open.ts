import { extname } from 'node:path';
import { KIND_NAMES } from '../core/kinds.js';
import { IsxError } from '../errors.js';
import { openFileWith } from '../io/openFileWith.js';
import { readFooter } from '../isxd/footer.js';
import type { AnyDataSet } from './kindName.js';
import { INSCOPIX_EXTENSIONS, kindOfExtension, kindOfFooterType } from './registry.js';

/** Extensions of kinds the isx tools know but isx-stream does not read (spec 1.1, 12). */
const UNREADABLE_KINDS: ReadonlyMap<string, string> = new Map([
  ['.isxc', 'compressed nVista 3 movies are not supported; decompress to .isxd with isx.decompress first'],
  ...['.hdf5', '.xml', '.tif', '.tiff'].map((e): [string, string] => [e, 'nVista 2 recordings are not supported']),
  ...['.mp4', '.avi', '.mpg', '.mpeg', '.wmv'].map((e): [string, string] => [e, 'third-party behaviour videos are not supported (isx refuses them too)']),
]);

/**
 * Opens any Inscopix file and returns the reader for its kind (lib/kinds): by extension, then (for
 * `.isxd`) by the footer `type` (spec 1.3). Movies and images both open as `Movie`.
 */
export async function open(path: string): Promise<AnyDataSet> {
  const extension = extname(path).toLowerCase();
  if (extension === '.isxd') return openIsxd(path);
  const kind = kindOfExtension(extension);
  if (kind?.readFile) return kind.readFile(path);
  const known = UNREADABLE_KINDS.get(extension);
  if (known) throw new IsxError('E_UNSUPPORTED', `${extension} file: ${known}`, { path });
  throw new IsxError(
    'E_UNSUPPORTED',
    `file extension ${JSON.stringify(extension || '(none)')} is not an Inscopix file (expected one of ${INSCOPIX_EXTENSIONS.join(', ')})`,
    { path },
  );
}

function openIsxd(path: string): Promise<AnyDataSet> {
  return openFileWith(path, async (source) => {
    const { json, site } = await readFooter(source);
    const type = json.type;
    const kind = typeof type === 'number' ? kindOfFooterType(type) : undefined;
    if (kind?.fromIsxd) return kind.fromIsxd(source);
    const name = typeof type === 'number' ? KIND_NAMES[type] : undefined;
    const what =
      type === undefined
        ? 'footer has no "type" key'
        : name
          ? `${name} files (footer type ${type}) are not supported`
          : `unknown footer type ${JSON.stringify(String(type))}`;
    throw new IsxError(type === undefined ? 'E_HEADER' : 'E_UNSUPPORTED', what, { path, offset: site.offset });
  });
}
