import { expect } from 'chai';
import { openSync, closeSync } from 'node:fs';
import { Writable } from 'node:stream';
import { spawn } from 'node:child_process';
import { outputsIn } from './outputsIn.js';
import { useTempDir } from '../helpers/tempDir.js';
import { ROOT } from '../../scripts/repositoryRoot.js';
import { CLI_COMMAND, DEMO, runCli } from './runCli.js';

/** A stdout that takes `limit` bytes, then fails every write with `code` (a full disk: ENOSPC). */
function failingAfter(limit: number, code: string): Writable & { taken: number } {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (stream.taken + chunk.byteLength > limit) {
        stream.taken = limit;
        callback(Object.assign(new Error(`${code}: write failed`), { code }));
      } else {
        stream.taken += chunk.byteLength;
        callback();
      }
    },
  }) as Writable & { taken: number };
  stream.taken = 0;
  return stream;
}

const ENOSPC_LINE = 'isx-stream: <stdout>: writing failed (E_IO): ENOSPC: write failed\n';

describe('isx-stream when stdout fails', () => {
  const dir = useTempDir();

  const commands: [string, string[]][] = [
    ['convert --out -', ['convert', DEMO, '--to', 'ndjson', '--tables', 'traces', '--out', '-', '--quiet']],
    ['convert --out - (Arrow)', ['convert', DEMO, '--to', 'arrows', '--tables', 'traces', '--out', '-', '--quiet']],
    ['convert --out - (Parquet)', ['convert', DEMO, '--to', 'parquet', '--tables', 'traces', '--out', '-', '--quiet']],
    ['cat', ['cat', DEMO]],
    ['info', ['info', DEMO, DEMO]],
    ['--help', ['--help']],
  ];
  for (const [name, args] of commands) {
    it(`${name}: a write error after a short write is E_IO, exit 1, one line`, async () => {
      const stdout = failingAfter(100, 'ENOSPC');
      const result = await runCli(args, { stdout });
      expect(result.status).to.equal(1);
      expect(result.stderr).to.equal(ENOSPC_LINE);
      expect(stdout.taken).to.equal(100);
    });

    it(`${name}: a reader that went away (EPIPE) is a quiet success`, async () => {
      const result = await runCli(args, { stdout: failingAfter(100, 'EPIPE') });
      expect(result.status).to.equal(0);
      expect(result.stderr).to.equal('');
    });
  }

  it('leaves no file in the output folder when stdout fails while a folder conversion reports', async () => {
    const out = dir.file('out');
    const result = await runCli(['convert', DEMO, '--to', 'csv', '--out', out], { stdout: failingAfter(0, 'EIO') });
    // Nothing is written to stdout by a folder conversion: the run succeeds and stdout is never touched.
    expect(result.status).to.equal(0);
    expect((await outputsIn(out)).sort()).to.deep.equal(['demo.cells.csv', 'demo.traces.csv']);
  });

  it('the bin: > /dev/full is E_IO, exit 1, one line and no stack trace', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const child = spawn(CLI_COMMAND[0]!, [...CLI_COMMAND.slice(1), 'cat', DEMO], { cwd: ROOT, stdio: ['ignore', full, 'pipe'] });
      const stderr: Buffer[] = [];
      child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
      const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(status).to.equal(1);
      expect(Buffer.concat(stderr).toString('utf8')).to.equal('isx-stream: <stdout>: writing failed (E_IO): ENOSPC: no space left on device, write\n');
    } finally {
      closeSync(full);
    }
  });
});
