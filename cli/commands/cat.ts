import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { convertFile, fileStem, listTables, open, RECORDING_KEY } from '../../lib/index.js';
import type { WithContext } from '../commandContext.js';
import { EXIT_FAILED, EXIT_INTERRUPTED } from '../exitCodes.js';
import type { Example } from '../helpText.js';
import { watchInterrupt } from '../interrupt.js';
import { parsePositiveInteger } from '../optionValues.js';
import { formatFailure } from '../reportError.js';

interface CatArgs {
  file: string;
  table?: string;
  limit?: number;
}

/**
 * `isx-stream cat FILE [--table T] [--limit N]`: the rows of one table as NDJSON on stdout, for jq and
 * other line tools. Without --table it prints `traces` when the kind has it (a cell set's `cells` rows
 * carry a whole footprint each, too long for a line tool), else the kind's first table (frames, events,
 * samples or vessels). Rows carry the recording keys (`recording`, `kind`) as `convert` writes them.
 */
export const catCommand: CommandModule<object, WithContext<CatArgs>> = {
  command: 'cat <file>',
  describe: 'Print the rows of one table as NDJSON on stdout',
  builder: (yargs: Argv) =>
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'an Inscopix file' })
      .option('table', { type: 'string', describe: "table to print (default: traces when the file has them, else the kind's first table)" })
      .option('limit', { type: 'number', coerce: parsePositiveInteger('limit'), describe: 'print at most N rows' }) as unknown as Argv<WithContext<CatArgs>>,
  handler: async (args: ArgumentsCamelCase<WithContext<CatArgs>>) => {
    const { cli } = args;
    const interrupt = watchInterrupt(cli);
    try {
      const table = args.table ?? (await defaultTableOf(args.file));
      await convertFile(args.file, {
        to: 'ndjson',
        stdout: cli.io.stdout.stream,
        tables: [table],
        keys: { [RECORDING_KEY]: fileStem(args.file) },
        limit: args.limit,
        signal: interrupt.signal,
      });
    } catch (error) {
      // A closed or failed stdout is run()'s to report (quietly, or as one E_IO line).
      if (interrupt.reason === 'closed-pipe' || interrupt.reason === 'stdout-failed') return;
      cli.exitCode = interrupt.signal.aborted ? EXIT_INTERRUPTED : EXIT_FAILED;
      if (!interrupt.signal.aborted) cli.io.stderr.stream.write(`${formatFailure(args.file, error)}\n`);
    } finally {
      interrupt.dispose();
    }
  },
};

export const catExamples: readonly Example[] = [
  ['isx-stream cat examples/data/demo.isxd --table traces --limit 3', 'first three trace rows'],
  ["isx-stream cat examples/data/demo.isxd | jq -c 'select(.value > 2)'", 'filter with jq'],
];

async function defaultTableOf(path: string): Promise<string> {
  const dataSet = await open(path);
  try {
    const tables = listTables(dataSet);
    return tables.includes('traces') ? 'traces' : tables[0]!;
  } finally {
    await dataSet.close();
  }
}
