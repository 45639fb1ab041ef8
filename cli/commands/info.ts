import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { open, stringifyJson, summarize } from '../../lib/index.js';
import { EXIT_FAILED } from '../exitCodes.js';
import { expandInputs } from '../expandInputs.js';
import { formatFailure } from '../reportError.js';
import { formatSummary } from '../formatSummary.js';

interface InfoArgs {
  files: string[];
  json: boolean;
  metadata: boolean;
}

/** `isx-stream info FILE... [--json] [--metadata]`: a summary of each file; failures reported, exit 1. */
export const infoCommand: CommandModule<object, InfoArgs> = {
  command: 'info <files..>',
  describe: 'Summarise Inscopix files: kind, timing, size, data type, counts, acquisition info',
  builder: (yargs: Argv) =>
    yargs
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'files, folders or globs' })
      .option('json', { type: 'boolean', default: false, describe: 'one JSON object per file and line on stdout (64-bit integers exact)' })
      .option('metadata', { type: 'boolean', default: false, describe: "include the file's whole JSON metadata" })
      .example('$0 info examples/data/demo.isxd', 'readable summary')
      .example('$0 info data/ --json | jq .numSamples', 'one JSON object per file') as unknown as Argv<InfoArgs>,
  handler: async (args: ArgumentsCamelCase<InfoArgs>) => {
    const { files, rejected } = await expandInputs(args.files);
    let failed = rejected.length;
    for (const error of rejected) process.stderr.write(`${formatFailure(error.path ?? '', error)}\n`);
    for (const [n, path] of files.entries()) {
      try {
        const dataSet = await open(path);
        try {
          const summary = summarize(dataSet);
          if (args.metadata) summary.metadata = dataSet.metadata;
          if (args.json) process.stdout.write(`${stringifyJson(summary)}\n`);
          else process.stdout.write(`${n > 0 ? '\n' : ''}${formatSummary(summary)}\n`);
        } finally {
          await dataSet.close();
        }
      } catch (error) {
        failed++;
        process.stderr.write(`${formatFailure(path, error)}\n`);
      }
    }
    if (failed > 0) process.exitCode = EXIT_FAILED;
  },
};
