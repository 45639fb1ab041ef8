import { stat } from 'node:fs/promises';
import type { ConvertedTable } from '../lib/index.js';
import { formatBytes } from './formatUnits.js';

/**
 * What a `convert` run did, for the closing line on stderr: inputs converted, outputs written, their rows,
 * bytes read (input sizes) and written (output file sizes; stdout is not counted), and the time taken.
 */
export class ConversionReport {
  private readonly startedMs = Date.now();
  private files = 0;
  private failed = 0;
  private existing = 0;
  private notInscopix = 0;
  private tables = 0;
  private rows = 0;
  private bytesIn = 0;
  private bytesOut = 0;
  private toStdout = false;

  /** One job (a file, or a series of files) converted into `written`. */
  async addConverted(inputs: number, inputBytes: number, written: readonly ConvertedTable[]): Promise<void> {
    this.files += inputs;
    this.bytesIn += inputBytes;
    for (const output of written) {
      if (!output.sidecar) this.tables++;
      this.rows += output.rows;
      if (output.path === '-') this.toStdout = true;
      else this.bytesOut += (await stat(output.path)).size;
    }
  }

  addFailed(inputs: number): void {
    this.failed += inputs;
  }

  /** True when an input failed or was refused: the run's exit status is then 1. */
  get anyFailed(): boolean {
    return this.failed > 0;
  }

  /** Inputs skipped by --skip-existing: their manifest shows them converted. */
  addExisting(inputs: number): void {
    this.existing += inputs;
  }

  /** Files found in folders or by globs that are not Inscopix files (skipped quietly). */
  addNotInscopix(files: number): void {
    this.notInscopix += files;
  }

  /**
   * `isx-stream: 1 file, 2 tables, 2,408 rows; read 52.7 KB, wrote 87.1 KB in 0.4 s` (+ `; 3 files already
   * converted`, `; 2 other files (not Inscopix) skipped`, `; 1 file failed or skipped`).
   */
  summary(): string {
    const secs = ((Date.now() - this.startedMs) / 1000).toFixed(1);
    const wrote = this.toStdout && this.bytesOut === 0 ? 'wrote to stdout' : `wrote ${formatBytes(this.bytesOut)}${this.toStdout ? ' and to stdout' : ''}`;
    const failed = this.failed > 0 ? `; ${count(this.failed, 'file')} failed or skipped` : '';
    const existing = this.existing > 0 ? `; ${count(this.existing, 'file')} already converted` : '';
    const other = this.notInscopix > 0 ? `; ${count(this.notInscopix, 'other file')} (not Inscopix) skipped` : '';
    return (
      `isx-stream: ${count(this.files, 'file')}, ${count(this.tables, 'table')}, ${count(this.rows, 'row')}; ` +
      `read ${formatBytes(this.bytesIn)}, ${wrote} in ${secs} s${existing}${other}${failed}`
    );
  }
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
