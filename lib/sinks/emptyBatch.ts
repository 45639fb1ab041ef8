import { DataType, RecordBatch, Struct, makeData, type Data, type Schema } from 'apache-arrow';

/** A 0-row batch carrying only the schema: lets an encoder that learns the schema from batches write an empty table. */
export function makeEmptyBatch(schema: Schema): RecordBatch {
  const children = schema.fields.map((f) => emptyData(f.type));
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: 0, children }));
}

/** 0 values of `type`; a list needs its one offset and an empty child (makeData leaves them out). */
function emptyData(type: DataType): Data {
  if (DataType.isList(type)) return makeData({ type, length: 0, valueOffsets: new Int32Array(1), child: emptyData(type.children[0]!.type) });
  return makeData({ type, length: 0 } as never);
}
