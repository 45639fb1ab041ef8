import type { RecordBatch, Schema } from 'apache-arrow';
import { quoteJsonString } from '../json/stringifyJson.js';
import { openDestination, type ByteDestination, type DestinationOptions, type SinkDestination } from './byteDestination.js';
import { checkWritableBatch } from './checkWritableBatch.js';
import { finishOrAbort } from './finishOrAbort.js';
import type { TableSink } from './tableSink.js';
import { columnTexts, type TextSyntax } from './textValues.js';

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

  private constructor(
    private readonly destination: ByteDestination,
    private readonly schema: Schema,
    private readonly format: TextFormat,
    csvSafe: boolean,
  ) {
    this.syntax = format === 'ndjson' ? JSON_SYNTAX : csvSafe ? SAFE_CSV_SYNTAX : CSV_SYNTAX;
  }

  static async open(destination: SinkDestination, schema: Schema, format: TextFormat, options: TextSinkOptions = {}): Promise<TextSink> {
    const sink = new TextSink(await openDestination(destination, options), schema, format, options.csvSafe ?? false);
    if (format === 'csv') await sink.writeText(schema.fields.map((f) => sink.syntax.text(f.name)).join(',') + '\n');
    return sink;
  }

  async write(batch: RecordBatch): Promise<void> {
    checkWritableBatch(this.done, batch, this.schema, this.destination);
    const columns = columnTexts(batch, this.syntax);
    // NDJSON: the text stringifyJson writes for an object of the row's values, without building the
    // object (one object and a generic walk per row were two thirds of NDJSON's time, issue 9).
    const names = batch.schema.fields.map((f) => f.name);
    const before = this.format === 'ndjson' ? names.map((name, j) => `${j === 0 ? '{' : ','}${quoteJsonString(name)}:`) : names.map((_, j) => (j === 0 ? '' : ','));
    const end = this.format === 'ndjson' ? (columns.length === 0 ? '{}\n' : '}\n') : '\n';
    // Text goes out in pieces of about TEXT_PIECE_CHARS: a whole batch as one string kept every line alive
    // until the end of the batch, and collecting them was a third of the time.
    let text = '';
    for (let row = 0; row < batch.numRows; row++) {
      for (let j = 0; j < columns.length; j++) text += before[j]! + columns[j]!(row);
      text += end;
      if (text.length >= TEXT_PIECE_CHARS) {
        await this.writeText(text);
        text = '';
      }
    }
    if (text.length > 0) await this.writeText(text);
  }

  async close(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await finishOrAbort(this.destination, async () => {});
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.destination.abort();
  }

  private async writeText(text: string): Promise<void> {
    await this.destination.write(Buffer.from(text, 'utf8'));
  }
}

const TEXT_PIECE_CHARS = 256 * 1024;

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
