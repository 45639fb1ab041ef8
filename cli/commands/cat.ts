import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { convertFile, listTables, open } from '../../lib/index.js';
import { EXIT_FAILED, EXIT_INTERRUPTED } from '../exitCodes.js';
import { interruptSignal } from '../interrupt.js';
import { parsePositiveInteger } from '../optionValues.js';
import { formatFailure } from '../reportError.js';

interface CatArgs {
  file: string;
  table?: string;
  limit?: number;
}

/**
 * `isx-stream cat FILE [--table T] [--limit N]`: the rows of one table as NDJSON on stdout, for jq and
 * other line tools. Without --table it prints the kind's first table (frames, cells, events, samples or
 * vessels).
 */
export const catCommand: CommandModule<object, CatArgs> = {
  command: 'cat <file>',
  describe: 'Print the rows of one table as NDJSON on stdout',
  builder: (yargs: Argv) =>
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'an Inscopix file' })
      .option('table', { type: 'string', describe: "table to print (default: the kind's first table)" })
      .option('limit', { type: 'string', coerce: parsePositiveInteger('limit'), describe: 'print at most N rows' })
      .example('$0 cat examples/data/demo.isxd --table traces --limit 3', 'first three trace rows')
      .example("$0 cat demo.isxd --table traces | jq -c 'select(.value > 2)'", 'filter with jq') as unknown as Argv<CatArgs>,
  handler: async (args: ArgumentsCamelCase<CatArgs>) => {
    const interrupt = interruptSignal();
    try {
      const table = args.table ?? (await firstTableOf(args.file));
      await convertFile(args.file, { to: 'ndjson', stdout: process.stdout, tables: [table], limit: args.limit, signal: interrupt.signal });
    } catch (error) {
      if (interrupt.reason === 'closed-pipe') return;
      process.exitCode = interrupt.signal.aborted ? EXIT_INTERRUPTED : EXIT_FAILED;
      if (!interrupt.signal.aborted) process.stderr.write(`${formatFailure(args.file, error)}\n`);
    } finally {
      interrupt.dispose();
    }
  },
};

async function firstTableOf(path: string): Promise<string> {
  const dataSet = await open(path);
  try {
    return listTables(dataSet)[0]!;
  } finally {
    await dataSet.close();
  }
}
