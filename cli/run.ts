import type { Argv } from 'yargs';
import { layoutWidth, type CliIo } from './cliIo.js';
import { newContext, type CommandContext } from './commandContext.js';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE } from './exitCodes.js';
import { helpFooter, type Example } from './helpText.js';
// The one module --version needs, not the whole library (lib/index.ts), so `-V` answers at once.
import { packageVersion } from '../lib/core/packageVersion.js';
import { escapeControls } from './terminalText.js';
import { UsageError } from './usageError.js';

const DESCRIPTION = 'Read Inscopix files (.isxd .isxb .gpio .raw .imu); write Arrow, Parquet, NDJSON or CSV.';

const TOP_EXAMPLES: readonly Example[] = [
  ['isx-stream info examples/data/demo.isxd', 'summarise a file'],
  ['isx-stream convert examples/data/demo.isxd --to parquet --out out/', 'write its tables as Parquet'],
];

/**
 * `isx-stream ARGV`, with every input and output through `io`; resolves to the exit status (design 5:
 * 0 done, 1 a file failed, 2 usage error, 130 interrupted). Never exits the process.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const cli = newContext(io);
  try {
    // The version alone needs neither yargs nor the library (`isx-stream -V` answers at once).
    let status = argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V') ? printVersion(io) : await runParsed(argv, io, cli);
    await cli.stdout.settle();
    const failure = cli.stdout.failureLine;
    if (failure !== undefined) {
      io.stderr.stream.write(failure);
      if (status !== EXIT_INTERRUPTED) status = EXIT_FAILED;
    }
    await cli.stderr.settle();
    // A failed stderr (a full disk) lost diagnostics, not data: the outputs stay as written, but a run whose
    // messages were lost does not report success. A reader of stderr that went away (EPIPE) wanted no more.
    return cli.stderr.state === 'failed' && status === EXIT_OK ? EXIT_FAILED : status;
  } finally {
    cli.stdout.dispose();
    cli.stderr.dispose();
  }
}

function printVersion(io: CliIo): number {
  io.stdout.stream.write(`${packageVersion()}\n`);
  return EXIT_OK;
}

async function runParsed(argv: readonly string[], io: CliIo, cli: CommandContext): Promise<number> {
  const [{ default: yargs }, { catCommand, catExamples }, { convertCommand, convertExamples }, { infoCommand, infoExamples }] = await Promise.all([
    import('yargs'),
    import('./commands/cat.js'),
    import('./commands/convert.js'),
    import('./commands/info.js'),
  ]);
  const examples: Record<string, readonly Example[]> = { info: infoExamples, convert: convertExamples, cat: catExamples };
  const parser: Argv = yargs()
    .scriptName('isx-stream')
    .usage(`$0 <command> FILE... [options]\n\n${DESCRIPTION}`)
    .command(infoCommand)
    .command(convertCommand)
    .command(catCommand)
    .demandCommand(1, 'Name a command: info, convert or cat.')
    .recommendCommands()
    .strict()
    .help()
    .alias('h', 'help')
    .version(false)
    .option('version', { alias: 'V', type: 'boolean', global: false, describe: 'Show the version number' })
    .wrap(Math.min(100, layoutWidth(io.stdout, io.env)))
    .exitProcess(false)
    .fail((message, error) => {
      throw error && error.name !== 'YError' ? error : new UsageError(message ?? error?.message ?? 'usage error');
    });
  skipHelpCache(parser);
  try {
    let help = '';
    const parsed = await parser.parseAsync(joinDashValues(argv), { cli }, (_error, _argv, output) => {
      help = output;
    });
    if (help !== '') {
      const command = String(parsed._[0] ?? '');
      io.stdout.stream.write(`${help}\n\n${helpFooter(examples[command] ?? TOP_EXAMPLES)}`);
    }
    return cli.exitCode;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.stream.write(`isx-stream: ${escapeControls(error.message)}\n`);
      io.stderr.stream.write('Run "isx-stream --help" or "isx-stream <command> --help" for usage.\n');
      return EXIT_USAGE;
    }
    io.stderr.stream.write(`isx-stream: ${escapeControls(error instanceof Error ? error.message : String(error))}\n`);
    return EXIT_FAILED;
  }
}

/**
 * yargs renders the whole help text before running any command (0.1 s, a tenth of a small conversion),
 * keeping it for a handler that fails later; ours never print help on failure (`fail` throws), and
 * `--help` renders it when asked. Reached through yargs' internal methods, left as is if they change.
 */
function skipHelpCache(parser: Argv): void {
  type Internals = { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } };
  const usage = (parser as unknown as Internals).getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}

/** Options whose value may start with a dash: `--out -` (stdout), `--files-from -` (stdin), `--crop -1,0,5,5`, `--start -1`. */
const DASH_VALUE_OPTIONS = new Set(['--out', '--files-from', '--crop', '--start', '--end']);

/**
 * yargs-parser reads `--out -` as an empty `--out` followed by a positional `-`, and `--crop -1,0,5,5` as an
 * empty `--crop` followed by flags; `--out=-` parses as meant, so such pairs are joined before parsing and
 * the value reaches the option's own check.
 */
function joinDashValues(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (DASH_VALUE_OPTIONS.has(argv[i]!) && value !== undefined && (value === '-' || /^-[\d.]/.test(value))) {
      joined.push(`${argv[i]}=${value}`);
      i++;
    } else joined.push(argv[i]!);
  }
  return joined;
}
