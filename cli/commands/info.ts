import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { open, stringifyJson, summarize } from '../../lib/index.js';
import type { WithContext } from '../commandContext.js';
import { EXIT_FAILED } from '../exitCodes.js';
import { expandInputs } from '../expandInputs.js';
import type { Example } from '../helpText.js';
import { formatFailure } from '../reportError.js';
import { formatSummary } from '../formatSummary.js';

interface InfoArgs {
  files: string[];
  json: boolean;
  metadata: boolean;
}

/** `isx-stream info FILE... [--json] [--metadata]`: a summary of each file; failures reported, exit 1. */
export const infoCommand: CommandModule<object, WithContext<InfoArgs>> = {
  command: 'info <files..>',
  describe: 'Summarise Inscopix files: kind, timing, size, data type, counts, acquisition info',
  builder: (yargs: Argv) =>
    yargs
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'files, folders or globs' })
      .option('json', { type: 'boolean', default: false, describe: 'one JSON object per file and line on stdout (64-bit integers exact)' })
      .option('metadata', { type: 'boolean', default: false, describe: "include the file's whole JSON metadata" }) as unknown as Argv<WithContext<InfoArgs>>,
  handler: async (args: ArgumentsCamelCase<WithContext<InfoArgs>>) => {
    const { stdout, stderr } = args.cli.io;
    const { files, rejected } = await expandInputs(args.files);
    let failed = rejected.length;
    for (const error of rejected) stderr.stream.write(`${formatFailure(error.path ?? '', error)}\n`);
    for (const [n, { path }] of files.entries()) {
      // stdout closed (`| head`) or failed: nothing more can be shown; run() reports a failure.
      if (args.cli.stdout.state !== 'open') break;
      try {
        const dataSet = await open(path);
        try {
          const summary = await summarize(dataSet);
          if (args.metadata) summary.metadata = dataSet.metadata;
          if (args.json) stdout.stream.write(`${stringifyJson(summary)}\n`);
          else stdout.stream.write(`${n > 0 ? '\n' : ''}${formatSummary(summary)}\n`);
        } finally {
          await dataSet.close();
        }
      } catch (error) {
        failed++;
        stderr.stream.write(`${formatFailure(path, error)}\n`);
      }
    }
    if (failed > 0) args.cli.exitCode = EXIT_FAILED;
  },
};

export const infoExamples: readonly Example[] = [
  ['isx-stream info examples/data/demo.isxd', 'readable summary'],
  ['isx-stream info examples/data/ --json | jq .numSamples', 'one JSON object per file'],
];
