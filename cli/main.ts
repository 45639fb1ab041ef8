#!/usr/bin/env node
import { existsSync, readFileSync } from 'node:fs';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { catCommand } from './commands/cat.js';
import { convertCommand } from './commands/convert.js';
import { infoCommand } from './commands/info.js';
import { EXIT_USAGE } from './exitCodes.js';

/**
 * `isx-stream`: glue between the command line and the library (design 5). Commands set
 * `process.exitCode`; usage errors (unknown options, bad values, missing arguments) exit with 2.
 */
await yargs(joinStdoutValue(hideBin(process.argv)))
  .scriptName('isx-stream')
  .usage('$0 <command> FILE... [options]\n\nRead Inscopix files (.isxd .isxb .gpio .raw .imu); write Arrow, Parquet, NDJSON or CSV.')
  .command(infoCommand)
  .command(convertCommand)
  .command(catCommand)
  .demandCommand(1, 'Name a command: info, convert or cat.')
  .recommendCommands()
  .strict()
  .help()
  .alias('h', 'help')
  .version(readPackageVersion())
  .wrap(Math.min(100, process.stdout.columns ?? 100))
  .fail((message, error) => {
    if (error && error.name !== 'YError' && error.name !== 'UsageError') throw error;
    process.stderr.write(`isx-stream: ${message ?? error?.message}\n`);
    process.stderr.write('Run "isx-stream --help" or "isx-stream <command> --help" for usage.\n');
    process.exit(EXIT_USAGE);
  })
  .parseAsync();

/**
 * yargs-parser reads `--out -` as an empty `--out` followed by a positional `-`; `-o -` and `--out=-`
 * parse as meant, so the long form is joined before parsing.
 */
function joinStdoutValue(argv: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1] === '-') {
      joined.push('--out=-');
      i++;
    } else joined.push(argv[i]!);
  }
  return joined;
}

/** The package version, read next to the sources (cli/) or the build (dist/cli/). */
function readPackageVersion(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    const url = new URL(relative, import.meta.url);
    if (!existsSync(url)) continue;
    const pkg = JSON.parse(readFileSync(url, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'isx-stream' && pkg.version) return pkg.version;
  }
  return 'unknown';
}
