import { ConvertOptionError, IsxError } from '../lib/index.js';
import { cliOptionName } from './optionNames.js';

/**
 * The one line printed for a failed file. IsxError messages already name the file, the problem and the
 * byte offset; anything else (a bug, an OS error without a path) gets the input path in front.
 */
export function formatFailure(inputPath: string, error: unknown): string {
  if (error instanceof ConvertOptionError) {
    return `isx-stream: ${error.path === undefined ? '' : `${error.path}: `}${error.describe(cliOptionName)}`;
  }
  if (error instanceof IsxError) {
    const where = error.offset !== undefined && !error.message.includes('offset') ? ` (at byte offset ${error.offset})` : '';
    if (error.path === undefined) return `isx-stream: ${inputPath}: ${error.message}${where}`;
    const input = error.path !== inputPath ? ` (input ${inputPath})` : '';
    return `isx-stream: ${error.message}${where}${input}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `isx-stream: ${inputPath}: ${message}`;
}
