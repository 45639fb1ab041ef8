/**
 * The one error type of isx-stream. `code` is stable and meant for programs; the message names the file,
 * what was expected, what was found and where.
 */
export type IsxErrorCode =
  /** The operating system refused an open, read, write or rename. */
  | 'E_IO'
  /** The path names something other than a regular file (a FIFO, socket or device): refused unread. */
  | 'E_NOT_FILE'
  /** The file ends before bytes that its own metadata says exist. */
  | 'E_TRUNCATED'
  /** The `.isxd` trailer (JSON length, NUL terminator) is not usable. */
  | 'E_FOOTER'
  /** A JSON document in the file does not parse. */
  | 'E_JSON'
  /** A required metadata key is missing or has the wrong type. */
  | 'E_HEADER'
  /** The file is of another kind than the reader that was asked to open it. */
  | 'E_KIND'
  /** A kind, version, data type or extension that isx-stream knows of but cannot read. */
  | 'E_UNSUPPORTED'
  /** The content contradicts itself (counts, sizes, markers). */
  | 'E_CORRUPT'
  /** An index or value outside its valid range. */
  | 'E_RANGE'
  /** The movie stores no per-frame hardware timestamps. */
  | 'E_NO_TIMESTAMPS'
  /** A caller passed an argument that cannot be used. */
  | 'E_ARGUMENT'
  /** An output file exists and overwriting was not asked for. */
  | 'E_EXISTS'
  /** The caller stopped the work (an AbortSignal, Ctrl-C); unfinished outputs were removed. */
  | 'E_ABORTED'
  /**
   * A failure isx-stream did not foresee, inside it or a library it uses (apache-arrow, parquet-wasm, a
   * caller's own stage): the message keeps the original one, `cause` the original error.
   */
  | 'E_INTERNAL';

export interface IsxErrorOptions {
  path?: string | undefined;
  offset?: number | bigint | undefined;
  cause?: unknown;
}

export class IsxError extends Error {
  override name = 'IsxError';
  readonly code: IsxErrorCode;
  readonly path: string | undefined;
  readonly offset: number | bigint | undefined;
  /** The message without the leading path. */
  readonly detail: string;

  constructor(code: IsxErrorCode, longDetail: string, options: IsxErrorOptions = {}) {
    const detail = boundDetail(longDetail);
    super(options.path === undefined ? detail : `${options.path}: ${detail}`, { cause: options.cause });
    this.code = code;
    this.path = options.path;
    this.offset = options.offset;
    this.detail = detail;
  }
}

/**
 * Longest detail kept. Messages quote file contents (names, keys, values) cut short where they are made;
 * this is the backstop that keeps a hostile file from making a megabyte error line.
 */
export const MAX_DETAIL_CHARS = 2000;

function boundDetail(detail: string): string {
  return detail.length <= MAX_DETAIL_CHARS ? detail : `${detail.slice(0, MAX_DETAIL_CHARS)}… (message cut, ${detail.length} characters)`;
}

/** `error` itself when it is an IsxError, else an `E_INTERNAL` IsxError that names what was being done and keeps it as `cause`. */
export function asIsxError(error: unknown, doing: string, path?: string): IsxError {
  if (error instanceof IsxError) return error;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new IsxError('E_INTERNAL', `${doing} failed: ${message}`, { path, cause: error });
}

export function isIsxError(value: unknown, code?: IsxErrorCode): value is IsxError {
  return value instanceof IsxError && (code === undefined || value.code === code);
}
