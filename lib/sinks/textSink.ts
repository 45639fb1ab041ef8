import type { RecordBatch, Schema } from 'apache-arrow';
import { quoteJsonString } from '../json/stringifyJson.js';
import { openDestination, type ByteDestination, type DestinationOptions, type SinkDestination } from './byteDestination.js';
import { checkWritableBatch } from './checkWritableBatch.js';
import { finishOrAbort } from './finishOrAbort.js';
import type { TableSink } from './tableSink.js';
import { TextBytes } from './textBytes.js';
import { columnWriters, type TextSyntax } from './textValues.js';

/** Text encodings of rows (value conventions: textValues.ts). */
export type TextFormat = 'ndjson' | 'csv';

export interface TextSinkOptions extends DestinationOptions {
  /**
   * CSV: text cells (names, labels, the header) starting with `=`, `+`, `-`, `@`, tab or carriage return
   * get a leading `'`, which spreadsheets show instead of evaluating a formula (CSV injection). Numbers are
   * left alone. Default false: values are written verbatim.
   */
  csvSafe?: boolean;
}

/**
 * NDJSON (one JSON object per row) or CSV (RFC 4180, header row, `\n` line ends) for people and `jq`.
 * Schema metadata has no place in these formats and is not written. Each batch is encoded and written
 * before the next is taken.
 */
export class TextSink implements TableSink {
  /** Rows are turned into text before `write` resolves. */
  readonly doneWithBatchOnWrite = true;
  private done = false;

  private readonly syntax: TextSyntax;
  /**
   * What comes before each value of a row, and after the row. NDJSON: the text stringifyJson writes for an
   * object of the row's values, without building the object (one object and a generic walk per row were
   * two thirds of NDJSON's time, issue 9).
   */
  private readonly before: Uint8Array[];
  private readonly end: Uint8Array;
  /** Rows being written; a row longer than a piece (a movie frame's pixels) grows it. */
  private readonly text = new TextBytes(TEXT_PIECE_BYTES + 64 * 1024);
  /** The write of the last piece, in flight while the next piece is made. */
  private sending: Promise<void> = Promise.resolve();

  private constructor(
    private readonly destination: ByteDestination,
    private readonly schema: Schema,
    format: TextFormat,
    csvSafe: boolean,
  ) {
    this.syntax = format === 'ndjson' ? JSON_SYNTAX : csvSafe ? SAFE_CSV_SYNTAX : CSV_SYNTAX;
    const names = schema.fields.map((f) => f.name);
    const before = format === 'ndjson' ? names.map((name, j) => `${j === 0 ? '{' : ','}${quoteJsonString(name)}:`) : names.map((_, j) => (j === 0 ? '' : ','));
    this.before = before.map((text) => Buffer.from(text));
    this.end = Buffer.from(format === 'ndjson' ? (names.length === 0 ? '{}\n' : '}\n') : '\n');
  }

  static async open(destination: SinkDestination, schema: Schema, format: TextFormat, options: TextSinkOptions = {}): Promise<TextSink> {
    const sink = new TextSink(await openDestination(destination, options), schema, format, options.csvSafe ?? false);
    if (format === 'csv') await sink.writeText(schema.fields.map((f) => sink.syntax.text(f.name)).join(',') + '\n');
    return sink;
  }

  async write(batch: RecordBatch): Promise<void> {
    checkWritableBatch(this.done, batch, this.schema, this.destination);
    const columns = columnWriters(batch, this.syntax);
    const { before, end } = this;
    // Text goes out in pieces of about TEXT_PIECE_BYTES, each row whole.
    const out = this.text;
    for (let row = 0; row < batch.numRows; row++) {
      for (let j = 0; j < columns.length; j++) {
        out.append(before[j]!);
        columns[j]!(row, out);
      }
      out.append(end);
      if (out.length >= TEXT_PIECE_BYTES) await this.send(out.take(true));
    }
    if (out.length > 0) await this.send(out.take(true));
    await this.sending;
  }

  /**
   * Starts writing `piece` once the piece before it is written, and returns without waiting for it: the
   * next piece is made while this one is written (waiting for each write left the formatting thread idle
   * for a sixth of NDJSON's time).
   */
  private async send(piece: Uint8Array): Promise<void> {
    await this.sending;
    const sending = this.destination.write(piece);
    // Marked handled here; a failure is thrown by the next `await this.sending`.
    sending.catch(() => undefined);
    this.sending = sending;
  }

  async close(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await finishOrAbort(this.destination, async () => {});
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    // A write still in flight finishes (or fails: the failure that led here is already on its way) first.
    await this.sending.catch(() => undefined);
    await this.destination.abort();
  }

  private async writeText(text: string): Promise<void> {
    await this.destination.write(Buffer.from(text, 'utf8'));
  }
}

const TEXT_PIECE_BYTES = 256 * 1024;

const JSON_SYNTAX: TextSyntax = { text: quoteJsonString, plainText: (value) => `"${value}"`, missing: 'null', list: (json) => json };
/** CSV: null (and NaN) is an empty field; lists are their JSON text, quoted as a field. */
const CSV_SYNTAX: TextSyntax = { text: csvField, plainText: (value) => value, missing: '', list: csvField };
const SAFE_CSV_SYNTAX: TextSyntax = { ...CSV_SYNTAX, text: (value) => csvField(guardFormula(value)), plainText: guardFormula };

/** Starts of a cell that spreadsheets read as a formula, or that hide one (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
