/**
 * A command line that cannot be run as given, found after parsing (e.g. `--out -` with several tables).
 * The CLI prints the message and exits with status 2, like yargs' own usage errors.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
