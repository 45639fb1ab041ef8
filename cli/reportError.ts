import { ConvertOptionError, IsxError } from '../lib/index.js';
import { cliOptionName } from './optionNames.js';
import { escapeControls } from './terminalText.js';

/**
 * The library names its options as in the API (`overwrite`, `tables`, `partitionBy`, `outDir`, `crop`); the CLI
 * user typed flags, so messages are told in those words.
 */
const CLI_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bpass overwrite\b/g, 'pass --overwrite'],
  [/\bwith tables\b/g, 'with --tables'],
  [/\bpartitionBy\b/g, '--partition-by'],
  [/\(outDir\)/g, '(--out)'],
  [/^crop: /, '--crop: '],
];

export function inCliWords(message: string): string {
  return CLI_WORDS.reduce((text, [pattern, flag]) => text.replace(pattern, flag), message);
}

/**
 * The one line printed for a failed file, with control characters escaped (messages quote names and paths
 * from files and command lines). IsxError messages already name the file, the problem and the byte offset;
 * anything else (a bug, an OS error without a path) gets the input path in front.
 */
export function formatFailure(inputPath: string, error: unknown): string {
  return escapeControls(failureText(inputPath, error));
}

function failureText(inputPath: string, error: unknown): string {
  if (error instanceof ConvertOptionError) {
    return `isx-stream: ${error.path === undefined ? '' : `${error.path}: `}${error.describe(cliOptionName)}`;
  }
  if (error instanceof IsxError) {
    const message = inCliWords(error.message);
    const where = error.offset !== undefined && !message.includes('offset') ? ` (at byte offset ${error.offset})` : '';
    if (error.path === undefined) return `isx-stream: ${inputPath}: ${message}${where}`;
    const input = error.path !== inputPath ? ` (input ${inputPath})` : '';
    return `isx-stream: ${message}${where}${input}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `isx-stream: ${inputPath}: ${message}`;
}
