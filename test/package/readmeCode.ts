import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../../scripts/repositoryRoot.js';
import { addTypeChecked, consumerProject, typeCheck, type ConsumerProject } from './consumerProject.js';

const run = promisify(execFile);

interface CodeBlock {
  language: string;
  code: string;
  /** 1-based line of the opening fence, to name the block in failures. */
  line: number;
}

/** Every ```ts, ```js and ```mjs block of README.md. */
function readmeCodeBlocks(): CodeBlock[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/^```(ts|js|mjs)\n([\s\S]*?)^```$/gm)].map((m) => ({
    language: m[1]!,
    code: m[2]!,
    line: readme.slice(0, m.index).split('\n').length,
  }));
}

/** The module specifiers a block imports, statically or with import(). */
function importedModules(code: string): string[] {
  return [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)'([^']+)'/g)].map((m) => m[1]!);
}

// Issue 11.2: README code runs as written by a user who installed the package, importing it by its name.
// ```js blocks use only the demo data the package ships and run with plain Node as .mjs files; ```ts
// blocks name files a test cannot have, so they (and the js blocks) are type-checked against the package.
describe('README code blocks', function () {
  this.timeout(300_000);
  const blocks = readmeCodeBlocks();
  const runnable = blocks.filter((b) => b.language !== 'ts');
  let project: ConsumerProject;

  before(async () => {
    project = await consumerProject();
    // Blocks run in a folder where examples/ is the installed package's, and write their out/ there.
    await mkdir(join(project.dir, 'readme-cwd'), { recursive: true });
    await symlink(join(project.dir, 'node_modules', 'isx-stream', 'examples'), join(project.dir, 'readme-cwd', 'examples'));
  });

  it('has JavaScript blocks to run and TypeScript blocks to check', () => {
    expect(runnable.length).to.be.greaterThan(2);
    expect(blocks.length).to.be.greaterThan(runnable.length);
  });

  it('imports nothing but isx-stream, isx-stream/transforms and node: built-ins', () => {
    for (const block of blocks) {
      const modules = importedModules(block.code);
      expect(modules, `README line ${block.line}`).to.not.be.empty;
      expect(modules.filter((m) => !/^(isx-stream(\/transforms)?|node:.+)$/.test(m)), `README line ${block.line}`).to.deep.equal([]);
    }
  });

  it('uses no `using` declarations in JavaScript blocks (Node 20 rejects them)', () => {
    for (const block of runnable) expect(block.code, `README line ${block.line}`).to.not.match(/\busing\s+[A-Za-z_$]/);
  });

  it('runs every js block with plain Node on the shipped demo data, in README order', async () => {
    for (const block of runnable) {
      const files = [...block.code.matchAll(/'([^']+\.(?:isxd|isxb|gpio|raw|imu))'/g)].map((m) => m[1]!);
      for (const file of files) expect(existsSync(join(ROOT, file)), `README line ${block.line}: ${file} is not shipped demo data`).to.equal(true);
      await writeFile(join(project.dir, `readme-${block.line}.mjs`), block.code);
    }
    // One Node process imports the blocks one after another (each a module of its own, as a user's file
    // is): a process per block loaded the package again for each, a second of CPU the test spent on nothing.
    const runner = runnable.map((b) => `await run(${b.line});`).join('\n');
    const script = `
      async function run(line) {
        try { await import('../readme-' + line + '.mjs'); }
        catch (error) { console.error('README line ' + line + ' failed:'); throw error; }
      }
      ${runner}
    `;
    try {
      await run(process.execPath, ['--input-type=module', '-e', script], { cwd: join(project.dir, 'readme-cwd') });
    } catch (error) {
      throw new Error((error as { stderr?: string }).stderr ?? String(error));
    }
  });

  const checked = blocks.map((b) => `readme-${b.line}.ts`);
  blocks.forEach((b, i) => addTypeChecked(checked[i]!, b.code));

  it('type-checks every block against the installed package (strict, skipLibCheck off)', async () => {
    await typeCheck(project, checked);
  });
});
