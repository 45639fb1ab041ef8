import { expect } from 'chai';
import { useTempDir } from '../helpers/tempDir.js';
import { DEMO, runCli } from './runCli.js';

describe('run(argv, io)', () => {
  const dir = useTempDir();

  it('writes only to the io it is given, never to the process streams, and never exits', async () => {
    const written: string[] = [];
    const stdoutWrite = process.stdout.write;
    const stderrWrite = process.stderr.write;
    const exit = process.exit;
    const record = (name: string) =>
      ((chunk: unknown) => {
        written.push(`${name}: ${String(chunk)}`);
        return true;
      }) as typeof process.stdout.write;
    process.stdout.write = record('stdout');
    process.stderr.write = record('stderr');
    process.exit = ((code?: number) => {
      written.push(`exit ${code}`);
    }) as typeof process.exit;
    try {
      const results = [
        await runCli(['convert', DEMO, '--to', 'csv', '--out', dir.file('out'), '--progress']),
        await runCli(['convert', DEMO, '--to', 'arrows', '--out', '-', '--tables', 'traces']),
        await runCli(['--help']),
        await runCli(['--version']),
        await runCli(['convert', DEMO, '--bogus']),
        await runCli(['cat', DEMO, '--table', 'frames']),
      ];
      expect(results.map((r) => r.status)).to.deep.equal([0, 0, 0, 0, 2, 1]);
      expect(results.every((r) => r.stdout.length + r.stderr.length > 0)).to.equal(true);
    } finally {
      process.stdout.write = stdoutWrite;
      process.stderr.write = stderrWrite;
      process.exit = exit;
    }
    expect(written).to.deep.equal([]);
  });
});
