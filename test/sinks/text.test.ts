import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { Dictionary, Float32, Float64, Int8, Int16, Int32, Int64, List, Uint8, Uint16, Uint32, makeData, RecordBatch, Schema, Field, Struct, TimestampMicrosecond, Utf8, tableFromArrays, vectorFromArray } from 'apache-arrow';
import type { FrameRecord, SampleRecord } from '../../lib/core/records.js';
import { parseJson } from '../../lib/json/parseJson.js';
import { openSink, writeTable } from '../../lib/sinks/index.js';
import { float32Text, formatTimestampUs, numberText, shortestFloat32 } from '../../lib/sinks/textValues.js';
import { makeListData } from '../../transforms/tables/columns.js';
import { framesTable } from '../../transforms/tables/frames.js';
import { samplesTable } from '../../transforms/tables/samples.js';
import { BIG_TSC, METADATA, START_US, makeFrames, makeSamples } from '../tables/syntheticRecords.js';
import { writeRecords } from './writeRecords.js';
import { useTempDir } from '../helpers/tempDir.js';

const frames = framesTable({ kind: 'movie', source: 'm.isxd', metadata: METADATA, startUs: START_US, rows: 3, cols: 4, dataType: 'uint16' });
const samples = samplesTable({ kind: 'gpio', source: 'g.gpio', metadata: METADATA, startUs: START_US });

