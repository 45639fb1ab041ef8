import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, readdir, readFile, stat } from 'node:fs/promises';
import { expect } from 'chai';
import { rewriteFooter } from '../helpers/isxdFiles.js';
import { useTempDir } from '../helpers/tempDir.js';
import { ROOT } from '../../scripts/repositoryRoot.js';
import { CLI_COMMAND, collect, DEMO } from './runCli.js';

const GNU_TIME = '/usr/bin/time';
/** Issue 12's bound for every hostile file, in bytes. */
const MAX_RSS_BYTES = 300e6;
const FOOTER_STRING_BYTES = 64 * 2 ** 20;

// Issue 12.1: a huge string in a footer costs its size once, not once per table and copy.
describe('the bin on a cell set whose footer holds a 64 MiB string', function () {
  this.timeout(60_000);
  const dir = useTempDir();
  let input = '';

  before(async function () {
    if (!existsSync(GNU_TIME)) {
      console.log(`      (skipped: ${GNU_TIME}, which measures the bin's peak RSS, is absent; Debian package "time")`);
      this.skip();
    }
    input = dir.file('huge.isxd');
    await copyFile(DEMO, input);
    await rewriteFooter(input, (footer) => {
      footer.extraProperties = { note: 'x'.repeat(FOOTER_STRING_BYTES) };
    });
  });

  for (const to of ['parquet', 'arrow'] as const) {
    it(`converts it to ${to} under 300 MB of peak RSS, the metadata once in a sidecar`, async () => {
      const out = dir.file(`out-${to}`);
      const rssFile = dir.file(`rss-${to}`);
      const result = await collect(spawn(GNU_TIME, ['-f', '%M', '-o', rssFile, ...CLI_COMMAND, 'convert', input, '--to', to, '--out', out, '--quiet'], { cwd: ROOT }));
      expect([result.status, result.stderr]).to.deep.equal([0, '']);
      const peakBytes = Number((await readFile(rssFile, 'utf8')).trim().split('\n').pop()) * 1024;
      expect(peakBytes).to.be.below(MAX_RSS_BYTES);
      const outputs = (await readdir(out)).filter((name) => name !== '_manifest').sort();
      expect(outputs).to.deep.equal([`huge.cells.${to}`, 'huge.metadata.json', `huge.traces.${to}`]);
      expect((await stat(`${out}/huge.metadata.json`)).size).to.be.above(FOOTER_STRING_BYTES);
      for (const table of [`huge.cells.${to}`, `huge.traces.${to}`]) expect((await stat(`${out}/${table}`)).size).to.be.below(1024 * 1024);
    });
  }
});
