import jpeg from 'jpeg-js';
import { importSharp } from '../../lib/isxb/optionalSharp.js';

export interface JpegEncodeOptions {
  /** 1-100 (default 90). */
  quality?: number;
  /** Encode three YCbCr components (as nVision does) instead of one grey component. Default true. */
  color?: boolean;
}

type SharpEncoder = (
  input: Uint8Array,
  options: { raw: { width: number; height: number; channels: 1 | 3 } },
) => { jpeg(options: { quality: number; chromaSubsampling: string }): { toBuffer(): Promise<Uint8Array> } };

/**
 * A JPEG of the grey image `luma` (`rows·cols`, row-major) for synthetic `.isxb` files: sharp when it
 * can be imported, else jpeg-js (always three components, 4:4:4).
 */
export async function encodeLumaJpeg(luma: Uint8Array, cols: number, rows: number, options: JpegEncodeOptions = {}): Promise<Uint8Array> {
  const quality = options.quality ?? 90;
  const color = options.color ?? true;
  const sharp = await importSharp<SharpEncoder>();
  if (sharp) {
    const channels = color ? 3 : 1;
    const input = color ? spread(luma, 3, 0) : luma;
    return new Uint8Array(await sharp(input, { raw: { width: cols, height: rows, channels } }).jpeg({ quality, chromaSubsampling: '4:2:0' }).toBuffer());
  }
  return new Uint8Array(jpeg.encode({ data: spread(luma, 4, 255), width: cols, height: rows }, quality).data);
}

/** Grey to RGB (3) or RGBA (4, alpha `fill`). */
function spread(luma: Uint8Array, channels: 3 | 4, fill: number): Uint8Array {
  const out = new Uint8Array(luma.length * channels);
  for (let i = 0; i < luma.length; i++) {
    const v = luma[i]!;
    out[i * channels] = v;
    out[i * channels + 1] = v;
    out[i * channels + 2] = v;
    if (channels === 4) out[i * channels + 3] = fill;
  }
  return out;
}
