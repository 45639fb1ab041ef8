/**
 * Characters Hive escapes in partition folder names (FileUtils.escapePathName): control characters and
 * DEL and the printable characters " # % ' * / : = ? \ { [ ] ^, each as `%XX`. DuckDB, pyarrow datasets and Polars undo exactly this, so a
 * value with `=`, `%`, `/` or a newline reads back as written; other characters (spaces, non-ASCII) stay.
 */
const HIVE_ESCAPED = /[\u0000-\u001f"#%'*/:=?\\\u007f{[\]^]/g;

/** `KEY=VALUE` with VALUE escaped as Hive does (the key is a checked identifier, see recordingKeys.ts). */
export function hiveFolder(key: string, value: string): string {
  return `${key}=${value.replace(HIVE_ESCAPED, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)}`;
}
