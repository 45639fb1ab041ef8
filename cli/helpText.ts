import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE } from './exitCodes.js';

/** A command line to copy and what it does. */
export type Example = readonly [command: string, description: string];

/**
 * The end of a command's help: its examples, each on a line of its own and never wrapped (yargs wraps its
 * example column, which breaks copying), then the exit statuses.
 */
export function helpFooter(examples: readonly Example[]): string {
  const lines = ['Examples:'];
  for (const [command, description] of examples) lines.push(`  ${description}:`, `    ${command}`);
  lines.push('', 'Exit status:', ...EXIT_STATUS_LINES);
  return `${lines.join('\n')}\n`;
}

const EXIT_STATUS_LINES = [
  `  ${EXIT_OK}    every file was processed`,
  `  ${EXIT_FAILED}    at least one file failed or was skipped; the others were processed`,
  `  ${EXIT_USAGE}    the command line is wrong (unknown option, bad value, ambiguous request)`,
  `  ${EXIT_INTERRUPTED}  interrupted (Ctrl-C, SIGTERM); unfinished outputs were removed`,
];
