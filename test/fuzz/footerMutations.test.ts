import { expect } from 'chai';
import { copyFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { JsonObject } from '../../lib/json/jsonValue.js';
import { stringifyJson } from '../../lib/json/stringifyJson.js';
import { readIsxdParts, replaceFooterText } from '../helpers/isxdFiles.js';
import { useTempDir } from '../helpers/tempDir.js';
import {
  caseBudget,
  checkCase,
  FORMATS,
  keyPaths,
  MAX_RSS_GROWTH_BYTES,
  mutated,
  MUTATIONS,
  sample,
  seededRandom,
  withDeepNesting,
  withinCaseTime,
  type KeyPath,
  type Mutation,
} from './fuzzKit.js';
import { realSeedFiles, writeSeedFiles } from './seedFiles.js';

/** Cases run by default (npm test): a few seconds. ISX_FUZZ_CASES=all runs every key path x mutation. */
const DEFAULT_CASES = 20;
const SEED = 0x15c5eed;

interface MutationCase {
  seed: string;
  footer: JsonObject;
  path: KeyPath;
  mutation: Mutation;
}

describe('fuzzer: footer mutations (every key path x huge, negative, float, string, null, missing, deep nesting)', () => {
  const dir = useTempDir('isx-stream-fuzz-');

  it('ends every case in data or an IsxError, in bounded time and memory, leaving no temp file', async function () {
    const { isxd } = await writeSeedFiles(dir.path);
    const seeds = [...isxd, ...(await realSeedFiles(150_000)).filter((path) => path.endsWith('.isxd'))];
    const cases: MutationCase[] = [];
    for (const seed of seeds) {
      const { footer } = await readIsxdParts(seed);
      for (const path of keyPaths(footer)) for (const mutation of MUTATIONS) cases.push({ seed, footer, path, mutation });
    }
    const chosen = sample(cases, caseBudget(cases.length, DEFAULT_CASES), seededRandom(SEED));
    this.timeout(60_000 + chosen.length * 15_000);
    const rssBefore = process.memoryUsage().rss;
    const outcomes = new Map<string, number>();
    for (const [n, c] of chosen.entries()) {
      const what = `${basename(c.seed)} ${c.path.join('.')} ${c.mutation}`;
      const file = dir.file(`case-${n}.isxd`);
      await copyFile(c.seed, file);
      await replaceFooterText(file, withDeepNesting(stringifyJson(mutated(c.footer, c.path, c.mutation), { indent: 4 })));
      const outcome = await withinCaseTime(what, checkCase(file, dir.file(`out-${n}`), FORMATS[n % FORMATS.length]!)).catch((error: unknown) => {
        throw new Error(`case "${what}": ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      });
      outcomes.set(outcome.library, (outcomes.get(outcome.library) ?? 0) + 1);
      expect(process.memoryUsage().rss - rssBefore, `RSS growth after case "${what}"`).to.be.below(MAX_RSS_GROWTH_BYTES);
    }
    // The mutations must reach the readers' checks, not only succeed: most cases fail with a code.
    expect([...outcomes.keys()].filter((code) => code !== 'ok').length, JSON.stringify([...outcomes])).to.be.at.least(2);
  });
});
