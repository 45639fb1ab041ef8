import { spawn } from 'node:child_process';
import { chmod, cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { builtExample } from '../helpers/build.js';
import { useTempDir } from '../helpers/tempDir.js';
import { ROOT } from '../../scripts/repositoryRoot.js';

/** The commands of every ```sh block of README.md, one per line. */
async function readmeCommands(): Promise<string[]> {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  return blocks.flatMap((block) => block.split('\n')).filter((line) => line.trim() !== '');
}

function runShell(command: string, cwd: string, literal = false): Promise<{ status: number | null; stderr: string }> {
  // `npx` first on PATH: a shim that runs an installed bin directly, as npx does, without npm's ~1.5 s start.
  const env = { ...process.env, PATH: `${join(cwd, '.shims')}:${process.env.PATH ?? ''}`, ...(literal ? { ISX_README_LITERAL: '1' } : {}) };
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('README shell examples', () => {
  const dir = useTempDir();

  before(async () => {
    // A working copy: sources and node_modules linked, the demo data copied, so outputs land in the temp dir.
    for (const entry of ['cli', 'lib', 'transforms', 'node_modules', 'package.json', 'tsconfig.json']) {
      await symlink(join(ROOT, entry), join(dir.path, entry));
    }
    await cp(join(ROOT, 'examples'), join(dir.path, 'examples'), { recursive: true });
    await mkdir(join(dir.path, '.shims'));
    const npx = join(dir.path, '.shims', 'npx');
    // Under `npm test`, which has just built dist/, `npx tsx cli/main.ts` runs that build and `npx tsx
    // examples/x.ts` that example compiled: the same programs without compiling TypeScript again in every
    // command. The first command runs through tsx as written.
    const examples = dirname(await builtExample('pipeline.ts'));
    const built =
      process.env.ISX_TEST_BUILT === '1'
        ? `if [ -z "$ISX_README_LITERAL" ] && [ "$1 $2" = "tsx cli/main.ts" ]; then shift 2; exec "${process.execPath}" "${join(ROOT, 'dist/cli/main.js')}" "$@"; fi\n` +
          `case "$ISX_README_LITERAL $1 $2" in " tsx examples/"*.ts) example="\${2#examples/}"; shift 2; exec "${process.execPath}" "${examples}/\${example%.ts}.js" "$@";; esac\n`
        : '';
    await writeFile(npx, `#!/bin/sh\n${built}bin="node_modules/.bin/$1"\nif [ -x "$bin" ]; then shift; exec "$bin" "$@"; fi\nPATH="${process.env.PATH ?? ''}" exec npx "$@"\n`);
    await chmod(npx, 0o755);
  });

  it('has runnable examples, the first converting the demo file', async () => {
    const commands = await readmeCommands();
    expect(commands.length).to.be.greaterThan(3);
    expect(commands[0]).to.equal('npx tsx cli/main.ts convert examples/data/demo.isxd --to parquet --out out/ --overwrite');
  });

  it('runs every example as written with exit status 0', async function () {
    // Each command starts Node and tsx afresh (seconds each); after the first they write to distinct
    // outputs, so they run side by side.
    this.timeout(300_000);
    // The first makes out/, which later ones write into.
    const [first, ...rest] = await readmeCommands();
    const firstResult = await runShell(first!, dir.path, true);
    expect(firstResult.status, `${first}\n${firstResult.stderr}`).to.equal(0);
    const results = await Promise.all(rest.map((command) => runShell(command, dir.path)));
    for (const [i, result] of results.entries()) expect(result.status, `${rest[i]}\n${result.stderr}`).to.equal(0);
  });
});
