/** A JSON value as isx-stream parses it: integers beyond ±(2^53-1) stay exact as `bigint`. */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}
