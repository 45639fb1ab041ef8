import { readdir } from 'node:fs/promises';
import { expect } from 'chai';
import type { ChildProcess } from 'node:child_process';
import { useTempDir } from '../helpers/tempDir.js';
import { collect, startCli } from './runCli.js';
import { writeLargeSparseMovie, writeMostlyCroppedMovie } from './syntheticMovies.js';

/** Waits until the output's temp file exists: the conversion is then under way. */
async function untilWriting(out: string): Promise<void> {
  for (;;) {
    const entries = await readdir(out).catch(() => [] as string[]);
    if (entries.some((name) => name.endsWith('.tmp'))) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const INTERRUPTED = 'isx-stream: interrupted; unfinished outputs were removed\n';

// The bin turns real signals into run()'s interrupt; report.test.ts covers the rest in-process.
describe('isx-stream convert interrupted by a signal', () => {
  const dir = useTempDir();
  const movies: Record<string, string> = {};

  before(async () => {
    // 1200 frames of 1024 x 1024 uint16: 2.5 GB of holes, which takes seconds to convert.
    movies.large = dir.file('large.isxd');
    await writeLargeSparseMovie(movies.large, 1200);
    // 2^26 cropped 1x1 frames: records made without any I/O to wait on.
    movies.cropped = dir.file('cropped.isxd');
    await writeMostlyCroppedMovie(movies.cropped);
  });

  async function convertAndSignal(movie: string, out: string, signals: readonly NodeJS.Signals[]) {
    const child: ChildProcess = startCli(['convert', movie, '--to', 'parquet', '--out', out]);
    const finished = collect(child);
    await untilWriting(out);
    for (const signal of signals) child.kill(signal);
    return finished;
  }

  for (const [name, movie] of [['a large movie', 'large'], ['2^26 cropped frames', 'cropped']] as const) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      it(`stops on ${signal} mid-way through ${name}, removes the unfinished output and exits 130`, async () => {
        const out = dir.file(`out-${movie}-${signal}`);
        const result = await convertAndSignal(movies[movie]!, out, [signal]);
        expect(result.status).to.equal(130);
        expect(result.stderr).to.equal(INTERRUPTED);
        expect(await readdir(out)).to.deep.equal([]);
      });
    }
  }

  it('exits at once on a second SIGINT, still removing the unfinished output', async () => {
    const out = dir.file('out-twice');
    const result = await convertAndSignal(movies.cropped!, out, ['SIGINT', 'SIGINT']);
    expect(result.status).to.equal(130);
    expect(result.stderr).to.equal(INTERRUPTED);
    expect(await readdir(out)).to.deep.equal([]);
  });
});
