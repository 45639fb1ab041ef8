import { readFile } from 'node:fs/promises';

/** One page of a BigTIFF: float32 pixels, row-major. */
export interface TiffPage {
  width: number;
  height: number;
  pixels: Float32Array;
}

const BIGTIFF_MAGIC = 43;
const TAG = { width: 256, height: 257, bitsPerSample: 258, compression: 259, stripOffsets: 273, stripByteCounts: 279, sampleFormat: 339 };
/** TIFF field type → bytes per value (SHORT, LONG, LONG8). */
const TYPE_BYTES: Record<number, number> = { 3: 2, 4: 4, 16: 8 };

/**
 * Reads every page of a little-endian BigTIFF with uncompressed float32 strips: just enough TIFF to
 * check movie pixels against an export, so the tests need no TIFF dependency.
 */
export async function readBigTiffPages(path: string): Promise<TiffPage[]> {
  const bytes = await readFile(path);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(0, true) !== 0x4949 || view.getUint16(2, true) !== BIGTIFF_MAGIC) throw new Error(`${path}: not a little-endian BigTIFF`);
  const pages: TiffPage[] = [];
  for (let ifd = Number(view.getBigUint64(8, true)); ifd !== 0; ) {
    const count = Number(view.getBigUint64(ifd, true));
    const tags = new Map<number, number[]>();
    for (let k = 0; k < count; k++) {
      const entry = ifd + 8 + 20 * k;
      const type = view.getUint16(entry + 2, true);
      const n = Number(view.getBigUint64(entry + 4, true));
      const size = TYPE_BYTES[type];
      if (size === undefined) continue;
      const at = n * size <= 8 ? entry + 12 : Number(view.getBigUint64(entry + 12, true));
      tags.set(view.getUint16(entry, true), Array.from({ length: n }, (_, i) => readUint(view, at + i * size, size)));
    }
    const one = (tag: number): number => tags.get(tag)![0]!;
    if (one(TAG.compression) !== 1 || one(TAG.bitsPerSample) !== 32 || one(TAG.sampleFormat) !== 3) {
      throw new Error(`${path}: page ${pages.length} is not uncompressed float32`);
    }
    const width = one(TAG.width);
    const height = one(TAG.height);
    const pixels = new Float32Array(width * height);
    const target = new Uint8Array(pixels.buffer);
    let filled = 0;
    const offsets = tags.get(TAG.stripOffsets)!;
    const lengths = tags.get(TAG.stripByteCounts)!;
    offsets.forEach((offset, i) => {
      target.set(bytes.subarray(offset, offset + lengths[i]!), filled);
      filled += lengths[i]!;
    });
    if (filled !== target.byteLength) throw new Error(`${path}: page ${pages.length} strips hold ${filled} bytes, expected ${target.byteLength}`);
    pages.push({ width, height, pixels });
    ifd = Number(view.getBigUint64(ifd + 8 + 20 * count, true));
  }
  return pages;
}

function readUint(view: DataView, at: number, size: number): number {
  if (size === 2) return view.getUint16(at, true);
  if (size === 4) return view.getUint32(at, true);
  return Number(view.getBigUint64(at, true));
}
