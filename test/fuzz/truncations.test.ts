import { expect } from 'chai';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { encodeFooter } from '../../lib/isxd/writeFooter.js';
import { readIsxdParts } from '../helpers/isxdFiles.js';
import { useTempDir } from '../helpers/tempDir.js';
import { caseBudget, checkCase, FORMATS, MAX_RSS_GROWTH_BYTES, sample, seededRandom, withinCaseTime } from './fuzzKit.js';
import { realSeedFiles, writeSeedFiles } from './seedFiles.js';

/** Cases run by default (npm test): a few seconds. ISX_FUZZ_CASES=all runs every cut of every file. */
const DEFAULT_CASES = 24;
const SEED = 0x7e57ab1e;
/** Real fixtures up to this size are cut (the larger movies add time, not new kinds). */
const MAX_REAL_BYTES = 2_500_000;

interface Cut {
  seed: string;
  /** `prefix`: the file's first `keep` bytes; `payload`: an `.isxd` payload cut to `keep` bytes, its footer kept. */
  style: 'prefix' | 'payload';
  keep: number;
}

/** Where files break: empty, headers, the trailer's length and NUL (spec 2), the middle, one byte short, and random places. */
function cutPoints(size: number, random: () => number): number[] {
  const points = [0, 1, 8, 9, 16, 64, Math.floor(size / 2), size - 1, size - 8, size - 9, size - 10];
  for (let i = 0; i < 4; i++) points.push(Math.floor(random() * size));
  return [...new Set(points.filter((p) => p >= 0 && p < size))];
}

describe('fuzzer: truncations of every kind (synthetic files, and real fixtures when present)', () => {
  const dir = useTempDir('isx-stream-fuzz-');

  it('ends every cut file in data or an IsxError, in bounded time and memory, leaving no temp file', async function () {
    const { isxd, other } = await writeSeedFiles(dir.path);
    const seeds = [...isxd, ...other, ...(await realSeedFiles(MAX_REAL_BYTES))];
    const random = seededRandom(SEED);
    const cuts: Cut[] = [];
    for (const seed of seeds) {
      const bytes = await readFile(seed);
      for (const keep of cutPoints(bytes.byteLength, random)) cuts.push({ seed, style: 'prefix', keep });
      if (seed.endsWith('.isxd')) {
        const { payload } = await readIsxdParts(seed);
        for (const keep of cutPoints(payload.byteLength, random)) cuts.push({ seed, style: 'payload', keep });
      }
    }
    const chosen = sample(cuts, caseBudget(cuts.length, DEFAULT_CASES), random);
    this.timeout(60_000 + chosen.length * 15_000);
    const rssBefore = process.memoryUsage().rss;
    for (const [n, cut] of chosen.entries()) {
      const what = `${basename(cut.seed)} ${cut.style} cut to ${cut.keep} bytes`;
      const file = dir.file(`cut-${n}${extname(cut.seed)}`);
      if (cut.style === 'prefix') await writeFile(file, (await readFile(cut.seed)).subarray(0, cut.keep));
      else {
        const { payload, footer } = await readIsxdParts(cut.seed);
        await writeFile(file, Buffer.concat([payload.subarray(0, cut.keep), encodeFooter(footer)]));
      }
      await withinCaseTime(what, checkCase(file, dir.file(`out-${n}`), FORMATS[n % FORMATS.length]!)).catch((error: unknown) => {
        throw new Error(`case "${what}": ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      });
      expect(process.memoryUsage().rss - rssBefore, `RSS growth after case "${what}"`).to.be.below(MAX_RSS_GROWTH_BYTES);
    }
  });
});
