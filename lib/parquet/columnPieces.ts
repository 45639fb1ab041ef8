import { DataType, Utf8, makeData, vectorFromArray, type Data } from 'apache-arrow';

/**
 * A piece of a flat Arrow column as exact copies of its buffers, to transfer to an encoder thread:
 * arrow-js's own IPC writer copied byte by byte in JavaScript (a fifth of the main thread's time on the
 * traces table), while `slice` copies natively. Bitmaps keep their bit offset within the first byte.
 */
export interface ColumnPiece {
  length: number;
  /** Bit offset of row 0 in `nullBitmap` (and in `values` for booleans). */
  offset: number;
  nullCount: number;
  values: Uint8Array;
  nullBitmap?: Uint8Array;
  /** Utf8: offsets of each string in `values`, from 0. */
  valueOffsets?: Int32Array;
  /** Dictionary columns: the labels their keys index. */
  labels?: string[];
}

export function toColumnPiece(data: Data): ColumnPiece {
  const bitStart = data.offset >> 3;
  const bitEnd = (data.offset + data.length + 7) >> 3;
  const piece: ColumnPiece = { length: data.length, offset: data.offset & 7, nullCount: data.nullCount, values: new Uint8Array(0) };
  if (data.nullCount > 0 && data.nullBitmap !== undefined && data.nullBitmap.length > 0) piece.nullBitmap = data.nullBitmap.slice(bitStart, bitEnd);
  const type = data.type;
  if (DataType.isBool(type)) {
    piece.values = (data.values as Uint8Array).slice(bitStart, bitEnd);
  } else if (DataType.isUtf8(type)) {
    const offsets = data.valueOffsets as Int32Array;
    const first = offsets[0]!;
    // A loop, not `map`: a callback per row was a tenth of the calling thread's time on the traces table.
    const fromZero = new Int32Array(data.length + 1);
    for (let i = 0; i <= data.length; i++) fromZero[i] = offsets[i]! - first;
    piece.valueOffsets = fromZero;
    piece.values = (data.values as Uint8Array).slice(first, offsets[data.length]!);
  } else {
    // Fixed-width values (dictionary keys too): arrow-js slices them with the data, so value 0 is row 0.
    const view = data.values as ArrayBufferView & { BYTES_PER_ELEMENT: number };
    piece.values = new Uint8Array(view.buffer, view.byteOffset, data.length * view.BYTES_PER_ELEMENT * data.stride).slice();
    if (DataType.isDictionary(type)) piece.labels = Array.from({ length: data.dictionary!.length }, (_, i) => String(data.dictionary!.get(i)));
  }
  return piece;
}

/** The buffers a piece can hand over without another copy. */
export function pieceBuffers(piece: ColumnPiece): ArrayBuffer[] {
  return [piece.values, piece.nullBitmap, piece.valueOffsets].flatMap((b) => (b === undefined ? [] : [b.buffer as ArrayBuffer]));
}

export function fromColumnPiece(piece: ColumnPiece, type: DataType): Data {
  return makeData({
    type,
    offset: piece.offset,
    length: piece.length,
    nullCount: piece.nullCount,
    data: piece.values,
    ...(piece.nullBitmap !== undefined ? { nullBitmap: piece.nullBitmap } : {}),
    ...(piece.valueOffsets !== undefined ? { valueOffsets: piece.valueOffsets } : {}),
    ...(piece.labels !== undefined ? { dictionary: vectorFromArray(piece.labels, new Utf8()) } : {}),
  } as never);
}
