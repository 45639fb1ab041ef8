import type { Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import type { ConvertProgress } from '../lib/index.js';
import type { CliOutput } from './cliIo.js';
import { formatBytes, formatDuration } from './formatUnits.js';
import { escapeControls } from './terminalText.js';

export interface ProgressOptions {
  /** `--progress`: draw even when stderr is not a terminal. */
  force: boolean;
  /** `--quiet`: never draw. */
  quiet: boolean;
  totalBytes: number;
  output: CliOutput;
  /** Characters a bar line may take (layoutWidth). */
  columns: number;
}

/** Width of the fixed text after the bar: ` 100% 1023.9 MB/1023.9 MB 1:02:03 ETA 1:02:03`. */
const TEXT_AFTER_BAR = 48;
const NAME_WIDTH = 32;

/**
 * Progress bars on stderr: one for the current file, one overall, each with the bytes read, the time
 * elapsed and the time left, sized to the terminal's width. Drawn only when stderr is a terminal or
 * `--progress` asks (cli-progress does not check for a TTY itself); stdout is never touched, so `--out -`
 * pipes stay clean. The bytes are those ConvertProgress reports.
 */
export class Progress {
  private readonly multi: cliProgress.MultiBar | undefined;
  private readonly overall: cliProgress.SingleBar | undefined;
  private file: cliProgress.SingleBar | undefined;
  private readonly startedMs = Date.now();
  private fileStartedMs = 0;
  private bytesBeforeFile = 0;
  private readonly totalBytes: number;
  private readonly nameWidth: number;
  private readonly output: CliOutput;

  constructor(options: ProgressOptions) {
    this.output = options.output;
    this.totalBytes = Math.max(options.totalBytes, 1);
    const columns = options.columns;
    this.nameWidth = Math.max(6, Math.min(NAME_WIDTH, columns - TEXT_AFTER_BAR - 14));
    if (options.quiet || !(options.force || options.output.isTTY)) return;
    this.multi = new cliProgress.MultiBar(
      {
        stream: terminalView(options.output, columns),
        format: '{name} |{bar}| {percentage}% {done} {spent} ETA {left}',
        noTTYOutput: !options.output.isTTY,
        notTTYSchedule: 1000,
        hideCursor: true,
        clearOnComplete: false,
        barsize: Math.max(3, Math.min(24, columns - this.nameWidth - TEXT_AFTER_BAR - 4)),
      },
      cliProgress.Presets.shades_classic,
    );
    this.overall = this.multi.create(this.totalBytes, 0, { name: 'total', ...timeText(0, this.totalBytes, 0) });
  }

  startFile(name: string, fileBytes: number): void {
    if (!this.multi) return;
    this.file?.stop();
    this.fileStartedMs = Date.now();
    this.file = this.multi.create(Math.max(fileBytes, 1), 0, { name: this.fit(name), ...timeText(0, fileBytes, 0) });
  }

  update(event: ConvertProgress): void {
    if (!this.multi || !this.file || !this.overall) return;
    const now = Date.now();
    const overallBytes = this.bytesBeforeFile + event.bytesRead;
    this.file.update(event.bytesRead, timeText(event.bytesRead, event.fileBytes, now - this.fileStartedMs));
    this.overall.update(overallBytes, timeText(overallBytes, this.totalBytes, now - this.startedMs));
  }

  finishFile(fileBytes: number): void {
    this.bytesBeforeFile += fileBytes;
    this.overall?.update(this.bytesBeforeFile);
  }

  /**
   * Prints a line above the bars on a terminal, at once (cli-progress keeps logged lines until its next
   * redraw, and drops those still waiting when it stops); elsewhere plainly, so no line is ever lost.
   */
  log(text: string): void {
    // Lines name input and output paths, which may hold control characters: shown escaped.
    const line = escapeControls(text);
    if (this.multi && this.output.isTTY) {
      this.multi.log(`${line}\n`);
      this.multi.update();
    } else this.output.stream.write(`${line}\n`);
  }

  stop(): void {
    this.multi?.update();
    this.multi?.stop();
  }

  private fit(path: string): string {
    const name = escapeControls(path);
    return name.length <= this.nameWidth ? name.padEnd(this.nameWidth) : `…${name.slice(-(this.nameWidth - 1))}`;
  }
}

/** Bytes done of all, time spent and the time left at the rate so far (not `duration`/`eta`: cli-progress fills those). */
function timeText(doneBytes: number, allBytes: number, elapsedMs: number): { done: string; spent: string; left: string } {
  const leftMs = doneBytes > 0 ? (elapsedMs * Math.max(allBytes - doneBytes, 0)) / doneBytes : undefined;
  return {
    done: `${formatBytes(doneBytes)}/${formatBytes(allBytes)}`,
    spent: formatDuration(elapsedMs / 1000),
    left: leftMs === undefined ? '-' : formatDuration(leftMs / 1000),
  };
}

/** What cli-progress reads of its stream: whether it is a terminal, its width, and `write`. */
function terminalView(output: CliOutput, columns: number): NodeJS.WriteStream {
  const stream: Writable = output.stream;
  return { isTTY: output.isTTY, columns, write: (chunk: string) => stream.write(chunk) } as unknown as NodeJS.WriteStream;
}
