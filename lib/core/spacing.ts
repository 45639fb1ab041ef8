import { IsxError } from '../errors.js';
import { asObject, asUnsigned, field, type JsonSite } from '../json/fields.js';
import type { JsonObject, JsonValue } from '../json/jsonValue.js';
import { Ratio } from './ratio.js';

/**
 * Most pixels in one image read from a file (spec 3.4): 2^24 is 16 times a 1280x800 nVista 3 sensor and
 * twice a 3840x2160 camera frame. Frames whose movie stores none (all dropped or cropped) are not backed
 * by file bytes, so without this bound a small footer could make every zero frame gigabytes.
 */
export const MAX_IMAGE_PIXELS = 2 ** 24;

export interface Point2<T> {
  x: T;
  y: T;
}

/** Image geometry (spec 3.4). `x` is the column count, `y` the row count; every 2-D array is row-major. */
export class Spacing {
  constructor(
    readonly numCols: number,
    readonly numRows: number,
    /** Microns per pixel. */
    readonly pixelSize: Point2<Ratio> = { x: new Ratio(3), y: new Ratio(3) },
    /** Microns, position of the top-left pixel in the sensor field of view. */
    readonly topLeft: Point2<Ratio> = { x: new Ratio(0), y: new Ratio(0) },
  ) {}

  /** `[rows, cols]`, as isx `Spacing.num_pixels`. */
  get numPixels(): [rows: number, cols: number] {
    return [this.numRows, this.numCols];
  }

  /** Pixels in one image. */
  get pixelCount(): number {
    return this.numRows * this.numCols;
  }

  static fromJson(value: JsonValue | undefined, name: string, site: JsonSite): Spacing {
    const obj = asObject(value, name, site);
    const pixels = asObject(field(obj, 'numPixels', site, `${name}.numPixels`), `${name}.numPixels`, site);
    const point = (key: string): Point2<Ratio> => {
      const p = asObject(field(obj, key, site, `${name}.${key}`), `${name}.${key}`, site);
      return {
        x: Ratio.fromJson(field(p, 'x', site, `${name}.${key}.x`), `${name}.${key}.x`, site),
        y: Ratio.fromJson(field(p, 'y', site, `${name}.${key}.y`), `${name}.${key}.y`, site),
      };
    };
    const cols = asUnsigned(field(pixels, 'x', site, `${name}.numPixels.x`), `${name}.numPixels.x`, site);
    const rows = asUnsigned(field(pixels, 'y', site, `${name}.numPixels.y`), `${name}.numPixels.y`, site);
    checkImageSize(cols, rows, `${name}.numPixels`, site);
    return new Spacing(cols, rows, point('pixelSize'), point('topLeft'));
  }

  toJson(): JsonObject {
    return {
      numPixels: { x: this.numCols, y: this.numRows },
      pixelSize: { x: this.pixelSize.x.toJson(), y: this.pixelSize.y.toJson() },
      topLeft: { x: this.topLeft.x.toJson(), y: this.topLeft.y.toJson() },
    };
  }
}

/** Refuses image sizes beyond {@link MAX_IMAGE_PIXELS}, each side included (a 0-row image of 2^53 columns too). */
export function checkImageSize(cols: number, rows: number, name: string, site: JsonSite): void {
  if (cols <= MAX_IMAGE_PIXELS && rows <= MAX_IMAGE_PIXELS && cols * rows <= MAX_IMAGE_PIXELS) return;
  throw new IsxError('E_RANGE', `${site.document} key "${name}": ${cols}x${rows} pixels is more than ${MAX_IMAGE_PIXELS} pixels per image`, {
    path: site.path,
    offset: site.offset,
  });
}
