import { IsxError } from '../errors.js';

/** A key name: a column name every engine takes unquoted, and a Hive folder name that needs no escaping. */
const KEY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Keys isx-stream sets itself: `recording` (from the path) and `kind` (from the file). */
export const RECORDING_KEY = 'recording';
export const KIND_KEY = 'kind';

/** Checks a key name, for the library (options) and the CLI (`--path-pattern`, `--partition-by`). */
export function checkKeyName(name: string): string | undefined {
  return KEY_NAME.test(name) ? undefined : `key "${name}" must be letters, digits and _, not starting with a digit`;
}

/**
 * The `recording` key of a file found under `base` (issue 10.1): its path relative to the folder or glob
 * base it was found under, without extension, `/`-separated; a file named directly has only its name.
 */
export function recordingKey(relativePath: string): string {
  const segments = relativePath.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  const last = segments.pop() ?? '';
  const dot = last.lastIndexOf('.');
  segments.push(dot > 0 ? last.slice(0, dot) : last);
  return segments.join('/');
}

/**
 * A `--path-pattern` such as `{subject}/{session}/*`: matched against a file's path relative to its base
 * (extension included). `{name}` takes one non-empty path segment (or part of one, `sub-{subject}`), `*`
 * any text within a segment, `**` any number of segments; other characters match themselves.
 */
export class PathPattern {
  readonly keys: readonly string[];
  private readonly regex: RegExp;

  constructor(readonly pattern: string) {
    const keys: string[] = [];
    let source = '';
    for (const token of pattern.match(/\{[^}]*\}|\*\*\/?|\*|[^{*]+|\{/g) ?? []) {
      if (token.startsWith('{') && token.endsWith('}')) {
        const name = token.slice(1, -1);
        const problem = checkKeyName(name) ?? (name === RECORDING_KEY || name === KIND_KEY ? `key "${name}" is set by isx-stream itself` : undefined);
        if (problem !== undefined) throw new IsxError('E_ARGUMENT', `path pattern ${pattern}: ${problem}`);
        if (keys.includes(name)) throw new IsxError('E_ARGUMENT', `path pattern ${pattern}: key "${name}" appears twice`);
        keys.push(name);
        source += '([^/]+)';
      } else if (token.startsWith('**')) source += '(?:.*/)?';
      else if (token === '*') source += '[^/]*';
      else source += token.replace(/[.+?^$()|[\]\\{}]/g, '\\$&');
    }
    if (keys.length === 0) throw new IsxError('E_ARGUMENT', `path pattern ${pattern} names no key: write keys as {name}, e.g. {subject}/{session}/*`);
    this.keys = keys;
    this.regex = new RegExp(`^${source}$`, 'u');
  }

  /** The key values of `relativePath` (`/`-separated), or undefined when it does not match. */
  match(relativePath: string): [string, string][] | undefined {
    const found = this.regex.exec(relativePath);
    return found === null ? undefined : this.keys.map((key, i) => [key, found[i + 1]!]);
  }
}
