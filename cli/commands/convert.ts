import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import {
  CELL_STATUSES,
  checkOptionsFit,
  ConvertOptionError,
  convertFile,
  convertSeries,
  fileStem,
  kindsForPath,
  listTables,
  open,
  PARQUET_CODECS,
  SINK_FORMATS,
  validateConvertOptions,
  type CellStatusName,
  type ConvertOptions,
  type ConvertedTable,
  type ParquetCodec,
  type SinkFormat,
} from '../../lib/index.js';
import type { CropRectangle, PlaneSplit } from '../../transforms/index.js';
import { layoutWidth } from '../cliIo.js';
import type { CommandContext, WithContext } from '../commandContext.js';
import { ConversionReport } from '../conversionReport.js';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK } from '../exitCodes.js';
import { expandInputs } from '../expandInputs.js';
import type { Example } from '../helpText.js';
import { INTERRUPTED_LINE, watchInterrupt } from '../interrupt.js';
import { parseChoiceList, parseCrop, parseList, parsePlanes, parsePositiveInteger, parseSeconds } from '../optionValues.js';
import { Progress } from '../progress.js';
import { formatFailure } from '../reportError.js';
import { UsageError } from '../usageError.js';
import { cliOptionName } from '../optionNames.js';

interface ConvertArgs {
  files: string[];
  to: SinkFormat;
  out: string;
  tables?: string[];
  cells?: CellStatusName[];
  channels?: string[];
  start?: number;
  end?: number;
  decimate?: number;
  bin?: number;
  crop?: CropRectangle;
  planes?: PlaneSplit;
  decode: boolean;
  compression?: ParquetCodec;
  csvSafe: boolean;
  rowGroupSize?: number;
  series: boolean;
  partitionBy?: 'session';
  overwrite: boolean;
  progress: boolean;
  quiet: boolean;
}

