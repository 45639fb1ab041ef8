import { ByteBuffer, zigzag } from '../core/byteBuffer.js';

/**
 * A writer of Thrift's compact protocol, the encoding of Parquet's page headers and footer
 * (parquet-format's parquet.thrift). Only what Parquet metadata uses: structs, lists, integers, binary and
 * booleans. Each field is written in the type parquet.thrift declares: a reader skips a field of another
 * type, and then misses it if it is required. Integers are JavaScript numbers: every offset, size and
 * count in a file is far below 2^53.
 */
export class CompactWriter {
  private readonly out = new ByteBuffer(256);
  /** Last field id of each open struct: field headers store the delta from it. */
  private readonly lastIds: number[] = [0];

  i8(id: number, value: number): this {
    this.fieldHeader(id, I8);
    this.out.byte(value & 0xff);
    return this;
  }

  i16(id: number, value: number): this {
    return this.varintField(id, I16, value);
  }

  i32(id: number, value: number): this {
    return this.varintField(id, I32, value);
  }

  i64(id: number, value: number): this {
    return this.varintField(id, I64, value);
  }

  bool(id: number, value: boolean): this {
    this.fieldHeader(id, value ? BOOLEAN_TRUE : BOOLEAN_FALSE);
    return this;
  }

  binary(id: number, value: Uint8Array | string): this {
    this.fieldHeader(id, BINARY);
    this.binaryValue(value);
    return this;
  }

  /** A struct field whose fields `body` writes. */
  struct(id: number, body: (w: this) => void): this {
    this.fieldHeader(id, STRUCT);
    this.structValue(body);
    return this;
  }

  /** A list of structs. */
  structList<T>(id: number, items: readonly T[], body: (w: this, item: T) => void): this {
    this.listHeader(id, STRUCT, items.length);
    for (const item of items) this.structValue((w) => body(w, item));
    return this;
  }

  i32List(id: number, items: readonly number[]): this {
    this.listHeader(id, I32, items.length);
    for (const item of items) this.out.varint(zigzag(item));
    return this;
  }

  binaryList(id: number, items: readonly string[]): this {
    this.listHeader(id, BINARY, items.length);
    for (const item of items) this.binaryValue(item);
    return this;
  }

  /** Ends the outermost struct (a page header or the footer) and returns its bytes. */
  end(): Uint8Array {
    this.out.byte(STOP);
    return this.out.view();
  }

  /** i16, i32 and i64 are all zigzag varints in the compact protocol; only the field's type differs. */
  private varintField(id: number, type: number, value: number): this {
    this.fieldHeader(id, type);
    this.out.varint(zigzag(value));
    return this;
  }

  private structValue(body: (w: this) => void): void {
    this.lastIds.push(0);
    body(this);
    this.lastIds.pop();
    this.out.byte(STOP);
  }

  private listHeader(id: number, elementType: number, size: number): void {
    this.fieldHeader(id, LIST);
    if (size < 15) {
      this.out.byte((size << 4) | elementType);
    } else {
      this.out.byte(0xf0 | elementType);
      this.out.varint(size);
    }
  }

  private binaryValue(value: Uint8Array | string): void {
    const bytes = typeof value === 'string' ? TEXT.encode(value) : value;
    this.out.varint(bytes.length);
    this.out.append(bytes);
  }

  private fieldHeader(id: number, type: number): void {
    const last = this.lastIds[this.lastIds.length - 1]!;
    const delta = id - last;
    if (delta > 0 && delta <= 15) {
      this.out.byte((delta << 4) | type);
    } else {
      this.out.byte(type);
      this.out.varint(zigzag(id));
    }
    this.lastIds[this.lastIds.length - 1] = id;
  }
}

const STOP = 0;
const BOOLEAN_TRUE = 1;
const BOOLEAN_FALSE = 2;
const I8 = 3;
const I16 = 4;
const I32 = 5;
const I64 = 6;
const BINARY = 8;
const LIST = 9;
const STRUCT = 12;
const TEXT = new TextEncoder();