describe('NDJSON and CSV sinks', () => {
  const dir = useTempDir();

  it('writes NDJSON with exact u64, ISO microsecond timestamps, arrays for pixels and null for invalid frames', async () => {
    const path = dir.file('f.ndjson');
    await writeRecords(frames, makeFrames(3), 'ndjson', path);
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(lines.length).to.equal(3);
    const first = parseJson(lines[0]!) as Record<string, unknown>;
    expect(first.tsc).to.equal(BIG_TSC);
    expect(first.timestamp).to.equal('2022-04-01T07:27:06.332008Z');
    expect(first.frame_index).to.equal(0);
    expect(first.pixels_uint16).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect([first.pixels_uint8, first.pixels_float32]).to.deep.equal([null, null]);
    const dropped = parseJson(lines[1]!) as Record<string, unknown>;
    expect(dropped.status).to.equal('dropped');
    expect(dropped.pixels_uint16).to.equal(null);
    expect((parseJson(lines[2]!) as Record<string, unknown>).tsc).to.equal(null);
  });

  it('writes NaN as null in NDJSON', async () => {
    const path = dir.file('s.ndjson');
    await writeRecords(samples, makeSamples(4), 'ndjson', path);
    const values = (await readFile(path, 'utf8')).trimEnd().split('\n').map((l) => (JSON.parse(l) as { value: unknown }).value);
    expect(values).to.deep.equal([0, 1, 2, null]);
  });

  it('writes CSV with a header, NaN as an empty field and quoted JSON arrays', async () => {
    const path = dir.file('s.csv');
    await writeRecords(samples, makeSamples(4), 'csv', path);
    expect(await readFile(path, 'utf8')).to.equal(
      [
        'channel_index,channel,offset_us,timestamp,time_s,value,unit',
        `0,Digital GPI 0,0,${formatTimestampUs(BigInt(START_US))},0,0,`,
        `1,GPIO-1,100,${formatTimestampUs(BigInt(START_US + 100))},0.0001,1,`,
        `0,Digital GPI 0,200,${formatTimestampUs(BigInt(START_US + 200))},0.0002,2,`,
        `1,GPIO-1,300,${formatTimestampUs(BigInt(START_US + 300))},0.0003,,`,
        '',
      ].join('\n'),
    );
    const framePath = dir.file('f.csv');
    await writeRecords(frames, makeFrames(2), 'csv', framePath);
    const [header, row0, row1] = (await readFile(framePath, 'utf8')).split('\n');
    expect(header).to.equal('frame_index,timestamp,time_s,status,tsc,rows,cols,pixel_type,pixels_uint8,pixels_uint16,pixels_float32');
    expect(row0).to.equal(`0,2022-04-01T07:27:06.332008Z,0.000007,valid,${BIG_TSC},3,4,uint16,,"[0,1,2,3,4,5,6,7,8,9,10,11]",`);
    expect(row1).to.equal(`1,2022-04-01T07:27:06.382008Z,0.050007,dropped,${BIG_TSC + 1n},3,4,uint16,,,`);
  });

  it('writes only a header for an empty CSV table', async () => {
    const path = dir.file('empty.csv');
    await writeRecords(samples, [], 'csv', path);
    expect(await readFile(path, 'utf8')).to.equal('channel_index,channel,offset_us,timestamp,time_s,value,unit\n');
  });

  it('formats timestamps before 1970 with a positive fraction', () => {
    expect(formatTimestampUs(-1n)).to.equal('1969-12-31T23:59:59.999999Z');
    expect(formatTimestampUs(0n)).to.equal('1970-01-01T00:00:00.000000Z');
  });

  it('formats timestamps in and across seconds in any order', () => {
    const us = [1_648_798_026_999_999n, 1_648_798_027_000_000n, 1_648_798_026_000_001n, 1_648_798_026_500_000n, -1_000_000n, 1_648_798_026_000_000n];
    expect(us.map(formatTimestampUs)).to.deep.equal([
      '2022-04-01T07:27:06.999999Z',
      '2022-04-01T07:27:07.000000Z',
      '2022-04-01T07:27:06.000001Z',
      '2022-04-01T07:27:06.500000Z',
      '1969-12-31T23:59:59.000000Z',
      '2022-04-01T07:27:06.000000Z',
    ]);
  });

  it('streams to a Writable and ends it', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const sink = await openSink('ndjson', out, samples.schema);
    await writeTable([samples.toBatch(makeSamples(2))], sink);
    expect(out.writableEnded).to.equal(true);
    expect(Buffer.concat(chunks).toString().split('\n').length).to.equal(3);
  });

  // Issue 11.6: float32 values print as the shortest decimal that reads back as the same float32.
  const F32_CASES: [number, string][] = [
    [Math.fround(0.1), '0.1'],
    [Math.fround(1 / 3), '0.33333334'],
    [Math.fround(-1 / 3), '-0.33333334'],
    [Math.fround(0.3822034), '0.3822034'],
    [2 ** -149, '1e-45'], // the smallest subnormal
    [Math.fround(1.1754942e-38), '1.1754942e-38'], // the largest subnormal
    [3.4028234663852886e38, '3.4028235e+38'], // the largest float32
    [16777216, '16777216'],
    [Math.fround(1e10), '10000000000'],
    [Math.fround(123456.789), '123456.79'],
    [1, '1'],
    [-0, '0'],
  ];

  it('writes float32 values as the shortest decimal that reads back as the same float32', () => {
    for (const [value, text] of F32_CASES) {
      expect(String(shortestFloat32(value)), String(value)).to.equal(text);
      expect(Math.fround(shortestFloat32(value))).to.equal(value);
    }
  });

  it('finds the same shortest float32 decimals as trying 1 to 9 significant digits, over random float32s, and writes them as String does', () => {
    const bits = new Uint32Array(1);
    const float = new Float32Array(bits.buffer);
    let seed = 42;
    const wrong: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      bits[0] = seed;
      const value = float[0]!;
      if (!Number.isFinite(value) || value === 0) continue;
      let digits = 1;
      while (Math.fround(Number(value.toPrecision(digits))) !== value) digits++;
      const expected = String(Number(value.toPrecision(digits)));
      if (String(shortestFloat32(value)) !== expected || float32Text(value) !== expected) wrong.push(`bits 0x${seed.toString(16)}: ${expected}`);
    }
    // Every float32 from 1e-7 to 2 on a fine grid, where long tables' values are, and the edges of the fast path.
    for (let x = 1e-7; x < 2; x *= 1.0001) {
      const value = Math.fround(x);
      if (float32Text(value) !== String(shortestFloat32(value))) wrong.push(`${value}`);
    }
    for (const value of [0, -0, Math.fround(1e-6), Math.fround(9.999999e-7), 2 ** -149, 3.4028234663852886e38, 16777216, 2 ** 51, -1.5]) {
      if (float32Text(value) !== String(shortestFloat32(value))) wrong.push(`${value}`);
    }
    expect(wrong).to.deep.equal([]);
  });

  it('writes float32 columns and float32 lists shortest in NDJSON and CSV, NaN and Infinity as null', async () => {
    const values = [...F32_CASES.map(([v]) => v), NaN, Infinity, -Infinity];
    const texts = F32_CASES.map(([, text]) => text);
    const records: SampleRecord[] = values.map((value, i) => ({ channelIndex: 0, channel: 'GPI', offsetUs: i, timestampUs: START_US + i, value }));
    await writeRecords(samples, records, 'ndjson', dir.file('f32.ndjson'));
    const lines = (await readFile(dir.file('f32.ndjson'), 'utf8')).trimEnd().split('\n');
    expect(lines.map((line) => /"value":([^,}]*)/.exec(line)![1])).to.deep.equal([...texts, 'null', 'null', 'null']);
    await writeRecords(samples, records, 'csv', dir.file('f32.csv'));
    const [header, ...rows] = (await readFile(dir.file('f32.csv'), 'utf8')).trimEnd().split('\n');
    const valueColumn = header!.split(',').indexOf('value');
    expect(rows.map((row) => row.split(',')[valueColumn])).to.deep.equal([...texts, '', '', '']);

    const pixels = framesTable({ kind: 'movie', source: 'm.isxd', metadata: METADATA, startUs: START_US, rows: 1, cols: values.length, dataType: 'float32' });
    const frame: FrameRecord = { index: 0, timestampUs: START_US, status: 'valid', data: Float32Array.from(values), rows: 1, cols: values.length };
    await writeRecords(pixels, [frame], 'ndjson', dir.file('f32-list.ndjson'));
    const line = await readFile(dir.file('f32-list.ndjson'), 'utf8');
    expect(line.slice(line.indexOf('"pixels_float32":') + 17, -2)).to.equal(`[${[...texts, 'null', 'null', 'null'].join(',')}]`);
  });

  it('writes float64 columns in the shortest float64 form', async () => {
    const table = tableFromArrays({ x: Float64Array.of(0.1, 1 / 3, Math.fround(0.1), 2 ** -1074, Number.MAX_VALUE, -0, NaN) });
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeTable(table.batches, await openSink('csv', out, table.schema));
    expect(Buffer.concat(chunks).toString()).to.equal('x\n0.1\n0.3333333333333333\n0.10000000149011612\n5e-324\n1.7976931348623157e+308\n0\n\n');
  });
  it('formats doubles as String does, over seconds, float32 decimals, integers and random magnitudes', () => {
    let seed = 7;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const bits = new Uint32Array(1);
    const float = new Float32Array(bits.buffer);
    const values = [0, -0, 1e-6, -1e-6, 9.99e-7, 2 ** 51, 2 ** 51 - 1, 2 ** 53, 1e21, 0.1, 0.3, 1 / 3, 5e-324, Number.MAX_VALUE, 123456789.123];
    for (let i = 0; i < 40_000; i++) {
      values.push(Math.round(next() * 1e13) / 1e6, i * 0.05, (next() - 0.5) * 10 ** (next() * 40 - 20), Math.round(next() * 2 ** 53) / 10 ** Math.floor(next() * 20));
      bits[0] = next() * 2 ** 32;
      if (Number.isFinite(float[0]!)) values.push(float[0]!, shortestFloat32(float[0]!));
    }
    expect(values.filter((value) => numberText(value) !== String(value)).map(String)).to.deep.equal([]);
  });

  it('writes every column type of a sliced batch with nulls as the values apache-arrow reads, in NDJSON and CSV', async () => {
    const labels = vectorFromArray(['accepted', 'un"decided', '=rejected', null], new Utf8());
    const rows = 9;
    const valid = [true, false, true, true, false, true, true, true, false];
    const validity = { nullBitmap: Uint8Array.of(valid.reduce((bits, v, i) => bits | (v ? 1 << i : 0), 0), valid[8] ? 1 : 0), nullCount: valid.filter((v) => !v).length };
    const names = ['a', 'a', 'a', 'b,c', 'b,c', 'é', 'é', '', '-x'];
    const schema = new Schema([
      new Field('i32', new Int32(), true),
      new Field('i64', new Int64(), true),
      new Field('f32', new Float32(), true),
      new Field('f64', new Float64(), true),
      new Field('name', new Utf8(), true),
      new Field('status', new Dictionary(new Utf8(), new Int8()), true),
      new Field('t', new TimestampMicrosecond('UTC'), true),
    ]);
    const children = [
      makeData({ type: new Int32(), length: rows, data: Int32Array.from({ length: rows }, (_, i) => i * 1000 - 3000), ...validity }),
      makeData({ type: new Int64(), length: rows, data: BigInt64Array.from({ length: rows }, (_, i) => 2n ** 62n + BigInt(i)), ...validity }),
      makeData({ type: new Float32(), length: rows, data: Float32Array.of(0.1, NaN, 1 / 3, -Infinity, 2, 1e-7, 3.4e38, -0, 5), ...validity }),
      makeData({ type: new Float64(), length: rows, data: Float64Array.of(0.15, 0.05 * 3, 1e-7, NaN, 1e21, 2 ** 60, -12.5, 7, 8), ...validity }),
      vectorFromArray(names.map((n, i) => (valid[i] ? n : null)), new Utf8()).data[0]!,
      makeData({ type: new Dictionary(new Utf8(), new Int8()), length: rows, data: Int8Array.of(0, 1, 2, 3, 0, 1, 2, 3, 0), dictionary: labels, ...validity }),
      makeData({ type: new TimestampMicrosecond('UTC'), length: rows, data: BigInt64Array.from({ length: rows }, (_, i) => BigInt(START_US) + BigInt(i) * 999_999n - 5_000_000n * BigInt(i % 2)), ...validity }),
    ];
    const whole = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: rows, children, nullCount: 0 }));
    // An odd offset: validity bits and values no longer start at a byte or at zero.
    const batch = whole.slice(3, 9);
    const expected = (format: 'ndjson' | 'csv'): string => {
      const lines = [...Array(batch.numRows).keys()].map((row) =>
        schema.fields.map((field, j) => {
          const vector = batch.getChildAt(j)!;
          const value: unknown = vector.get(row);
          let text: string;
          if (value === null || (typeof value === 'number' && !Number.isFinite(value))) text = format === 'ndjson' ? 'null' : '';
          else if (field.name === 't') text = JSON.stringify(formatTimestampUs((vector.data[0]!.values as BigInt64Array)[row]!));
          else if (typeof value === 'string') text = JSON.stringify(value);
          else text = String(field.name === 'f32' ? shortestFloat32(value as number) : value);
          if (format === 'csv' && text.startsWith('"')) text = /[",\r\n]/.test(JSON.parse(text) as string) ? `"${(JSON.parse(text) as string).replaceAll('"', '""')}"` : (JSON.parse(text) as string);
          return format === 'ndjson' ? `${JSON.stringify(field.name)}:${text}` : text;
        }),
      );
      return format === 'ndjson' ? lines.map((l) => `{${l.join(',')}}\n`).join('') : `${schema.fields.map((f) => f.name).join(',')}\n${lines.map((l) => `${l.join(',')}\n`).join('')}`;
    };
    for (const format of ['ndjson', 'csv'] as const) {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c: Buffer) => chunks.push(c));
      await writeTable([batch], await openSink(format, out, schema));
      expect(Buffer.concat(chunks).toString(), format).to.equal(expected(format));
    }
  });
  it('writes integer and float32 lists of a sliced batch, with a null row, as their JSON arrays', async () => {
    const rows = [Uint8Array.of(0, 255), undefined, Uint8Array.of(), Uint8Array.of(7)];
    const floats = [Float32Array.of(0.1, NaN, -0, 1 / 3), Float32Array.of(Infinity), undefined, Float32Array.of(3.4028234663852886e38, 1e-7)];
    const children = [
      makeListData(new Uint8(), Uint8Array, rows),
      makeListData(new Uint16(), Uint16Array, rows.map((r) => r && Uint16Array.from(r, (v) => v * 257))),
      makeListData(new Int64(), BigInt64Array, rows.map((r) => r && BigInt64Array.from(r, (v) => -(2n ** 62n) + BigInt(v)))),
      makeListData(new Float32(), Float32Array, floats),
    ];
    const schema = new Schema(children.map((data, j) => new Field(`l${j}`, data.type, true)));
    const batch = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: 4, children, nullCount: 0 })).slice(1, 4);
    const item = (j: number, value: number | bigint): string => (j === 3 ? (Number.isFinite(value) ? String(shortestFloat32(value as number)) : 'null') : String(value));
    const lists = [...Array(batch.numRows).keys()].map((row) =>
      children.map((_, j) => {
        const list = batch.getChildAt(j)!.get(row) as { toArray(): ArrayLike<number | bigint> } | null;
        return list === null ? null : `[${Array.from(list.toArray(), (v) => item(j, v)).join(',')}]`;
      }),
    );
    expect(lists[1]![2]).to.equal('[]');
    const written = async (format: 'ndjson' | 'csv'): Promise<string> => {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c: Buffer) => chunks.push(c));
      await writeTable([batch], await openSink(format, out, schema));
      return Buffer.concat(chunks).toString();
    };
    expect(await written('ndjson')).to.equal(lists.map((row) => `{${row.map((text, j) => `"l${j}":${text ?? 'null'}`).join(',')}}\n`).join(''));
    const csvRows = lists.map((row) => row.map((text) => (text === null ? '' : text.includes(',') ? `"${text}"` : text)).join(','));
    expect(await written('csv')).to.equal(`l0,l1,l2,l3\n${csvRows.map((r) => `${r}\n`).join('')}`);
  });
  it('writes 8- to 32-bit integer lists with every digit count and both signs as their join', async () => {
    const lists = [
      Int8Array.of(-128, -1, 0, 127),
      Int32Array.of(-2147483648, -1, 0, 9, 10, 99, 100, 999, 1000, 9999, 10_000, 99_999, 100_000, 999_999, 1_000_000, 9_999_999, 10_000_000, 99_999_999, 100_000_000, 999_999_999, 1_000_000_000, 2147483647),
      Uint32Array.of(4294967295, 1_000_000_000, 999_999_999, 0),
      Int16Array.of(),
    ];
    const fields = lists.map((values, j) => {
      const type = values instanceof Int8Array ? new Int8() : values instanceof Uint32Array ? new Uint32() : values instanceof Int16Array ? new Int16() : new Int32();
      return new Field(`l${j}`, new List(new Field('item', type, false)), false);
    });
    const children = lists.map((values, j) =>
      makeData({ type: fields[j]!.type as List, length: 1, valueOffsets: Int32Array.of(0, values.length), child: makeData({ type: (fields[j]!.type as List).children[0]!.type, length: values.length, data: values }) }),
    );
    const schema = new Schema(fields);
    const batch = new RecordBatch(schema, makeData({ type: new Struct(fields), length: 1, children, nullCount: 0 }));
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeTable([batch], await openSink('ndjson', out, schema));
    expect(Buffer.concat(chunks).toString()).to.equal(`{${lists.map((values, j) => `"l${j}":[${values.join(',')}]`).join(',')}}\n`);
  });
});