export const convertCommand: CommandModule<object, WithContext<ConvertArgs>> = {
  command: 'convert <files..>',
  describe: 'Write every table of each file as Parquet, Arrow, NDJSON or CSV',
  builder: (yargs: Argv) =>
    yargs
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'files, folders or globs' })
      .option('to', { choices: SINK_FORMATS, demandOption: true, describe: 'output format (arrow = IPC file, arrows = IPC stream)' })
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'output folder, or - for one table on stdout' })
      .option('tables', { type: 'string', coerce: parseList, describe: 'tables to write, comma-separated (default: all of the kind)' })
      .option('cells', { type: 'string', coerce: parseChoiceList('cells', CELL_STATUSES), describe: 'cell/vessel statuses to keep: accepted,undecided,rejected' })
      .option('channels', { type: 'string', coerce: parseList, describe: 'GPIO/IMU channels (or event-set cells) to keep, by name or index' })
      .option('start', { type: 'number', coerce: parseSeconds('start'), describe: 'keep samples from this many seconds after the start' })
      .option('end', { type: 'number', coerce: parseSeconds('end'), describe: 'keep samples before this many seconds after the start' })
      .option('decimate', { type: 'number', coerce: parsePositiveInteger('decimate'), describe: 'keep every n-th frame or sample' })
      .option('bin', { type: 'number', coerce: parsePositiveInteger('bin'), describe: 'average n x n pixel blocks of movie frames' })
      .option('crop', { type: 'string', coerce: parseCrop, describe: 'keep a pixel rectangle of movie frames: x,y,width,height' })
      .option('planes', {
        type: 'string',
        coerce: parsePlanes,
        describe: 'split a multiplane movie into frames_plane<p> tables: N planes by frame position, or efocus=A,B,... by header e-focus',
      })
      .option('decode', { type: 'boolean', default: false, describe: 'decode behaviour-movie JPEGs into uint8 pixels' })
      .option('compression', { choices: PARQUET_CODECS, describe: 'Parquet compression codec (default zstd)' })
      .option('csv-safe', { type: 'boolean', default: false, describe: "CSV: prefix text cells starting with = + - @ tab or CR with ' (no formulas in spreadsheets)" })
      .option('row-group-size', { type: 'number', coerce: parsePositiveInteger('row-group-size'), describe: 'rows per Parquet row group / Arrow batch' })
      .option('series', { type: 'boolean', default: false, describe: 'treat the files as one recording: one output per table' })
      .option('partition-by', { choices: ['session'] as const, describe: 'Hive folders DIR/<table>/session=<stem>/part-0.<ext>' })
      .option('overwrite', { type: 'boolean', default: false, describe: 'replace existing outputs' })
      .option('progress', { type: 'boolean', default: false, describe: 'show progress on stderr even when it is not a terminal' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress, no line per output and no summary (failures and warnings still print)' }) as unknown as Argv<WithContext<ConvertArgs>>,
  handler: async (args: ArgumentsCamelCase<WithContext<ConvertArgs>>) => {
    args.cli.exitCode = await runConvert(args, args.cli);
  },
};

export const convertExamples: readonly Example[] = [
  ['isx-stream convert examples/data/demo.isxd --to parquet --out out/', 'cells and traces tables as Parquet'],
  ['isx-stream convert examples/data/demo.isxd --to arrows --out - --tables traces | consumer', 'one table on stdout'],
  ['isx-stream convert movie.isxd --to parquet --out out/ --start 10 --end 20 --crop 0,0,64,64', 'a window in time and space'],
];

/** Binary formats, which `--out -` refuses to print on a terminal. */
const BINARY_FORMATS: readonly SinkFormat[] = ['parquet', 'arrow', 'arrows'];

async function runConvert(args: ConvertArgs, cli: CommandContext): Promise<number> {
  const { io } = cli;
  const toStdout = args.out === '-';
  const options = toConvertOptions(args, io.stdout.stream);
  asUsageError(() => validateConvertOptions(options));
  await checkOutput(args, io.stdout.isTTY);
  const { files, rejected } = await expandInputs(args.files);
  for (const error of rejected) io.stderr.stream.write(`${formatFailure(error.path ?? '', error)}\n`);
  checkOptionsFitInputs(files, options);
  if (toStdout) await checkSingleTable(files, args);
  const sizes = await Promise.all(files.map(async (path) => (await stat(path)).size));
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  const progress = new Progress({ force: args.progress, quiet: args.quiet, totalBytes, output: io.stderr, columns: layoutWidth(io.stderr, io.env) });
  const report = new ConversionReport();
  report.addFailed(rejected.length);
  const interrupt = watchInterrupt(cli);
  let failed = rejected.length;
  try {
    const jobs = args.series ? [files] : files.map((path) => [path]);
    const stems = new Map<string, string>();
    for (const job of jobs) {
      const first = job[0];
      if (first === undefined) continue;
      const clash = stems.get(fileStem(first));
      if (clash !== undefined && !toStdout) {
        failed++;
        report.addFailed(job.length);
        progress.log(`isx-stream: ${first}: skipped: its outputs would overwrite those of ${clash} (same file name stem)`);
        continue;
      }
      stems.set(fileStem(first), first);
      const jobBytes = job.reduce((sum, path) => sum + sizes[files.indexOf(path)]!, 0);
      progress.startFile(first, jobBytes);
      try {
        const jobOptions = { ...options, signal: interrupt.signal, onProgress: (p: Parameters<Progress['update']>[0]) => progress.update(p) };
        const written = args.series ? await convertSeries(job, jobOptions) : await convertFile(first, jobOptions);
        await report.addConverted(job.length, jobBytes, written);
        for (const output of written) {
          if (!args.quiet) progress.log(`${first} → ${output.path} (${output.rows} rows)`);
          if (output.rows === 0) warnEmpty(first, output, args, progress);
        }
      } catch (error) {
        if (interrupt.signal.aborted) break;
        failed++;
        report.addFailed(job.length);
        progress.log(formatFailure(first, error));
      }
      progress.finishFile(jobBytes);
    }
    if (!args.quiet && !interrupt.signal.aborted) progress.log(report.summary());
  } finally {
    progress.stop();
    interrupt.dispose();
  }
  // A closed stdout is a normal end (`| head`); a failed one is run()'s to report as one line.
  if (interrupt.reason === 'closed-pipe') return failed > 0 ? EXIT_FAILED : EXIT_OK;
  if (interrupt.reason === 'stdout-failed') return EXIT_FAILED;
  if (interrupt.signal.aborted) {
    io.stderr.stream.write(INTERRUPTED_LINE);
    return EXIT_INTERRUPTED;
  }
  return failed > 0 ? EXIT_FAILED : EXIT_OK;
}

/**
 * `--out` must be a folder (created if missing) or `-`; a binary format on `-` needs stdout to be a file
 * or a pipe, not a terminal, which would show garbage and could be left in a strange state.
 */
async function checkOutput(args: ConvertArgs, stdoutIsTTY: boolean): Promise<void> {
  if (args.out === '-') {
    if (stdoutIsTTY && BINARY_FORMATS.includes(args.to)) {
      throw new UsageError(
        `--to ${args.to} writes binary data, which a terminal cannot show: redirect stdout (> out.${args.to}), pipe it to a program, or pass --out DIR`,
      );
    }
    return;
  }
  const info = await stat(args.out).catch(() => undefined);
  if (info !== undefined && !info.isDirectory()) {
    throw new UsageError(`--out ${args.out} is an existing file, not a folder: name a folder (created if missing), or - for stdout`);
  }
}

/** The options that narrow what is written: when an output is left empty, they are why. */
const NARROWING_OPTIONS = [
  ['start', '--start'],
  ['end', '--end'],
  ['cells', '--cells'],
  ['channels', '--channels'],
] as const;

/** An empty output is written (a valid file with the table's schema), but never silently. */
function warnEmpty(input: string, output: ConvertedTable, args: ConvertArgs, progress: Progress): void {
  const given = NARROWING_OPTIONS.filter(([key]) => args[key] !== undefined).map(([, flag]) => flag);
  const why = given.length > 0 ? `: ${given.join(', ')} left nothing to write` : '';
  progress.log(`isx-stream: warning: ${input} → ${output.path} has 0 rows${why}`);
}

function toConvertOptions(args: ConvertArgs, stdout: ConvertOptions['stdout']): ConvertOptions {
  const options: ConvertOptions = { to: args.to, overwrite: args.overwrite, decode: args.decode };
  if (args.out === '-') options.stdout = stdout;
  else options.outDir = args.out;
  if (args.tables !== undefined) options.tables = args.tables;
  if (args.cells !== undefined) options.cells = args.cells;
  if (args.channels !== undefined) options.channels = args.channels;
  if (args.start !== undefined) options.startSec = args.start;
  if (args.end !== undefined) options.endSec = args.end;
  if (args.decimate !== undefined) options.decimate = args.decimate;
  if (args.bin !== undefined) options.bin = args.bin;
  if (args.crop !== undefined) options.crop = args.crop;
  if (args.planes !== undefined) options.planes = args.planes;
  if (args.compression !== undefined) options.compression = args.compression;
  if (args.csvSafe) options.csvSafe = true;
  if (args.rowGroupSize !== undefined) options.batchRows = args.rowGroupSize;
  if (args.partitionBy !== undefined) options.partitionBy = args.partitionBy;
  return options;
}

/** The library's option checks, failing as usage errors (exit 2) in CLI words. */
function asUsageError(check: () => void): void {
  try {
    check();
  } catch (error) {
    if (error instanceof ConvertOptionError) throw new UsageError(error.describe(cliOptionName));
    throw error;
  }
}

/**
 * A kind-specific option that no input can take (e.g. `--decode` without any `.isxb`) is a usage error,
 * knowable from the file names alone (lib/kinds). One that fits some inputs but not others (`--decode` on
 * an `.isxd` among `.isxb` files) is refused per file when that file is opened (exit 1).
 */
function checkOptionsFitInputs(files: readonly string[], options: ConvertOptions): void {
  if (files.length === 0) return;
  const extensions = [...new Set(files.map((path) => extname(path).toLowerCase()))];
  const kinds = [...new Set(files.flatMap((path) => kindsForPath(path)))];
  asUsageError(() => checkOptionsFit(options, kinds, () => `but no input can be one (inputs: ${extensions.join(' ')})`));
}

/**
 * `--out -` carries exactly one table: several files need `--series`, a kind with several tables needs
 * `--tables`. Checked before anything is written, from the first file's kind.
 */
async function checkSingleTable(files: string[], args: ConvertArgs): Promise<void> {
  if (files.length > 1 && !args.series) {
    throw new UsageError(`--out - writes one table to stdout, but ${files.length} files were given: pass --series to treat them as one recording, or write to a folder`);
  }
  const first = files[0];
  if (first === undefined) return;
  // A file that does not open fails again in the conversion loop, which reports it (exit 1).
  const dataSet = await open(first).catch(() => undefined);
  if (dataSet === undefined) return;
  try {
    const available = listTables(dataSet, { series: args.series });
    const chosen = args.tables ?? available;
    if (chosen.length !== 1) {
      throw new UsageError(
        `--out - writes one table to stdout, but ${first} has ${chosen.length} (${chosen.join(', ')}): choose one with --tables`,
      );
    }
  } finally {
    await dataSet.close();
  }
}
