import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import {
  CELL_STATUSES,
  checkOptionsFit,
  ConvertOptionError,
  convertDataset,
  convertFile,
  convertSeries,
  inShard,
  IsxError,
  kindsForPath,
  listTables,
  open,
  PARQUET_CODECS,
  RECORDING_KEY,
  recordingKey,
  SINK_FORMATS,
  slurmShard,
  validateConvertOptions,
  type CellStatusName,
  type ConvertOptions,
  type ConvertedTable,
  type DatasetInput,
  type ParquetCodec,
  type PathPattern,
  type Shard,
  type SinkFormat,
} from '../../lib/index.js';
import type { CropRectangle, PlaneSplit } from '../../transforms/index.js';
import { layoutWidth, type CliIo } from '../cliIo.js';
import type { CommandContext, WithContext } from '../commandContext.js';
import { ConversionReport } from '../conversionReport.js';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK } from '../exitCodes.js';
import { expandInputs } from '../expandInputs.js';
import type { Example } from '../helpText.js';
import { INTERRUPTED_LINE, watchInterrupt } from '../interrupt.js';
import { parseChoiceList, parseCrop, parseList, parsePathPattern, parsePlanes, parsePositiveInteger, parseSeconds, parseShardOption } from '../optionValues.js';
import { Progress } from '../progress.js';
import { formatFailure } from '../reportError.js';
import { UsageError } from '../usageError.js';
import { cliOptionName } from '../optionNames.js';

interface ConvertArgs {
  files?: string[];
  filesFrom?: string;
  recursive: boolean;
  pathPattern?: PathPattern;
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
  partitionBy?: string[];
  shard?: Shard;
  skipExisting: boolean;
  overwrite: boolean;
  progress: boolean;
  quiet: boolean;
}

export const convertCommand: CommandModule<object, WithContext<ConvertArgs>> = {
  command: 'convert [files..]',
  describe: 'Write every table of each file as Parquet, Arrow, NDJSON or CSV',
  builder: (yargs: Argv) =>
    yargs
      .positional('files', { type: 'string', array: true, describe: 'files, folders or globs' })
      .option('files-from', { type: 'string', describe: 'also convert the files listed in FILE, one per line (- reads stdin)' })
      .option('recursive', { alias: 'r', type: 'boolean', default: false, describe: 'folders stand for every file below them, not only those directly inside' })
      .option('path-pattern', {
        type: 'string',
        coerce: parsePathPattern,
        describe: "name parts of each file's path (below its folder or glob base) as keys: '{subject}/{session}/*'",
      })
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
      .option('partition-by', {
        type: 'string',
        coerce: parseList,
        describe: 'Hive folders DIR/<table>/KEY=VALUE/.../part-<id>.<ext> for these keys (recording, kind, path-pattern keys); the other keys are columns',
      })
      .option('shard', { type: 'string', coerce: parseShardOption, describe: 'convert part I of N (0-based) of the inputs; default: SLURM_ARRAY_TASK_ID of SLURM_ARRAY_TASK_COUNT' })
      .option('skip-existing', { type: 'boolean', default: false, describe: 'skip inputs whose manifest (DIR/_manifest/) shows them converted, unchanged, with these options' })
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
  [
    "isx-stream convert archive/ -r --path-pattern '{subject}/{session}/*' --partition-by subject,session --to parquet --out lake/ --skip-existing",
    'a lab archive into one dataset (add --shard I/N, or run as a Slurm job array)',
  ],
];

/** Binary formats, which `--out -` refuses to print on a terminal. */
const BINARY_FORMATS: readonly SinkFormat[] = ['parquet', 'arrow', 'arrows'];

