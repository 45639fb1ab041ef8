import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { parseJson } from '../../lib/json/parseJson.js';
import { openSink, writeTable } from '../../lib/sinks/index.js';
import { formatTimestampUs } from '../../lib/sinks/textValues.js';
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

  it('streams to a Writable and ends it', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const sink = await openSink('ndjson', out, samples.schema);
    await writeTable([samples.toBatch(makeSamples(2))], sink);
    expect(out.writableEnded).to.equal(true);
    expect(Buffer.concat(chunks).toString().split('\n').length).to.equal(3);
  });
});
