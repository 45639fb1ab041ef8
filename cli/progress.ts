import cliProgress from 'cli-progress';
import type { ConvertProgress } from '../lib/convert/convertOptions.js';

export interface ProgressOptions {
  /** `--progress`: draw even when stderr is not a terminal. */
  force: boolean;
  /** `--quiet`: never draw. */
  quiet: boolean;
  totalBytes: number;
  stream?: NodeJS.WriteStream;
}

/**
 * Progress bars on stderr: one for the current file, one overall, each with bytes and records per second.
 * Drawn only when stderr is a terminal or `--progress` asks (cli-progress does not check for a TTY
 * itself); stdout is never touched, so `--out -` pipes stay clean.
 */
export class Progress {
  private readonly multi: cliProgress.MultiBar | undefined;
  private readonly overall: cliProgress.SingleBar | undefined;
  private file: cliProgress.SingleBar | undefined;
  private readonly startedMs = Date.now();
  private fileStartedMs = 0;
  private bytesBeforeFile = 0;
  private recordsBeforeTable = 0;
  private lastTable = '';
  private totalRecords = 0;

  private readonly stream: NodeJS.WriteStream;

  constructor(options: ProgressOptions) {
    const stream = options.stream ?? process.stderr;
    this.stream = stream;
    if (options.quiet || !(options.force || stream.isTTY)) return;
    this.multi = new cliProgress.MultiBar(
      {
        stream,
        format: '{name} |{bar}| {percentage}% {done} {rate}',
        noTTYOutput: !stream.isTTY,
        notTTYSchedule: 1000,
        hideCursor: true,
        clearOnComplete: false,
        barsize: 24,
      },
      cliProgress.Presets.shades_classic,
    );
    this.overall = this.multi.create(Math.max(options.totalBytes, 1), 0, { name: 'total', done: '', rate: '' });
  }

  get enabled(): boolean {
    return this.multi !== undefined;
  }

  startFile(name: string, fileBytes: number): void {
    if (!this.multi) return;
    this.file?.stop();
    this.fileStartedMs = Date.now();
    this.recordsBeforeTable = 0;
    this.lastTable = '';
    this.file = this.multi.create(Math.max(fileBytes, 1), 0, { name: shorten(name), done: '', rate: '' });
  }

  update(event: ConvertProgress): void {
    if (!this.multi || !this.file || !this.overall) return;
    if (event.table !== this.lastTable) {
      this.lastTable = event.table;
      this.recordsBeforeTable = this.totalRecords;
    }
    this.totalRecords = this.recordsBeforeTable + event.records;
    const fileSecs = Math.max((Date.now() - this.fileStartedMs) / 1000, 1e-3);
    const allSecs = Math.max((Date.now() - this.startedMs) / 1000, 1e-3);
    const overallBytes = this.bytesBeforeFile + event.bytesRead;
    this.file.update(event.bytesRead, {
      done: `${formatBytes(event.bytesRead)}/${formatBytes(event.fileBytes)} ${event.table}`,
      rate: `${formatBytes(event.bytesRead / fileSecs)}/s ${Math.round(event.records / fileSecs)} rec/s`,
    });
    this.overall.update(overallBytes, {
      done: formatBytes(overallBytes),
      rate: `${formatBytes(overallBytes / allSecs)}/s`,
    });
  }

  finishFile(fileBytes: number): void {
    this.bytesBeforeFile += fileBytes;
    this.overall?.update(this.bytesBeforeFile);
  }

  /**
   * Prints a line above the bars on a terminal; elsewhere plainly (cli-progress drops `log` lines when it
   * is not drawing on a terminal, and failures must never be lost).
   */
  log(line: string): void {
    if (this.multi && this.stream.isTTY) this.multi.log(`${line}\n`);
    else this.stream.write(`${line}\n`);
  }

  stop(): void {
    this.multi?.stop();
  }
}

function shorten(name: string): string {
  return name.length <= 32 ? name.padEnd(32) : `…${name.slice(-31)}`;
}

function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}
