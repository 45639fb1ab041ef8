import { RecordBatch, Struct, makeData, type Schema } from 'apache-arrow';

/** A 0-row batch carrying only the schema: lets an encoder that learns the schema from batches write an empty table. */
export function makeEmptyBatch(schema: Schema): RecordBatch {
  const children = schema.fields.map((f) => makeData({ type: f.type, length: 0 } as never));
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: 0, children }));
}
