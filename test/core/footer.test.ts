import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { FileSource } from '../../lib/io/fileSource.js';
import { readFooter } from '../../lib/isxd/footer.js';
import { encodeFooter } from '../../lib/isxd/writeFooter.js';
import { describeReal, realFixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { rejection } from '../helpers/errors.js';

async function footerOf(path: string) {
  await using source = await FileSource.open(path);
  return await readFooter(source);
}


describeReal('readFooter on real files', () => {
  it('keeps INT64_MIN metric centres of a real cell set exact', async () => {
    const footer = await footerOf(realFixture('ideas-toolbox-caiman', 'cellset_series_part1.isxd'));
    expect(footer.textLength).to.equal(4193);
    const metrics = footer.json.cellMetrics as unknown[][];
    expect(JSON.stringify(metrics[0]![1], (_k, v) => (typeof v === 'bigint' ? v.toString() : v))).to.contain('-9223372036854775808');
  });
});

describe('readFooter', () => {
  const dir = useTempDir();

  it('reads the JSON up to the first NUL when a rewritten footer left stale bytes', async () => {
    const path = dir.file('stale.isxd');
    const payload = Buffer.from([1, 2, 3, 4]);
    const old = Buffer.from(encodeFooter({ type: 0, long: 'x'.repeat(40) }));
    const fresh = Buffer.from(encodeFooter({ type: 1 }));
    // New footer written over the start of the old one; the old length still ends the file.
    const body = Buffer.concat([payload, old]);
    fresh.copy(body, payload.length);
    await writeFile(path, body);
    const footer = await footerOf(path);
    expect(footer.json).to.deep.equal({ type: 1 });
    expect(footer.payloadEnd).to.equal(4);
  });

  it('parses the footer of one open source once, however often it is asked', async () => {
    const path = dir.file('once.isxd');
    await writeFile(path, Buffer.concat([Buffer.from([1, 2]), encodeFooter({ type: 0 })]));
    await using source = await FileSource.open(path);
    let reads = 0;
    const counting = Object.assign(Object.create(source) as FileSource, {
      readAt: (offset: number, length: number, what?: string) => {
        reads++;
        return source.readAt(offset, length, what);
      },
    });
    const first = await readFooter(counting);
    const second = await readFooter(counting);
    expect(second).to.equal(first);
    expect(reads).to.equal(2);
  });

  it('rejects a file shorter than the trailer with E_TRUNCATED', async () => {
    const path = dir.file('short.isxd');
    await writeFile(path, Buffer.from([0, 0, 0]));
    const error = await rejection(footerOf(path));
    expect(error.code).to.equal('E_TRUNCATED');
    expect(error.message).to.equal(`${path}: file is 3 bytes; an .isxd file ends with a 9-byte trailer`);
  });

  it('rejects a footer length larger than the file with E_FOOTER', async () => {
    const path = dir.file('long.isxd');
    const bytes = Buffer.alloc(20);
    bytes.writeBigUInt64LE(1000n, 12);
    await writeFile(path, bytes);
    const error = await rejection(footerOf(path));
    expect(error.code).to.equal('E_FOOTER');
    expect(error.offset).to.equal(12);
  });

  it('rejects JSON that does not parse with E_JSON and the byte offset', async () => {
    const path = dir.file('bad.isxd');
    const text = Buffer.from('{"type": 0,, }');
    const bytes = Buffer.concat([Buffer.from([9, 9]), text, Buffer.from([0]), Buffer.alloc(8)]);
    bytes.writeBigUInt64LE(BigInt(text.length), bytes.length - 8);
    await writeFile(path, bytes);
    const error = await rejection(footerOf(path));
    expect(error.code).to.equal('E_JSON');
    expect(error.offset).to.equal(2 + 11);
  });

  it('rejects a footer without a NUL terminator with E_FOOTER', async () => {
    const path = dir.file('nonul.isxd');
    const text = Buffer.from('{"a":1}');
    const bytes = Buffer.concat([text, Buffer.from([0x20]), Buffer.alloc(8)]);
    bytes.writeBigUInt64LE(BigInt(text.length), bytes.length - 8);
    await writeFile(path, bytes);
    expect((await rejection(footerOf(path))).code).to.equal('E_FOOTER');
  });

  it('rejects a missing file with E_IO naming it', async () => {
    const error = await rejection(footerOf(dir.file('missing.isxd')));
    expect(error.code).to.equal('E_IO');
    expect(error.message).to.contain('file does not exist');
  });
});
