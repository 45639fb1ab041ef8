/**
 * A small glob matcher for the CLI's file arguments (Node 20 has no stable `fs.glob`; it is experimental in
 * 22). Supports `*` and `?` (never crossing `/`), `**` (any number of folders), `[abc]`, `[!abc]` and
 * `{a,b}`. Enough for `data/*.isxd` and `sessions/**\/*.isxb` when the shell did not expand them.
 */

const MAGIC = /[*?[{]/;

/** True if `text` contains a glob character, so the CLI must expand it rather than open it. */
export function hasGlobMagic(text: string): boolean {
  return MAGIC.test(text);
}

/** Compiles a `/`-separated glob into an anchored regular expression over `/`-separated paths. */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  let i = 0;
  let braceDepth = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      // `**/` matches zero or more whole folders; a trailing `**` matches everything below.
      const slashAfter = pattern[i + 2] === '/';
      source += slashAfter ? '(?:[^/]*/)*' : '.*';
      i += slashAfter ? 3 : 2;
      continue;
    }
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) source += '\\[';
      else {
        let body = pattern.slice(i + 1, close);
        const negate = body.startsWith('!') || body.startsWith('^');
        if (negate) body = body.slice(1);
        source += `[${negate ? '^/' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
        i = close + 1;
        continue;
      }
    } else if (c === '{') {
      braceDepth++;
      source += '(?:';
    } else if (c === '}' && braceDepth > 0) {
      braceDepth--;
      source += ')';
    } else if (c === ',' && braceDepth > 0) source += '|';
    else source += c.replace(/[.+^$()|\\]/g, '\\$&');
    i++;
  }
  return new RegExp(`^${source}$`);
}

/**
 * Splits a glob into the longest leading folder without glob characters (where a walk must start) and
 * the rest. `data/2024-*\/*.isxd` → `{ base: 'data', rest: '2024-*\/*.isxd' }`.
 */
export function splitGlobBase(pattern: string): { base: string; rest: string } {
  const parts = pattern.split('/');
  const firstMagic = parts.findIndex((part) => hasGlobMagic(part));
  const baseParts = parts.slice(0, firstMagic);
  const base = baseParts.join('/') || (pattern.startsWith('/') ? '/' : '.');
  return { base, rest: parts.slice(firstMagic).join('/') };
}