async function runConvert(args: ConvertArgs, cli: CommandContext): Promise<number> {
  const { io } = cli;
  const toStdout = args.out === '-';
  const options = toConvertOptions(args, io.stdout.stream);
  const keyNames = [RECORDING_KEY, ...(args.pathPattern?.keys ?? [])];
  asUsageError(() => validateConvertOptions({ ...options, keys: Object.fromEntries(keyNames.map((key) => [key, key])) }));
  checkBatchFlags(args);
  await checkOutput(args, io.stdout.isTTY);
  const dataset = !toStdout && !args.series;
  const shard = dataset ? (args.shard ?? asUsageError(() => slurmShard(io.env))) : undefined;
  const { inputs, rejected, skipped } = await findInputs(args, io);
  for (const error of rejected) io.stderr.stream.write(`${formatFailure(error.path ?? '', error)}\n`);
  const paths = inputs.map((input) => input.path);
  checkOptionsFitInputs(paths, options);
  if (toStdout) await checkSingleTable(paths, args);
  const sizes = new Map<string, number>();
  for (const [i, path] of paths.entries()) if (inShard(i, shard)) sizes.set(path, (await stat(path)).size);
  const totalBytes = [...sizes.values()].reduce((a, b) => a + b, 0);
  const progress = new Progress({ force: args.progress, quiet: args.quiet, totalBytes, output: io.stderr, columns: layoutWidth(io.stderr, io.env) });
  const report = new ConversionReport();
  report.addFailed(rejected.length);
  report.addNotInscopix(skipped);
  const interrupt = watchInterrupt(cli);
  const logWritten = (input: string, written: readonly ConvertedTable[]): void => {
    for (const output of written) {
      if (!args.quiet) progress.log(`${input} → ${output.path} (${output.sidecar ? 'metadata' : `${output.rows} rows`})`);
      if (output.rows === 0 && !output.sidecar) warnEmpty(input, output, args, progress);
      if (output.metadataOmitted !== undefined) progress.log(`isx-stream: warning: ${input} → ${output.path === '-' ? 'stdout' : output.path}: the file's metadata is not in the table: ${output.metadataOmitted}`);
    }
  };
  const onProgress = (p: Parameters<Progress['update']>[0]): void => progress.update(p);
  try {
    if (dataset) {
      await convertDataset(inputs, {
        ...options,
        outDir: args.out,
        shard,
        skipExisting: args.skipExisting,
        signal: interrupt.signal,
        onProgress,
        onStart: (path, bytes) => progress.startFile(path, bytes),
        onInput: async (outcome) => {
          const bytes = sizes.get(outcome.path) ?? 0;
          if (outcome.status === 'converted') {
            await report.addConverted(1, outcome.bytes, outcome.tables);
            logWritten(outcome.path, outcome.tables);
          } else if (outcome.status === 'existing') {
            report.addExisting(1);
          } else {
            report.addFailed(1);
            progress.log(formatFailure(outcome.path, outcome.error));
          }
          progress.finishFile(bytes);
        },
      }).catch((error: unknown) => {
        if (!interrupt.signal.aborted) throw error;
      });
    } else if (inputs.length > 0) {
      const first = inputs[0]!;
      const jobBytes = totalBytes;
      progress.startFile(first.path, jobBytes);
      try {
        const jobOptions: ConvertOptions = { ...options, keys: first.keys, signal: interrupt.signal, onProgress };
        const written = args.series ? await convertSeries(paths, jobOptions) : await convertFile(first.path, jobOptions);
        await report.addConverted(inputs.length, jobBytes, written);
        logWritten(first.path, written);
      } catch (error) {
        if (!interrupt.signal.aborted) {
          report.addFailed(inputs.length);
          progress.log(formatFailure(first.path, error));
        }
      }
      progress.finishFile(jobBytes);
    }
    if (!args.quiet && !interrupt.signal.aborted) progress.log(report.summary());
  } finally {
    progress.stop();
    interrupt.dispose();
  }
  // A closed stdout is a normal end (`| head`); a failed one is run()'s to report as one line.
  if (interrupt.reason === 'closed-pipe') return report.anyFailed ? EXIT_FAILED : EXIT_OK;
  if (interrupt.reason === 'stdout-failed') return EXIT_FAILED;
  if (interrupt.signal.aborted) {
    io.stderr.stream.write(INTERRUPTED_LINE);
    return EXIT_INTERRUPTED;
  }
  return report.anyFailed ? EXIT_FAILED : EXIT_OK;
}

/** Flags of batch runs that a stdout or series conversion cannot honour, and a run with no input named. */
function checkBatchFlags(args: ConvertArgs): void {
  if ((args.files ?? []).length === 0 && args.filesFrom === undefined) throw new UsageError('name the files to convert (files, folders or globs), or list them with --files-from');
  for (const [given, flag] of [
    [args.shard !== undefined, '--shard'],
    [args.skipExisting, '--skip-existing'],
  ] as const) {
    if (!given) continue;
    if (args.out === '-') throw new UsageError(`${flag} needs an output folder (--out DIR), not stdout`);
    if (args.series) throw new UsageError(`${flag} applies to inputs converted one by one, not to --series`);
  }
}

/**
 * The inputs of this run, in order: the FILE arguments, then the lines of `--files-from`, each with its
 * keys (`recording` and the `--path-pattern` keys). A file the pattern does not match is rejected.
 */
async function findInputs(args: ConvertArgs, io: CliIo): Promise<{ inputs: DatasetInput[]; rejected: IsxError[]; skipped: number }> {
  const expanded = await expandInputs(args.files ?? [], { recursive: args.recursive });
  if (args.filesFrom !== undefined) {
    const listed = await expandInputs(await readFileList(args.filesFrom, io), { recursive: args.recursive, namedRelative: 'path' });
    expanded.files.push(...listed.files.filter((file) => !expanded.files.some((f) => f.path === file.path)));
    expanded.rejected.push(...listed.rejected);
    expanded.skipped += listed.skipped;
  }
  const inputs: DatasetInput[] = [];
  for (const file of expanded.files) {
    const patternKeys = args.pathPattern === undefined ? [] : args.pathPattern.match(file.relative);
    if (patternKeys === undefined) {
      expanded.rejected.push(new IsxError('E_ARGUMENT', `its path below its folder (${file.relative}) does not match --path-pattern ${args.pathPattern!.pattern}`, { path: file.path }));
      continue;
    }
    inputs.push({ path: file.path, keys: Object.fromEntries([[RECORDING_KEY, recordingKey(file.relative)], ...patternKeys]) });
  }
  return { inputs, rejected: expanded.rejected, skipped: expanded.skipped };
}

/** The lines of `--files-from FILE` (`-`: stdin), blank lines dropped. */
async function readFileList(source: string, io: CliIo): Promise<string[]> {
  let text: string;
  if (source === '-') {
    if (io.stdin === undefined) throw new UsageError('--files-from -: there is no stdin to read the list from');
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
    text = Buffer.concat(chunks).toString('utf8');
  } else {
    text = await readFile(source, 'utf8').catch((error: unknown) => {
      throw new UsageError(`--files-from ${source}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    });
  }
  return text.split(/\r?\n/).filter((line) => line.trim() !== '');
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
function asUsageError<T>(check: () => T): T {
  try {
    return check();
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
