import jpeg from 'jpeg-js';
import { IsxError } from '../errors.js';
import { importSharp } from './optionalSharp.js';

/** Which JPEG decoder to use: sharp (libjpeg, native) when importable, else the pure-JS jpeg-js. */
export type DecoderChoice = 'auto' | 'sharp' | 'js';

/** A decoded JPEG before its luma plane is taken out. */
interface DecodedImage {
  width: number;
  height: number;
  channels: number;
  data: Uint8Array;
  /** True when channel 0 already is Y (jpeg-js without colour transform); false for RGB output. */
  channel0IsLuma: boolean;
}

export interface LumaDecoder {
  readonly name: 'sharp' | 'js';
  /** Rejects with a plain Error when the bytes are not a decodable JPEG. */
  decode(bytes: Uint8Array): Promise<DecodedImage>;
}

/** Where a frame's JPEG came from, for error messages. */
export interface FrameSite {
  path: string;
  /** Time index of the frame. */
  index: number;
  /** Absolute file offset of its JPEG. */
  offset: number;
}

/** The subset of sharp's API used here, so that type-checking does not need the optional package. */
type SharpFactory = (
  input: Uint8Array,
  options: { failOn: 'warning' },
) => { raw(): { toBuffer(options: { resolveWithObject: true }): Promise<{ data: Uint8Array; info: { width: number; height: number; channels: number } }> } };

const sharpDecoder = (sharp: SharpFactory): LumaDecoder => ({
  name: 'sharp',
  async decode(bytes) {
    // failOn 'warning': libjpeg's "Corrupt JPEG data" warnings reject instead of yielding a grey frame.
    const { data, info } = await sharp(bytes, { failOn: 'warning' }).raw().toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, channels: info.channels, data, channel0IsLuma: info.channels === 1 };
  },
});

const jsDecoder: LumaDecoder = {
  name: 'js',
  async decode(bytes) {
    // colorTransform false keeps the stored YCbCr components, so channel 0 is Y as coded (spec 8.6).
    // tolerantDecoding false: a damaged scan throws instead of returning a partly blank frame.
    const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, colorTransform: false, tolerantDecoding: false });
    return { width: image.width, height: image.height, channels: 3, data: image.data, channel0IsLuma: true };
  },
};

/** Resolves a decoder choice; `'sharp'` when sharp cannot be imported is E_UNSUPPORTED. */
export async function loadLumaDecoder(choice: DecoderChoice = 'auto'): Promise<LumaDecoder> {
  if (choice === 'js') return jsDecoder;
  const sharp = await importSharp<SharpFactory>();
  if (sharp) return sharpDecoder(sharp);
  if (choice === 'sharp') throw new IsxError('E_UNSUPPORTED', 'decoder "sharp" was asked for but the sharp package cannot be imported (install it, or use decoder "js")');
  return jsDecoder;
}

/**
 * Decodes one frame's JPEG and writes its luma plane, `rows·cols` row-major, into `target` (spec 8.6:
 * Y only, no colour conversion). A JPEG that does not decode, or decodes to another size than the
 * spacing, is E_CORRUPT naming the frame and its offset: never a wrong frame.
 */
export async function decodeFrameLuma(decoder: LumaDecoder, bytes: Uint8Array, target: Uint8Array, rows: number, cols: number, site: FrameSite): Promise<void> {
  let image: DecodedImage;
  try {
    image = await decoder.decode(bytes);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new IsxError('E_CORRUPT', `frame ${site.index}: the JPEG at offset ${site.offset} (${bytes.byteLength} bytes) does not decode: ${reason}`, {
      path: site.path,
      offset: site.offset,
      cause,
    });
  }
  if (image.width !== cols || image.height !== rows) {
    throw new IsxError(
      'E_CORRUPT',
      `frame ${site.index}: the JPEG at offset ${site.offset} decodes to ${image.width} x ${image.height}; the spacing says ${cols} x ${rows}`,
      { path: site.path, offset: site.offset },
    );
  }
  writeLuma(image, target.subarray(0, rows * cols));
}

function writeLuma(image: DecodedImage, target: Uint8Array): void {
  const { data, channels } = image;
  const n = target.length;
  if (image.channel0IsLuma) {
    if (channels === 1) target.set(data.subarray(0, n));
    else for (let i = 0, j = 0; i < n; i++, j += channels) target[i] = data[j]!;
    return;
  }
  // libjpeg converted YCbCr to RGB with the JFIF (BT.601 full-range) matrix; its inverse recovers Y up to
  // rounding and clamping: Y = 0.299 R + 0.587 G + 0.114 B, in 16-bit fixed point.
  for (let i = 0, j = 0; i < n; i++, j += channels) {
    target[i] = (19595 * data[j]! + 38470 * data[j + 1]! + 7471 * data[j + 2]! + 32768) >>> 16;
  }
}
