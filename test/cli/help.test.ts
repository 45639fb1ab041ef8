import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from '../../scripts/repositoryRoot.js';
import { runCli } from './runCli.js';

const VERSION = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('isx-stream help and version', () => {
  it('prints the version with --version and with -V', async () => {
    for (const flag of ['--version', '-V']) {
      const result = await runCli([flag]);
      expect(result.status).to.equal(0);
      expect(result.stdout.toString()).to.equal(`${VERSION}\n`);
    }
  });

  it('offers --version at the top level only', async () => {
    const top = (await runCli(['--help'])).stdout.toString();
    expect(top).to.match(/-V, --version +Show the version number/);
    const convert = (await runCli(['convert', '--help'])).stdout.toString();
    expect(convert).to.not.include('--version');
    const result = await runCli(['cat', 'x.isxd', '--version']);
    expect(result.status).to.equal(2);
    expect(result.stderr.split('\n')[0]).to.equal('isx-stream: Unknown argument: version');
  });

  it('types the numeric options as numbers and still checks them', async () => {
    const help = (await runCli(['convert', '--help'])).stdout.toString();
    for (const option of ['start', 'end', 'decimate', 'bin', 'row-group-size']) {
      expect(help).to.match(new RegExp(`--${option} .*\\[number\\]`));
    }
    expect((await runCli(['cat', '--help'])).stdout.toString()).to.match(/--limit .*\[number\]/);
    const notNumber = await runCli(['cat', 'x.isxd', '--limit', 'ten']);
    expect(notNumber.status).to.equal(2);
    expect(notNumber.stderr.split('\n')[0]).to.equal('isx-stream: --limit: expected an integer >= 1, got text that is not a number');
    const fraction = await runCli(['cat', 'x.isxd', '--limit', '1.5']);
    expect(fraction.stderr.split('\n')[0]).to.equal('isx-stream: --limit: expected an integer >= 1, got "1.5"');
  });

  it('prints each example whole on a line of its own, even on a narrow terminal', async () => {
    const help = (await runCli(['convert', '--help'], { stdoutTTY: true, columns: 40 })).stdout.toString();
    expect(help.split('\n')).to.include('    isx-stream convert examples/data/demo.isxd --to arrows --out - --tables traces | consumer');
  });

  it("lists the exit statuses in every command's help", async () => {
    for (const command of [[], ['info'], ['convert'], ['cat']]) {
      const help = (await runCli([...command, '--help'])).stdout.toString();
      expect(help, command.join(' ')).to.include(
        'Exit status:\n  0    every file was processed\n  1    at least one file failed or was skipped; the others were processed\n' +
          '  2    the command line is wrong (unknown option, bad value, ambiguous request)\n' +
          '  130  interrupted (Ctrl-C, SIGTERM); unfinished outputs were removed\n',
      );
    }
  });
});
