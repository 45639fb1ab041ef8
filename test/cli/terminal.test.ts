import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { useTempDir } from '../helpers/tempDir.js';
import { ROOT } from '../../scripts/repositoryRoot.js';
import { CLI_COMMAND, DEMO } from './runCli.js';
import { outputsIn } from './outputsIn.js';

const run = promisify(execFile);
const SCRIPT = '/usr/bin/script';

// util-linux `script` gives the CLI a pseudo-terminal, so stderr.isTTY is true as in an interactive shell.
(existsSync(SCRIPT) ? describe : describe.skip)('isx-stream on a terminal', () => {
  const dir = useTempDir();

  it('draws per-file and overall progress bars on a terminal without being asked', async () => {
    const out = dir.file('tty');
    const command = [...CLI_COMMAND, 'convert', DEMO, '--to', 'parquet', '--out', out].map(quote).join(' ');
    const { stdout } = await run(SCRIPT, ['-qec', command, '/dev/null'], { cwd: ROOT });
    expect(stdout).to.match(/total \|[█░]+\| 100%/);
    expect(stdout).to.contain('demo.isxd |');
    // The lines printed above the bars survive their final redraw.
    expect(stdout).to.contain(`demo.isxd → ${out}/demo.cells.parquet (8 rows)`);
    expect(stdout).to.contain(`demo.isxd → ${out}/demo.traces.parquet (2400 rows)`);
    expect(stdout).to.match(/isx-stream: 1 file, 2 tables, 2,408 rows; read 52\.7 KB, wrote \d+\.\d KB in \d+\.\d s/);
    expect((await outputsIn(out)).sort()).to.deep.equal(['demo.cells.parquet', 'demo.traces.parquet']);
  });

  it('draws nothing on a terminal with --quiet', async () => {
    const out = dir.file('quiet');
    const command = [...CLI_COMMAND, 'convert', DEMO, '--to', 'parquet', '--out', out, '--quiet'].map(quote).join(' ');
    const { stdout } = await run(SCRIPT, ['-qec', command, '/dev/null'], { cwd: ROOT });
    expect(stdout).to.not.contain('total |');
  });
});

function quote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
