import { readdir } from 'node:fs/promises';
import { expect } from 'chai';
import { useTempDir } from '../helpers/tempDir.js';
import { collect, startCli } from './runCli.js';
import { writeLargeSparseMovie } from './syntheticMovies.js';

// The bin turns real signals into run()'s interrupt; report.test.ts covers the rest in-process.
describe('isx-stream convert interrupted by a signal', () => {
  const dir = useTempDir();
  let movie = '';

  before(async () => {
    movie = dir.file('large.isxd');
    // 1200 frames of 1024 x 1024 uint16: 2.5 GB of holes, which takes seconds to convert.
    await writeLargeSparseMovie(movie, 1200);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`stops on ${signal} mid-way, removes the unfinished output and exits 130`, async () => {
      const out = dir.file(`out-${signal}`);
      const child = startCli(['convert', movie, '--to', 'parquet', '--out', out]);
      const finished = collect(child);
      // Wait until the output's temp file exists: the conversion is then under way.
      for (;;) {
        const entries = await readdir(out).catch(() => [] as string[]);
        if (entries.some((name) => name.endsWith('.tmp'))) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      child.kill(signal);
      const result = await finished;
      expect(result.status).to.equal(130);
      expect(result.stderr).to.equal('isx-stream: interrupted; unfinished outputs were removed\n');
      expect(await readdir(out)).to.deep.equal([]);
    });
  }
});
