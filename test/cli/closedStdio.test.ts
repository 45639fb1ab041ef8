import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { outputsIn } from './outputsIn.js';
import { useTempDir } from '../helpers/tempDir.js';
import { ROOT } from '../../scripts/repositoryRoot.js';
import { CLI_COMMAND, collect, DEMO, type CliResult } from './runCli.js';

/** `isx-stream ARGS REDIRECTS` through /bin/sh, which closes or redirects the bin's own descriptors (spawn's stdio cannot close one). */
function runInShell(args: readonly string[], redirects: string): Promise<CliResult> {
  const quote = (word: string): string => `'${word.replaceAll("'", `'\\''`)}'`;
  const line = `exec ${[...CLI_COMMAND, ...args].map(quote).join(' ')} ${redirects}`;
  return collect(spawn('/bin/sh', ['-c', line], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }));
}

describe('the bin with a closed or failing stdout or stderr', function () {
  const dir = useTempDir();

  it('prints the version, info and cat to a file and to /dev/null with exit 0, the file complete', async () => {
    for (const [args, expected] of [
      [['--version'], '0.1.0\n'],
      [['info', DEMO, '--json'], '"kind":"cell_set"'],
      [['cat', DEMO, '--limit', '2'], '"sample_index":1'],
    ] as const) {
      const file = dir.file(`stdout-${args[0]}.txt`);
      const toFile = await runInShell(args, `> '${file}'`);
      expect([toFile.status, toFile.stderr], args.join(' ')).to.deep.equal([0, '']);
      expect(await readFile(file, 'utf8'), args.join(' ')).to.include(expected);
      const toNull = await runInShell(args, '> /dev/null');
      expect([toNull.status, toNull.stderr], `${args.join(' ')} > /dev/null`).to.deep.equal([0, '']);
    }
  });

  it('prints data to a closed stdout (>&-) as to > /dev/null, which Node reopens it on: exit 0', async () => {
    for (const redirect of ['>&-', '> /dev/null']) {
      const result = await runInShell(['cat', DEMO], redirect);
      expect([result.status, result.stderr], redirect).to.deep.equal([0, '']);
    }
  });

  it('converts into a folder with stdout closed, since it writes nothing there', async () => {
    const out = dir.file('closed-stdout');
    const result = await runInShell(['convert', DEMO, '--to', 'csv', '--out', out, '--quiet'], '>&-');
    expect([result.status, result.stderr]).to.deep.equal([0, '']);
    expect((await outputsIn(out)).sort()).to.deep.equal(['demo.cells.csv', 'demo.traces.csv']);
  });

  it('exits 1 when its messages cannot be written (2>/dev/full), outputs kept, no stack trace', async () => {
    const out = dir.file('full-stderr');
    const result = await runInShell(['convert', DEMO, '--to', 'csv', '--out', out], '2>/dev/full');
    expect([result.status, result.stdout.toString()]).to.deep.equal([1, '']);
    expect((await outputsIn(out)).sort()).to.deep.equal(['demo.cells.csv', 'demo.traces.csv']);
  });

  it('takes a closed stderr (2>&-) as no messages wanted: exit status unchanged', async () => {
    const out = dir.file('closed-stderr');
    const result = await runInShell(['convert', DEMO, '--to', 'csv', '--out', out], '2>&-');
    expect([result.status, result.stdout.toString()]).to.deep.equal([0, '']);
    expect((await outputsIn(out)).sort()).to.deep.equal(['demo.cells.csv', 'demo.traces.csv']);
  });

  it('takes a stderr whose reader went away (EPIPE) as no more messages wanted, without an uncaught error', async () => {
    const out = dir.file('gone-stderr');
    const child = spawn(CLI_COMMAND[0]!, [...CLI_COMMAND.slice(1), 'convert', DEMO, '--to', 'csv', '--out', out], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed before the bin has started: its first message meets EPIPE.
    child.stderr!.destroy();
    const stdout: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect([status, Buffer.concat(stdout).toString()]).to.deep.equal([0, '']);
    expect((await outputsIn(out)).sort()).to.deep.equal(['demo.cells.csv', 'demo.traces.csv']);
  });
});
