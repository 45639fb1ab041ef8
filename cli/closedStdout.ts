import { fstatSync, readFileSync, statSync } from 'node:fs';
import { Writable } from 'node:stream';

/** The access-mode bits of open(2) flags, and their read-write value. */
const ACCESS_MODE_MASK = 0o3;
const O_RDWR = 0o2;

/**
 * True when `fd` was closed when the process started (`>&-`, `2>&-`). Node reopens a closed fd 0-2 on
 * /dev/null at start-up, so writes to it succeed and a run whose data went nowhere would exit 0. On Linux
 * such a descriptor is /dev/null opened read-write (`/proc/self/fdinfo/<fd>` flags, access mode 2), where a
 * shell's `> /dev/null` opens it write-only (1). Elsewhere there is no telling: false.
 */
export function wasClosedAtStart(fd: number): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const info = fstatSync(fd);
    if (!info.isCharacterDevice() || info.rdev !== statSync('/dev/null').rdev) return false;
    const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))?.[1];
    return flags !== undefined && (parseInt(flags, 8) & ACCESS_MODE_MASK) === O_RDWR;
  } catch {
    return false;
  }
}

/**
 * The stdout of a run started with stdout closed: every write fails, so a command that writes its data
 * there stops with the OutputGuard's one E_IO line and exit 1, and one that never writes there is unaffected.
 */
export function closedStdout(): Writable {
  return new Writable({
    write(_chunk, _encoding, callback) {
      callback(Object.assign(new Error('stdout is closed (>&-, or /dev/null opened read-write): redirect it to a file, a pipe or > /dev/null'), { code: 'EBADF' }));
    },
  });
}
