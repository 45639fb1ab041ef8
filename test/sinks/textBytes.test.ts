import { expect } from 'chai';
import { Writable } from 'node:stream';
import { Field, Int64, RecordBatch, Schema, Struct, TimestampMicrosecond, Uint64, makeData } from 'apache-arrow';
import { openSink, writeTable } from '../../lib/sinks/index.js';
import { TextBytes } from '../../lib/sinks/textBytes.js';
import { formatTimestampUs } from '../../lib/sinks/textValues.js';
import { rejection } from '../helpers/errors.js';

/** What a sink writes to a stream, as text. */
async function written(format: 'ndjson' | 'csv', batches: RecordBatch[], csvSafe = false): Promise<string> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await writeTable(batches, await openSink(format, out, batches[0]!.schema, { csvSafe }));
  return Buffer.concat(chunks).toString();
}

function batchOf(fields: Field[], columns: (BigInt64Array | BigUint64Array)[]): RecordBatch {
  const schema = new Schema(fields);
  const children = columns.map((values, j) => makeData({ type: fields[j]!.type, length: values.length, data: values }));
  return new RecordBatch(schema, makeData({ type: new Struct(fields), length: columns[0]!.length, children, nullCount: 0 }));
}

describe('TextBytes', () => {
  it('writes digits·10^-k in fixed notation as String writes the same double', () => {
    const out = new TextBytes(8);
    let seed = 3;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const wrong: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const k = Math.floor(next() * 16);
      const digits = Math.floor(next() * 10 ** Math.floor(next() * 16));
      const negative = next() < 0.5;
      out.putFixed(negative, digits, k);
      const expected = `${negative ? '-' : ''}${k === 0 ? digits : `${Math.floor(digits / 10 ** k)}.${String(digits % 10 ** k).padStart(k, '0')}`}`;
      const text = Buffer.from(out.take(false)).toString('latin1');
      if (text !== expected) wrong.push(`${digits}e-${k}: ${text} != ${expected}`);
    }
    expect(wrong).to.deep.equal([]);
  });

  it('writes integers of every digit count and both signs as String does', () => {
    const out = new TextBytes(4);
    const values = [0, -0, 1, -1, 9, 10, 2 ** 31, -(2 ** 31), 2 ** 53 - 1, -(2 ** 53 - 1)];
    for (let power = 1; power < 2 ** 53; power *= 10) values.push(power - 1, power, -power);
    for (const value of values) out.putInteger(value);
    expect(Buffer.from(out.take(false)).toString('latin1')).to.equal(values.map(String).join(''));
  });

  it('grows to a value longer than its buffer and hands out pieces the next writes leave alone', () => {
    const out = new TextBytes(4);
    out.putString('é'.repeat(1000));
    const first = out.take(true);
    out.putString('x'.repeat(2000));
    expect(Buffer.from(first).toString()).to.equal('é'.repeat(1000));
    expect(Buffer.from(out.take(false)).toString()).to.equal('x'.repeat(2000));
  });
});

describe('NDJSON and CSV of 64-bit columns', () => {
  it('writes int64 and uint64 exactly on both sides of 2^53 and at their limits', async () => {
    const signed = [0n, 1n, -1n, 2n ** 32n - 1n, 2n ** 32n, -(2n ** 32n), 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, -(2n ** 53n) + 1n, -(2n ** 53n), -(2n ** 53n) - 1n, 2n ** 63n - 1n, -(2n ** 63n)];
    const unsigned = signed.map((v) => BigInt.asUintN(64, v));
    const fields = [new Field('i', new Int64(), false), new Field('u', new Uint64(), false)];
    const batch = batchOf(fields, [BigInt64Array.from(signed), BigUint64Array.from(unsigned)]);
    expect(await written('csv', [batch])).to.equal(`i,u\n${signed.map((v, i) => `${v},${unsigned[i]}\n`).join('')}`);
    expect(await written('ndjson', [batch])).to.equal(signed.map((v, i) => `{"i":${v},"u":${unsigned[i]}}\n`).join(''));
  });

  it('writes timestamps as formatTimestampUs does, before 1970, around 2^53 µs and over more seconds than it keeps templates for', async () => {
    const edges = BigInt64Array.of(0n, -1n, -1_000_000n, -999_999n, 1_648_798_026_999_999n, 1_648_798_027_000_000n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, -(2n ** 62n));
    const field = new Field('t', new TimestampMicrosecond('UTC'), false);
    const edgeTexts = Array.from(edges, formatTimestampUs);
    expect(await written('csv', [batchOf([field], [edges])])).to.equal(`t\n${edgeTexts.map((t) => `${t}\n`).join('')}`);
    expect(await written('csv', [batchOf([field], [edges])], true)).to.equal(`t\n${edgeTexts.map((t) => `${/^[-=+@]/.test(t) ? "'" : ''}${t}\n`).join('')}`);
    expect(await written('ndjson', [batchOf([field], [edges])])).to.equal(edgeTexts.map((t) => `{"t":"${t}"}\n`).join(''));
    // 65,600 distinct seconds out of order, twice: more than the 65,536 templates kept.
    const many = BigInt64Array.from({ length: 65_600 }, (_, i) => 1_600_000_000_000_000n + BigInt(((i * 7919) % 65_600) * 1_000_003 + (i % 1000)));
    const manyTexts = Array.from(many, formatTimestampUs).join('\n');
    expect(await written('csv', [batchOf([field], [many]), batchOf([field], [many])])).to.equal(`t\n${manyTexts}\n${manyTexts}\n`);
  });

  it('rejects when the output fails while the next piece is being made', async () => {
    const field = new Field('t', new TimestampMicrosecond('UTC'), false);
    const batch = batchOf([field], [BigInt64Array.from({ length: 100_000 }, (_, i) => BigInt(i) * 1000n)]);
    let writes = 0;
    const out = new Writable({
      write(_chunk, _encoding, done) {
        writes++;
        setImmediate(() => done(writes === 2 ? new Error('disk full') : null));
      },
    });
    out.on('error', () => undefined);
    const error = await rejection(writeTable([batch, batch], await openSink('ndjson', out, batch.schema)));
    expect([error.code, error.message, (error.cause as Error).message]).to.deep.equal(['E_IO', '<stream>: writing the output stream failed', 'disk full']);
    expect(writes).to.equal(2);
  });
});
