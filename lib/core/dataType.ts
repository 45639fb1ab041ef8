import { IsxError } from '../errors.js';

export type PixelArray = Uint8Array | Uint16Array | Float32Array;
export type DataTypeName = 'uint16' | 'float32' | 'uint8';

export interface DataTypeInfo {
  /** Footer `dataType` code (spec 1.2). */
  code: number;
  name: DataTypeName;
  bytesPerPixel: number;
  ArrayType: Uint8ArrayConstructor | Uint16ArrayConstructor | Float32ArrayConstructor;
}

const U16: DataTypeInfo = { code: 0, name: 'uint16', bytesPerPixel: 2, ArrayType: Uint16Array };
const F32: DataTypeInfo = { code: 1, name: 'float32', bytesPerPixel: 4, ArrayType: Float32Array };
const U8: DataTypeInfo = { code: 2, name: 'uint8', bytesPerPixel: 1, ArrayType: Uint8Array };

const BY_CODE = new Map<number, DataTypeInfo>([U16, F32, U8].map((t) => [t.code, t]));
const BY_NAME = new Map<DataTypeName, DataTypeInfo>([U16, F32, U8].map((t) => [t.name, t]));

/** Pixel type for a footer code; RGB888 (3) exists in isxcore but isx cannot read it either. */
export function dataTypeFromCode(code: number, path?: string, offset?: number): DataTypeInfo {
  const info = BY_CODE.get(code);
  if (info) return info;
  const what = code === 3 ? 'RGB888 movies (dataType 3) are not supported' : `unknown pixel dataType ${code}`;
  throw new IsxError('E_UNSUPPORTED', what, { path, offset });
}

export function dataTypeFromName(name: DataTypeName): DataTypeInfo {
  return BY_NAME.get(name)!;
}
